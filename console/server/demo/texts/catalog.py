"""Reads the message templates written in the text modules and indexes them.

Templates are plain text so Chinese and English can be written naturally. A block starts with a
header line "== key | tags | flags". Inside a block, consecutive lines are one paragraph (joined
without a space in Chinese and Japanese, with a space in English and Korean); a blank line, a
line starting with "- " and the line after one ending in a slot start a new line. Opening
scenarios: the first line after the header is the subject. Reply pools: variants are separated
by a line "--"; a pool header "key_a/key_b.stage" serves several scenarios or categories.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.core.domain import Category, Priority

_JOIN = {"zh": "", "ja": "", "en": " ", "ko": " "}


@dataclass(frozen=True, slots=True)
class Scenario:
    key: str
    category: Category
    language: str
    subject: str
    body: str
    tags: tuple[str, ...]
    priority: Priority | None  # None: decided by the ticket builder
    transfer: (
        str | None
    )  # "deposit" / "withdrawal": the case is about one of the customer's transfers
    assets: tuple[str, ...]  # restrict the asset slot; empty = any
    networks: tuple[str, ...]  # restrict the network slot; empty = any the asset supports
    pool: str  # reply pool family; defaults to the category


def _paragraphs(lines: list[str], language: str) -> str:
    out: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("- "):
            if current:
                out.append(_JOIN[language].join(current))
                current = []
            if line:
                out.append(line)
            continue
        if current and current[-1].endswith("}"):
            # A line ending in a value (a hash, an address) stays on its own line.
            out.append(_JOIN[language].join(current))
            current = []
        current.append(line)
    if current:
        out.append(_JOIN[language].join(current))
    return "\n".join(out)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("== "):
            blocks.append((line[3:].strip(), []))
        elif blocks:
            blocks[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"text before the first block header: {line!r}")
    return blocks


_PRIORITY_FLAGS = {"!": Priority.URGENT, "^": Priority.HIGH, "v": Priority.LOW}


def parse_openings(text: str, category: Category, language: str) -> list[Scenario]:
    scenarios = []
    for header, lines in _blocks(text):
        parts = [part.strip() for part in header.split("|")] + ["", ""]
        key, tag_tokens, flag_tokens = parts[0], parts[1].split(), parts[2].split()
        # A priority mark written among the tags still counts as a flag.
        flag_tokens += [t for t in tag_tokens if t in _PRIORITY_FLAGS]
        tags = [t for t in tag_tokens if t not in _PRIORITY_FLAGS]
        priority = None
        transfer = None
        assets: tuple[str, ...] = ()
        networks: tuple[str, ...] = ()
        pool = category.value
        for flag in flag_tokens:
            if flag in _PRIORITY_FLAGS:
                priority = _PRIORITY_FLAGS[flag]
            elif flag in ("deposit", "withdrawal"):
                transfer = flag
            elif flag.startswith("assets="):
                assets = tuple(flag.removeprefix("assets=").split("/"))
            elif flag.startswith("networks="):
                networks = tuple(flag.removeprefix("networks=").split("/"))
            elif flag.startswith("pool="):
                pool = flag.removeprefix("pool=")
            else:
                raise ValueError(f"unknown flag {flag!r} in {key}")
        while lines and not lines[0].strip():
            lines.pop(0)
        if len(lines) < 2:
            raise ValueError(f"scenario {key} needs a subject and a body")
        scenarios.append(
            Scenario(
                key=key,
                category=category,
                language=language,
                subject=lines[0].strip(),
                body=_paragraphs(lines[1:], language),
                tags=tuple(tags),
                priority=priority,
                transfer=transfer,
                assets=assets,
                networks=networks,
                pool=pool,
            )
        )
    return scenarios


def parse_pools(text: str, language: str) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    for key, lines in _blocks(text):
        variants: list[list[str]] = [[]]
        for line in lines:
            if line.strip() == "--":
                variants.append([])
            else:
                variants[-1].append(line)
        texts = [t for t in (_paragraphs(v, language) for v in variants) if t]
        # "a/b.stage" files the same texts under a.stage and b.stage.
        families, _, stage = key.rpartition(".")
        for family in families.split("/"):
            pools.setdefault(f"{family}.{stage}", []).extend(texts)
    return pools
