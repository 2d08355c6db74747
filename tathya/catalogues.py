"""`build.py catalogues`: extract the UI strings and bring every language's catalogue up to date.

The strings come from the templates (`_`, `gettext`, `ngettext`, `pgettext`,
`npgettext`) and from tathya's own code; they go to locales/messages.pot and
are merged into every locales/<lang>/LC_MESSAGES/messages.po (Babel's extract
and update). Existing translations are kept, strings no longer used are
dropped, English (the source language) is filled in with the strings
themselves, and a file is written only when its content changed, so running
the command twice changes nothing.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .errors import ContentError
from .i18n import untranslated

SOURCE_LANGUAGE = "en"
TEMPLATE_METHODS = [("**.html", "jinja2"), ("**.xml", "jinja2"), ("**.txt", "jinja2")]


def extract(templates: Path, code: Path | None) -> Catalog:
    """Every UI string the templates (and tathya's code, when given) pass to gettext and its kin."""
    template = Catalog(fuzzy=False)
    sources = [(templates, TEMPLATE_METHODS)] + ([(code, [("*.py", "python")])] if code else [])
    for folder, methods in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), methods, keywords=DEFAULT_KEYWORDS, directory_filter=lambda d: True):
            template.add(message, None, [(str(folder / filename), lineno)], auto_comments=comments, context=context)
    return template


def po_text(catalog: Catalog, **options) -> bytes:
    """A catalogue as the bytes of its .po file (sorted, without locations: stable between runs)."""
    out = io.BytesIO()
    write_po(out, catalog, no_location=True, sort_output=True, **options)
    return out.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it holds it already; whether it was written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def display(path: Path, base: Path | None) -> str:
    """A path as printed: relative to `base` when under it."""
    try:
        return str(path.relative_to(base)) if base else str(path)
    except ValueError:
        return str(path)


def update(templates: Path, locales: Path, code: Path | None = None, shown_from: Path | None = None) -> tuple[list[Path], list[ContentError]]:
    """Refresh locales/messages.pot and every messages.po; the files written and the untranslated entries."""
    written = []
    pot, template = locales / "messages.pot", extract(templates, code)
    if write_if_changed(pot, po_text(template, omit_header=True)):
        written.append(pot)
    errors: list[ContentError] = []
    for po in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as fp:
            catalog = read_po(fp)
        # a copy for each language: update() takes the template's message objects into the catalogue
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        language = catalog.locale.language if catalog.locale else po.parent.parent.name.split("-")[0].split("_")[0]
        if language == SOURCE_LANGUAGE:
            for message in catalog:  # English UI strings are their own translation
                if not message.id:
                    continue
                if isinstance(message.id, tuple):
                    strings = message.string if isinstance(message.string, tuple) else (message.string,)
                    plural_forms = max(catalog.num_plurals, len(strings))
                    filled = [s or message.id[min(i, 1)] for i, s in enumerate(list(strings) + [""] * (plural_forms - len(strings)))]
                    message.string = tuple(filled)
                elif not message.string:
                    message.string = message.id
        if write_if_changed(po, po_text(catalog)):
            written.append(po)
        with po.open("rb") as fp:
            errors += untranslated(read_po(fp), display(po, shown_from))
    return written, errors


def main(root: Path, templates: Path, locales: Path) -> int:
    """Run the command: print the files written and every untranslated entry; 1 when there is one."""
    written, errors = update(templates, locales, root / "tathya", shown_from=Path.cwd())
    for path in written:
        print(f"updated {display(path, Path.cwd())}")
    for error in errors:
        print(error)
    if errors:
        n = len(errors)
        print(f"{n} UI string{'s' if n != 1 else ''} not translated: write {'their' if n != 1 else 'its'} msgstr, "
              "then run `python build.py catalogues` again")
        return 1
    print("every UI string is translated in every catalogue")
    return 0
