"""gettext catalogues (read through Babel) and per-locale formatting."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import babel
from babel.dates import format_date as babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal

from .errors import ContentError

COMPACT_FROM = 100_000
PENDING = "translation pending"


class MissingTranslation(Exception):
    """A UI string that a language's catalogue does not translate: where to write it, and what to do."""

    def __init__(self, path: Path, line: int, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = str(path), line, problem, fix
        super().__init__(f"{path}:{line}: {problem}; {fix}" if line else f"{path}: {problem}; {fix}")


class Catalogue:
    """One language's UI strings; asking for an untranslated one is an error, or in the preview a pending mark.

    `messages` maps a msgid to its msgstr, and (msgctxt, msgid) to the msgstr of
    an entry with a context; `lines` gives each entry's line in the .po file.
    With `preview`, an untranslated string is its English source text, followed
    in other languages by "[translation pending]", as for content.
    """

    def __init__(self, lang: str, messages: dict, path: Path, lines: dict | None = None, preview: bool = False):
        self.lang = lang
        self.messages = messages
        self.path = path
        self.lines = lines or {}
        self.preview = preview

    def gettext(self, message: str) -> str:
        """The translation of a UI string (raises MissingTranslation)."""
        return self.lookup(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural translation, by the language's plural rule."""
        return self.gettext(self.plural_choice(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        """The translation of a UI string in a context (msgctxt), e.g. pgettext("footer", "Published by")."""
        return self.lookup((context, message), message, context)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """The singular or plural translation of a UI string in a context."""
        message = self.plural_choice(singular, plural, n)
        return self.lookup((context, message), message, context)

    def plural_choice(self, singular: str, plural: str, n: int) -> str:
        form = locale_of(self.lang).plural_form(n)
        return singular if form == "one" else plural

    def lookup(self, key, message: str, context: str | None = None) -> str:
        """A translation, or MissingTranslation naming where to write it and the command that lists them."""
        text = self.messages.get(key)
        if not text and self.preview:
            return message if self.lang.split("-")[0] == "en" else f"{message} [{self.messages.get(PENDING) or PENDING}]"
        if text is None:
            raise MissingTranslation(self.path, 0, f"{entry_name(message, context)} has no translation",
                                     "run `python build.py catalogues` to add it to the catalogue, then write its msgstr")
        if not text:
            raise MissingTranslation(self.path, self.lines.get(key, 0), f"{entry_name(message, context)} is not translated",
                                     "write its msgstr (`python build.py catalogues` lists every one)")
        return text


def entry_name(message_id, context: str | None) -> str:
    """How messages name a catalogue entry: UI string 'Published by' (context 'footer')."""
    first = message_id[0] if isinstance(message_id, tuple) else message_id
    return f"UI string {first!r}" + (f" (context {context!r})" if context else "")


def untranslated(catalog, shown_as: str, fix: str = "write its msgstr") -> list[ContentError]:
    """The entries of a read .po file with an empty msgstr (any plural form counts), at their lines."""
    return [ContentError(shown_as, m.lineno, f"{entry_name(m.id, m.context)} is not translated", fix)
            for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))]


def load_catalogues(locales: Path, languages: tuple[str, ...], sink: list[ContentError],
                    preview: bool = False) -> dict[str, Catalogue]:
    """The catalogue of every language, checking that none has an untranslated entry (the preview shows them pending)."""
    catalogues = {}
    for lang in languages:
        path = next((p for code in (lang, lang.split("-")[0]) if (p := locales / code / "LC_MESSAGES" / "messages.po").is_file()), None)
        if path is None:
            sink.append(ContentError(str(locales / lang / "LC_MESSAGES" / "messages.po"), 0, f"no UI translation for language '{lang}'",
                                     "copy locales/en/LC_MESSAGES/messages.po there and translate it"))
            continue
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=None)
        if not preview:
            sink += untranslated(catalog, str(path), "write its msgstr (`python build.py catalogues` lists every one)")
        messages, lines = {}, {}
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            keys = [(message.context, i) if message.context else i for i in ids]
            messages.update(zip(keys, strings))
            lines.update(dict.fromkeys(keys, message.lineno))
        catalogues[lang] = Catalogue(lang, messages, path, lines, preview)
    return catalogues


@lru_cache(maxsize=None)
def locale_of(lang: str) -> babel.Locale:
    """The Babel locale for a BCP 47 code."""
    return babel.Locale.parse(lang, sep="-")


@lru_cache(maxsize=None)
def language_name(lang: str) -> str:
    """A language's name in itself, e.g. हिन्दी, English."""
    return locale_of(lang).get_display_name(locale_of(lang)) or lang


@lru_cache(maxsize=4096)
def format_date(value: date, lang: str) -> str:
    """A date in the language's long form, e.g. 15 अप्रैल 2025."""
    return babel_format_date(value, "long", locale=locale_of(lang))


@lru_cache(maxsize=16384)
def format_number(value: int | float, lang: str) -> str:
    """A number with the locale's digits and grouping; large ones in words (55.76 लाख)."""
    if abs(value) >= COMPACT_FROM:
        return format_compact_decimal(value, format_type="long", fraction_digits=2, locale=locale_of(lang))
    return format_decimal(value, locale=locale_of(lang))
