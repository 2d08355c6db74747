#!/usr/bin/env python3
"""Refresh locales/messages.pot from the templates and merge it into every language's .po.

Run after adding or changing a UI string in templates/ or tathya/:

    .venv/bin/python scripts/update_catalogues.py

Existing translations are kept; a new string gets an empty msgstr, and the build
refuses to run until a translator fills it in.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"


def main() -> int:
    pot = LOCALES / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_", "-k", "gettext", "--ignore-dirs=.* node_modules .venv site",
                    "--no-location", "--omit-header", "--sort-output", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True)
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        with pot.open("rb") as fp:  # read afresh for each language: update() shares the template's messages
            template = read_po(fp)
        with po.open("rb") as fp:
            catalog = read_po(fp)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if catalog.locale and catalog.locale.language == "en":
            for message in catalog:  # English UI strings are their own translation
                if message.id and not message.string:
                    message.string = message.id
        with po.open("wb") as fp:
            write_po(fp, catalog, no_location=True, sort_output=True)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{po.relative_to(ROOT)}: {len(missing)} untranslated" + (": " + ", ".join(map(repr, missing)) if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
