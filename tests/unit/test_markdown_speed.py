"""tathya's quicker Markdown paths give exactly what stock Python-Markdown gives.

render() skips inline patterns that cannot match and writes plain one-line
paragraphs without Python-Markdown; both must be invisible in the output.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tathya import markdown as tm

STOCK = markdown.Markdown(extensions=tm.EXTENSIONS, output_format="html")

# Pieces that start, end or break every block and inline rule, with Hindi and English text between.
PIECES = ["a", "bc", "ख़", "हिंदी", "1", "2023", " ", "  ", "    ", "\t", "\n", "\n\n", "\r", "\r\n", "\xa0", "\u2028",
          "\x85", "\x0c", "\x02", "\x03", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "![", "<", ">",
          "&", "&amp;", "&#1;", "#", "##", "|", "-", "---", "+", "=", "===", ".", "1.", "1)", ":", "!", '"', "'",
          "<b>", "</b>", "<!--", "-->", "<https://x.org>", "<a@b.c>", "[x](https://x.org)", "[x]: /u", "  \n",
          "> ", "- ", "* ", "+ ", "1. ", "~~~", "```", "\n# ", "\n> ", "\n---\n", "\n===\n", "***", "___", "- - -",
          "[id]:", "]:", " \"t\"", "\n    ", "| a |", "|---|"]


def stock(text: str) -> str:
    STOCK.reset()
    return tm.sanitise(STOCK.convert(text))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_render_equals_stock_python_markdown(text):
    tm.render.cache_clear()
    assert tm.render(text) == stock(text)


@pytest.mark.parametrize("text", [
    "A plain sentence.", "एक सादा वाक्य, 2023 में।", "trailing spaces   ", "\n\nframed by blank lines\n\n",
    "2023. A year, or a list?", "- a list", "+ a list", "= not a heading", "a | b", "#tag", "x\xa0y",
    "mid-line - dash and + plus and = sign", "Profit & loss", "**bold** start", "line one\nline two",
])
def test_render_equals_stock_python_markdown_on_cards_like_text(text):
    tm.render.cache_clear()
    assert tm.render(text) == stock(text)


def test_every_needle_names_a_stock_pattern():
    """A renamed pattern would silently lose its shortcut; a changed one is caught by the property test."""
    assert set(tm.NEEDLES) <= set(STOCK.inlinePatterns._data)
    assert set(tm.BLOCK_NEEDLES) | {"reference"} <= set(STOCK.parser.blockprocessors._data)
    assert getattr(STOCK, "delimiters", None) is None or STOCK.delimiters.tokens == ["*", "_"]


def test_plain_text_skips_python_markdown(monkeypatch):
    """The fast path is taken for a plain sentence (else it would cost as much as before)."""
    tm.render.cache_clear()
    monkeypatch.setattr(tm._renderer, "convert", lambda text: pytest.fail("Python-Markdown was called"))
    assert tm.render("Just words, numbers 1,600 and a dollar sign: $5.6 million.\n") == (
        "<p>Just words, numbers 1,600 and a dollar sign: $5.6 million.</p>")
