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


class MissingTranslation(Exception):
    """A UI string that a language's catalogue does not translate."""


class Catalogue:
    """One language's UI strings; asking for an untranslated one is an error."""

    def __init__(self, lang: str, messages: dict[str, str], path: Path):
        self.lang = lang
        self.messages = messages
        self.path = path

    def gettext(self, message: str) -> str:
        """The translation of a UI string (raises MissingTranslation)."""
        try:
            return self.messages[message]
        except KeyError:
            raise MissingTranslation(f"{self.path}: UI string {message!r} has no translation; add it to the catalogue") from None

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural translation, by the language's plural rule."""
        form = locale_of(self.lang).plural_form(n)
        message = singular if form == "one" else plural
        return self.gettext(message)


def load_catalogues(locales: Path, languages: tuple[str, ...], sink: list[ContentError]) -> dict[str, Catalogue]:
    """The catalogue of every language, checking that none has an untranslated entry."""
    catalogues = {}
    for lang in languages:
        path = next((p for code in (lang, lang.split("-")[0]) if (p := locales / code / "LC_MESSAGES" / "messages.po").is_file()), None)
        if path is None:
            sink.append(ContentError(str(locales / lang / "LC_MESSAGES" / "messages.po"), 0, f"no UI translation for language '{lang}'",
                                     "copy locales/en/LC_MESSAGES/messages.po there and translate it"))
            continue
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=None)
        messages = {}
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                sink.append(ContentError(str(path), message.lineno, f"UI string {ids[0]!r} is not translated", "write its msgstr"))
            messages.update(zip(ids, strings))
        catalogues[lang] = Catalogue(lang, messages, path)
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
