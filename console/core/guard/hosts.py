"""Host names: normalised, compared with the official domains, and judged as look-alikes.

A host is normalised the way a browser would (NFKC, lower case, ideographic dots as dots, no
trailing dot, punycode decoded for display and encoded for comparison) and is official when it
is an official domain or a subdomain of one. Everything else is unofficial; it is a look-alike
when it imitates the brand (the registrable label of an official domain, "lumen"):

- the brand under another ending or inside another domain ("lumen.co", "lumen.example.evil.com");
- the brand with extra words or hyphens ("lumen-secure.com", "mylumen.net");
- the brand spelled with look-alike characters: Cyrillic/Greek letters, accents, 0 for o, 1 or
  I for l, "rn" for m ("lumеn.example", "1umen.com", "lurnen.com"), compared by a skeleton;
- a one-letter misspelling of the brand ("lumem.com", "luemn.com");
- any host written in punycode (xn--) or mixing scripts in one label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .tlds import HOSTING_SUFFIXES, SECOND_LEVEL_LABELS

__all__ = ["Host", "Officials", "normalise_host", "registrable_label", "skeleton"]

_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "г": "r", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ь": "b", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "һ": "h", "ɡ": "g",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        # Latin look-alikes and digits
        "ı": "i", "ł": "l", "ɩ": "i", "ɑ": "a", "ʟ": "l", "ø": "o", "đ": "d", "ħ": "h",
        "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
        # i, I and l look the same in many fonts
        "i": "l", "|": "l",
    }
)  # fmt: skip
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC")


def skeleton(label: str) -> str:
    """What a label looks like: accents dropped, look-alike characters folded, only a-z left."""
    decomposed = unicodedata.normalize("NFKD", label.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = plain.translate(_CONFUSABLES).replace("rn", "m").replace("vv", "w")
    return _NOT_ALNUM.sub("", folded)


@dataclass(frozen=True, slots=True)
class Host:
    ascii: str  # lower case, punycode for non-ASCII labels: how hosts are compared
    display: str  # lower case, Unicode labels: how the agent is told about it
    punycode: bool  # written with an xn-- label
    non_ascii: bool  # written with non-ASCII letters

    @property
    def labels(self) -> list[str]:
        return self.display.split(".")


@lru_cache(maxsize=4096)
def normalise_host(raw: str) -> Host | None:
    """The host as a browser resolves it; None when nothing of a host name is left."""
    text = unicodedata.normalize("NFKC", raw).translate(_DOTS).lower().strip().rstrip(".")
    if not text or ".." in text:
        return None
    ascii_labels: list[str] = []
    display_labels: list[str] = []
    punycode = non_ascii = False
    for label in text.split("."):
        if label.startswith("xn--"):
            punycode = True
            ascii_labels.append(label)
            try:
                display_labels.append(label[4:].encode("ascii").decode("punycode"))
            except (UnicodeError, ValueError):
                display_labels.append(label)
        elif label.isascii():
            ascii_labels.append(label)
            display_labels.append(label)
        else:
            non_ascii = True
            try:
                ascii_labels.append("xn--" + label.encode("punycode").decode("ascii"))
            except UnicodeError:
                ascii_labels.append(label)
            display_labels.append(label)
    return Host(".".join(ascii_labels), ".".join(display_labels), punycode, non_ascii)


def registrable_label(labels: list[str]) -> int:
    """Index of the label a registrant chose: "lumen" in lumen.example, lumen.co.uk,
    lumen.github.io."""
    if len(labels) < 2:
        return 0
    last_two = ".".join(labels[-2:])
    if len(labels) >= 3 and (
        last_two in HOSTING_SUFFIXES or (len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS)
    ):
        return len(labels) - 3
    return len(labels) - 2


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


def _mixed_script(label: str) -> bool:
    scripts = set()
    for char in label:
        if char.isalpha():
            name = unicodedata.name(char, "")
            scripts.add(next((s for s in _SCRIPTS if name.startswith(s)), name.split(" ")[0]))
    return len(scripts) > 1


class Officials:
    """The official domains, normalised, with the brand names look-alikes imitate."""

    def __init__(self, domains: Iterable[str]) -> None:
        hosts = [h for h in (normalise_host(d) for d in domains) if h is not None]
        self.domains: tuple[str, ...] = tuple(sorted({h.ascii for h in hosts}))
        brands: dict[str, str] = {}
        for host in hosts:
            labels = host.labels
            brand = skeleton(labels[registrable_label(labels)])
            if brand:
                brands.setdefault(brand, host.ascii)
        self.brands = brands  # skeleton -> the official domain it belongs to

    def is_official(self, host: Host) -> bool:
        return any(host.ascii == d or host.ascii.endswith("." + d) for d in self.domains)

    def userinfo_imitation(self, userinfo: str) -> tuple[str, str] | None:
        """(official domain, why) when the "user@" part of a URL shows an official name."""
        shape = skeleton(userinfo)
        for brand, official in self.brands.items():
            if brand in shape:
                return official, f"“{userinfo}@” puts the official name before the real host"
        return None

    def imitation(self, host: Host) -> tuple[str, str] | None:
        """(official domain, why) when `host` (not official) imitates an official one; the
        domain is "" when the host is disguised (punycode, mixed alphabets) but imitates none."""
        labels = host.labels
        registrable = registrable_label(labels)
        for brand, official in self.brands.items():
            for index, label in enumerate(labels):
                shape = skeleton(label)
                if shape != brand and not (len(brand) >= 4 and brand in shape):
                    continue
                if official in host.ascii and host.ascii != official:
                    return official, "the official domain is only part of the host name"
                if label == official.split(".")[0] or label == brand:
                    where = "another ending" if index == registrable else "another domain"
                    return official, f"the brand name “{label}” under {where}"
                if shape == brand:
                    return official, f"“{label}” spells the brand with look-alike characters"
                return official, f"“{label}” adds words or hyphens to the brand name"
            if len(brand) >= 4 and _one_edit(skeleton(labels[registrable]), brand):
                return official, f"“{labels[registrable]}” is a misspelling of the brand name"
        if host.punycode:
            return "", "the host is written in punycode (xn--)"
        if host.non_ascii and any(_mixed_script(label) for label in labels):
            return "", "a label mixes alphabets"
        return None
