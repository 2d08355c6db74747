"""UI strings come from gettext catalogues; dates and numbers are formatted per locale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tathya.i18n import format_date, format_number
from tathya.pipeline import LOCALES, ROOT, TEMPLATES


def template_strings() -> set[str]:
    """Every string the templates and code pass to gettext."""
    method_map = [("**.html", "jinja2"), ("**.xml", "jinja2")]
    found = {m[2] for m in extract_from_dir(str(TEMPLATES), method_map, keywords={"_": None, "gettext": None},
                                            directory_filter=lambda d: True)}
    found |= {m[2] for m in extract_from_dir(str(ROOT / "tathya"), [("**.py", "python")], keywords={"gettext": None})}
    return found


def load(po: Path) -> dict[str, str]:
    with po.open("rb") as fp:
        return {m.id: m.string for m in read_po(fp) if m.id}


def test_every_ui_string_is_translated_in_every_catalogue():
    strings = template_strings()
    assert "Claims and the facts" in strings and "Skip to content" in strings  # extraction sees the partials too
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        catalogue = load(po)
        missing = sorted(s for s in strings if not catalogue.get(s))
        assert missing == [], f"{po.relative_to(ROOT)} lacks translations for {missing}"


def test_hindi_catalogue_is_really_hindi():
    catalogue = load(LOCALES / "hi/LC_MESSAGES/messages.po")
    assert catalogue["Claims and the facts"] == "दावे और सच्चाई"
    latin = [k for k, v in catalogue.items() if v == k and k not in ("$%(amount)s",)]
    assert latin == [], f"untranslated (copied) Hindi entries: {latin}"


def test_dates_use_the_language_month_names():
    assert format_date(date(2025, 4, 15), "hi") == "15 अप्रैल 2025"
    assert format_date(date(2025, 4, 15), "en") == "April 15, 2025"


def test_numbers_use_indian_words_in_hindi_and_english_words_in_english():
    assert format_number(5_576_000, "hi") == "55.76 लाख"
    assert format_number(1_600_000_000, "hi") == "1.6 अरब"
    assert format_number(1_600_000_000, "en") == "1.6 billion"
    assert format_number(2048, "en") == "2,048"
    assert format_number(50000, "hi") == "50,000"
