"""A quote that slipped from its article: the closest passage, a caret under the first difference, the kind of slip;
each error at its own language's line; and the `check` command's lines for source URLs."""

from __future__ import annotations

import shutil

import pytest

from tathya.errors import BuildFailed
from tathya.linkcheck import links_from_site
from tathya.slips import caret_pad, width

K = "content/checks/kerala/claims.yaml"
CLAIMS = """\
title: {hi: "केरल में मानसून", en: "Monsoon in Kerala"}
summary: {hi: "नहीं।", en: "No."}
published: 2025-05-01
source:
  title: "केरल में मानसून"
  publisher: Example News
  date: 2025-04-30
  url: https://example.org/kerala
claims:
  - id: kerala-onset
    verdict: false
    claim: {hi: "मानसून जल्दी आएगा।", en: "The monsoon comes early."}
    quote:
      hi: "HI"
      en: "EN"
    reality: {hi: "सामान्य है।", en: "It is normal."}
    sources:
      - title: IMD
        url: https://example.org/imd
        publisher: IMD
        archive_url: https://archive.example.org/imd
      - title: Forecast
        url: https://example.org/forecast
"""
ARTICLE_HI = """\
---
title: केरल में मानसून
---
मौसम विभाग ने बुधवार को बताया।

केरल में मानसून इस साल 20 दिन पहले पहुंचेगा।
किसान \u095bरूर खुश होंगे।
"""
ARTICLE_EN = """\
---
title: Monsoon in Kerala
---
The weather office said on Wednesday that the monsoon will reach Kerala
20 days early \u2014 a \u201crecord\u201d for the well-known season.
"""
HI = "केरल में मानसून इस साल 20 दिन पहले पहुंचेगा"
EN = "the monsoon will reach Kerala 20 days early"


def write_check(tree, hi: str = HI, en: str = EN) -> None:
    """Replace the fixture's check with the kerala check, its quotes as given."""
    shutil.rmtree(tree.path("checks/moon-cheese"))
    tree.write("checks/kerala/claims.yaml", CLAIMS.replace('"HI"', f'"{hi}"').replace('"EN"', f'"{en}"'))
    tree.write("checks/kerala/article.hi.md", ARTICLE_HI)
    tree.write("checks/kerala/article.en.md", ARTICLE_EN)


def error(tree, **quotes) -> str:
    """The one error the build reports, whole."""
    write_check(tree, **quotes)
    with pytest.raises(BuildFailed) as info:
        tree.load()
    (only,) = info.value.errors
    return str(only)


def test_anusvara_for_chandrabindu_is_named_under_a_caret(tree):
    assert error(tree, hi='केरल में मानसून इस साल 20 दिन पहले पहुँचेगा') == (
        f"{K}:14: claim 'kerala-onset': the hi quote is not in article.hi.md; copy the passage exactly as it appears in article.hi.md\n"
        '    quote:   ... इस साल 20 दिन पहले पहुँचेगा\n'
        '    article: ... इस साल 20 दिन पहले पहुंचेगा।   (article.hi.md:6)\n'
        '                                    ^ the article has ं (anusvara) where the quote has ँ (chandrabindu)'
    )


def test_an_anusvara_the_article_lacks_is_named_under_its_letter_at_the_end_of_the_quote(tree):
    assert error(tree, hi="इस साल 20 दिन पहलें") == (
        f"{K}:14: claim 'kerala-onset': the hi quote is not in article.hi.md; copy the passage exactly as it appears in article.hi.md\n"
        "    quote:   इस साल 20 दिन पहलें\n"
        "    article: इस साल 20 दिन पहले   (article.hi.md:6)\n"
        "                             ^ the quote has ं (anusvara) here that the article does not"
    )


def test_a_missing_nukta_is_named_when_the_article_has_the_precomposed_letter(tree):
    assert error(tree, hi='किसान जरूर खुश होंगे') == (
        f"{K}:14: claim 'kerala-onset': the hi quote is not in article.hi.md; copy the passage exactly as it appears in article.hi.md\n"
        '    quote:   किसान जरूर खुश होंगे\n'
        '    article: किसान ज़रूर खुश होंगे।   (article.hi.md:7)\n'
        '                   ^ the article has ज़ (with nukta) where the quote has ज (no nukta)'
    )


def test_a_zero_width_joiner_in_the_quote_is_named(tree):
    assert error(tree, hi='इस साल 20 दिन\u200d पहले') == (
        f"{K}:14: claim 'kerala-onset': the hi quote is not in article.hi.md; copy the passage exactly as it appears in article.hi.md\n"
        '    quote:   इस साल 20 दिन\u200d पहले\n'
        '    article: इस साल 20 दिन पहले   (article.hi.md:6)\n'
        '                         ^ the quote has a zero-width joiner (U+200D) here that the article does not'
    )


def test_straight_quotes_for_curly_ones_are_named(tree):
    assert error(tree, en='a \\"record\\" for the') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   a "record" for the\n'
        '    article: a “record” for the   (article.en.md:5)\n'
        '               ^ the article has “ (curly quote) where the quote has " (straight quote)'
    )


def test_a_hyphen_for_a_dash_is_named(tree):
    assert error(tree, en='20 days early - a') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   20 days early - a\n'
        '    article: 20 days early — a   (article.en.md:5)\n'
        '                           ^ the article has — (em dash) where the quote has - (hyphen)'
    )


def test_a_word_missing_from_the_quote_is_named(tree):
    assert error(tree, en='the monsoon will Kerala 20 days early') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   the monsoon will Kerala 20 days early\n'
        '    article: the monsoon will reach Kerala 20 days early   (article.en.md:4)\n'
        "                              ^ the quote is missing the word 'reach' that the article has here"
    )


def test_a_word_the_article_lacks_is_named(tree):
    assert error(tree, en='the monsoon will surely reach Kerala') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   the monsoon will surely reach Kerala\n'
        '    article: the monsoon will reach Kerala   (article.en.md:4)\n'
        "                              ^ the quote has the word 'surely' that the article does not have here"
    )


def test_other_differences_name_the_two_words(tree):
    assert error(tree, en='well-known season in Delhi') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   well-known season in Delhi\n'
        '    article: well-known season.   (article.en.md:5)\n'
        "                              ^ the article has 'season.' where the quote has 'season'"
    )


def test_a_quote_like_nothing_in_the_article_says_so(tree):
    assert error(tree, en='nothing like this appears') == (
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md\n"
        '    quote:   nothing like this appears\n'
        '    nothing in article.en.md is close to it'
    )


def test_each_language_s_quote_error_names_that_language_s_line(tree):
    write_check(tree, hi="पूरी तरह ग़लत", en="wholly wrong")
    with pytest.raises(BuildFailed) as info:
        tree.load()
    assert [str(e).splitlines()[0] for e in info.value.errors] == [
        f"{K}:14: claim 'kerala-onset': the hi quote is not in article.hi.md; copy the passage exactly as it appears in article.hi.md",
        f"{K}:15: claim 'kerala-onset': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md",
    ]


def test_check_names_the_line_of_each_source_url_and_archive_url(tree):
    write_check(tree)
    assert [(link.url, link.where) for link in links_from_site(tree.load())] == [
        ("https://example.org/imd", f"{K}:19"),
        ("https://archive.example.org/imd", f"{K}:21"),
        ("https://example.org/forecast", f"{K}:23"),
    ]


def test_a_combining_mark_takes_no_column_and_its_caret_goes_under_its_letter():
    assert (width("पहुँचेगा"), width("ab"), width("日本")) == (5, 2, 4)
    assert (caret_pad("पहुँचेगा", 2), caret_pad("पहुँचेगा", 3), caret_pad("पहुँचेगा", 4)) == (1, 1, 2)
