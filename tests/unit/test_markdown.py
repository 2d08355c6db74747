"""The Markdown renderer's sanitising and the marking of quotes in an article."""

from tathya.markdown import render
from tathya.quotes import Annotator


def marked(html: str, *quotes: tuple[str, str]) -> str:
    annotator = Annotator(html)
    for claim_id, quote in quotes:
        assert annotator.mark(claim_id, quote), quote
    return annotator.result()


def test_quote_across_emphasis_is_marked_in_runs_linked_to_the_card():
    html = render("Hello *big*  world.")
    assert marked(html, ("c", "big world")) == (
        '<p>Hello <em><a id="quote-c" class="quote" href="#claim-c"><mark>big</mark></a></em>'
        '<a class="quote" href="#claim-c"><mark>  world</mark></a>.</p>')


def test_quote_inside_a_link_is_marked_without_nesting_links():
    html = render("See [the report](https://example.org/r) now.")
    assert marked(html, ("c", "the report")) == (
        '<p>See <a href="https://example.org/r" rel="noopener noreferrer"><mark id="quote-c" class="quote">the report</mark></a> now.</p>')


def test_quote_with_an_entity_and_line_break_matches():
    html = render("Profit & loss\nwere high.")
    assert marked(html, ("c", "Profit & loss were high")) == (
        '<p><a id="quote-c" class="quote" href="#claim-c"><mark>Profit &amp; loss\nwere high</mark></a>.</p>')


def test_quote_copied_with_its_markdown_still_matches():
    html = render("Hello *big* world.")
    assert 'id="quote-c"' in marked(html, ("c", "Hello *big* world"))


def test_overlapping_quotes_share_the_text_and_both_get_anchors():
    html = render("one two three four")
    out = marked(html, ("a", "one two three"), ("b", "two three four"), ("c", "two"))
    assert out == ('<p><a id="quote-a" class="quote" href="#claim-a"><mark>one <span id="quote-c"></span>two three</mark></a>'
                   '<a id="quote-b" class="quote" href="#claim-b"><mark> four</mark></a></p>')


def test_missing_quote_is_reported_false():
    assert Annotator(render("abc")).mark("c", "xyz") is False


def test_sanitiser_removes_script_handlers_and_javascript_urls():
    out = render('<script>alert(1)</script><a href="javascript:x()" onclick="y()">a</a><img src=x onerror=z()>')
    assert "script" not in out and "javascript" not in out and "onclick" not in out and "onerror" not in out


def test_two_claims_quoting_a_passage_that_occurs_twice_mark_each_occurrence_once():
    html = render("The cost was low. Critics said so. The cost was low.")
    out = marked(html, ("first", "The cost was low"), ("second", "The cost was low"))
    assert out == ('<p><a id="quote-first" class="quote" href="#claim-first"><mark>The cost was low</mark></a>. Critics said so. '
                   '<a id="quote-second" class="quote" href="#claim-second"><mark>The cost was low</mark></a>.</p>')


def test_a_claim_whose_passage_is_taken_everywhere_anchors_in_the_first_occurrence():
    """With every occurrence taken, a further claim anchors inside the first one rather than failing."""
    html = render("low. low.")
    out = marked(html, ("a", "low"), ("b", "low"), ("c", "low"))
    assert out.count("<mark>") == 2 and '<span id="quote-c"></span>' in out
    assert out.index('id="quote-a"') < out.index('id="quote-c"') < out.index('id="quote-b"')
