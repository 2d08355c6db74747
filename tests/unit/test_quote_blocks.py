"""A quote never runs from one block of the article into the next (paragraph, heading, list item)."""

from __future__ import annotations

from tathya.quotes import Annotator

CLAIMS = "checks/moon-cheese/claims.yaml"


def test_a_quote_across_a_paragraph_break_is_an_error_that_says_so(tree):
    tree.replace(CLAIMS, 'en: "$25.8 billion"', 'en: "of cheese. The Apollo missions"')
    [error] = tree.errors()  # the first line of each
    assert error == ("content/checks/moon-cheese/claims.yaml:38: claim 'cost': the en quote is not in article.en.md; "
                     "copy the passage exactly as it appears in article.en.md")


def test_the_error_says_the_words_are_split_by_markdown(tree, capsys):
    from tathya.cli import main

    tree.replace(CLAIMS, 'en: "$25.8 billion"', 'en: "of cheese. The Apollo missions"')
    assert main(["build"]) == 1
    assert ("    quote:   of cheese. The Apollo missions\n"
            "    article.en.md has these words, but split by Markdown (a heading, list item or paragraph break)") in capsys.readouterr().err


def test_blocks_stop_a_match_and_leave_the_markup_valid():
    html = "<p>It rained for a century.</p>\n<h2>Now</h2>\n<ul>\n<li>Farmers should plant.</li>\n</ul>"
    annotator = Annotator(html)
    assert not annotator.mark("a", "century. Now")
    assert not annotator.mark("b", "Now Farmers")
    assert annotator.mark("c", "Farmers should plant")
    assert annotator.result() == html.replace("<li>Farmers should plant.", '<li><a id="quote-c" class="quote" href="#claim-c">'
                                              "<mark>Farmers should plant</mark></a>.")
