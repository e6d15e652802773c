"""The message catalogues' tooling, over Babel: `python scripts/translations.py COMMAND`.

- `extract`: every `_()`, `ngettext()` and `N_()` string in app/ as a Babel Catalog;
- `update`: merges that into each resources/translations/<lang>/LC_MESSAGES/pastewarden.po
  (new strings arrive empty, removed ones are dropped), for a translator to fill in;
- `compile`: writes pastewarden.mo next to each .po. The .mo files are build output (not
  committed): installer/build.py runs this before PyInstaller, the test suite at start,
  scripts/run.sh before a run from the source tree.
Babel brings the extractor, the .po reader/.mo writer and CLDR's plural rules per language.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "app"
CATALOGUES = REPO / "resources" / "translations"
DOMAIN = "pastewarden"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}


def po_files() -> list[Path]:
    """Every language's .po file."""
    return sorted(CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """The strings the code marks for translation, with where each one is used."""
    catalog = Catalog(project="PasteWarden", domain=DOMAIN)
    found = extract_from_dir(
        str(SOURCES), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        path = f"app/{filename}"
        catalog.add(message, locations=[(path, lineno)], auto_comments=comments, context=context)
    return catalog


def read(po_path: Path) -> Catalog:
    """One language's catalogue as Babel reads it."""
    with po_path.open("rb") as handle:
        return read_po(handle)


def update() -> None:
    """Bring every .po in line with the code (translations of kept strings stay)."""
    template = extract()
    for po_path in po_files():
        catalog = read(po_path)
        catalog.update(template, no_fuzzy_matching=True)
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, ignore_obsolete=True)
        print(f"updated {po_path.relative_to(REPO)}", file=sys.stderr)


def compile_all(quiet: bool = True) -> list[Path]:
    """Write each .po's .mo beside it; returns the .mo paths."""
    written = []
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        catalog = read(po_path)
        # Written aside, then renamed: a process reading the catalogue (a test worker,
        # a running tray) sees the old file or the new one, never half of one.
        part = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        with part.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(part, mo_path)
        written.append(mo_path)
        if not quiet:
            print(f"compiled {mo_path.relative_to(REPO)}", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("extract", "update", "compile"))
    args = parser.parse_args(argv)
    if args.command == "extract":
        for message in extract():
            if message.id:
                print(message.id)
    elif args.command == "update":
        update()
    else:
        compile_all(quiet=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
