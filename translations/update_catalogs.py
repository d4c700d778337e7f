"""Refresh the UI catalogs from the source: messages.pot, then en and zh_CN .po.

    .venv/bin/python translations/update_catalogs.py          # extract + merge
    .venv/bin/python translations/update_catalogs.py --check  # exit 1 if a translation is missing

Every `tr("...")` call in console/ui and console/app.py is a message. The English catalog is the
source text itself; zh_CN keeps existing translations and lists new messages with an empty
msgstr for a translator. Equivalent pybabel command for the template:

    pybabel extract -F translations/babel.cfg -k tr --no-default-keywords \\
        -o translations/messages.pot .
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "translations"
LOCALES = ("en", "zh_CN")
METHOD_MAP = [("console/ui/**.py", "python"), ("console/app.py", "python")]


def extract() -> Catalog:
    template = Catalog(
        project="Support Console",
        version="0.1.0",
        copyright_holder="Support Console",
        msgid_bugs_address="support-console@example.com",
        charset="utf-8",
    )
    found = extract_from_dir(
        str(ROOT), METHOD_MAP, keywords={"tr": None}, comment_tags=("TRANSLATORS:",)
    )
    for filename, lineno, message, comments, context in found:
        flags = ("python-brace-format",) if "{" in str(message) else ()
        template.add(
            message,
            None,
            [(filename, lineno)],
            auto_comments=comments,
            context=context,
            flags=flags,
        )
    return template


def po_path(locale: str) -> Path:
    return HERE / locale / "LC_MESSAGES" / "messages.po"


def merge(template: Catalog, locale: str) -> Catalog:
    path = po_path(locale)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
    else:
        catalog = Catalog(
            locale=locale,
            project="Support Console",
            version="0.1.0",
            copyright_holder="Support Console",
            charset="utf-8",
        )
    # update() adopts the template's message objects; each locale needs its own.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
    if locale == "en":
        for message in catalog:
            if message.id and not message.string:
                message.string = message.id
    return catalog


def missing(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing translations")
    args = parser.parse_args(argv)
    template = extract()
    problems = 0
    if not args.check:
        with (HERE / "messages.pot").open("wb") as fh:
            write_po(fh, template, width=100, sort_by_file=True)
    for locale in LOCALES:
        catalog = merge(template, locale)
        gaps = missing(catalog)
        for msgid in gaps:
            print(f"{locale}: untranslated: {msgid!r}")
        problems += len(gaps)
        if not args.check:
            po_path(locale).parent.mkdir(parents=True, exist_ok=True)
            with po_path(locale).open("wb") as fh:
                write_po(fh, catalog, width=100, sort_by_file=True, ignore_obsolete=True)
    print(f"{len(template)} messages, {problems} untranslated")
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
