"""YAML syntax errors in editors' words, with the line and a caret; unknown keys suggest only a close key."""

from __future__ import annotations

from tathya.errors import Errors
from tathya.yamlsrc import yaml_document

C = "content/checks/moon-cheese/claims.yaml"


def errors(text: str) -> list[str]:
    """Every error, whole, of a claims.yaml-like text whose `title` gives a text per language."""
    sink: list = []
    found = yaml_document(text, Errors("claims.yaml", sink=sink), "write something")
    if found:
        read, root = found
        keys = read.mapping(root, "claims.yaml", ("title",))
        read.localized(keys["title"], "title", ("hi", "en"), False)
    return [str(e) for e in sink]


def line_of(tree, text: str) -> int:
    """The line of the fixture's claims.yaml that holds a text."""
    return next(n for n, line in enumerate(tree.path(C.removeprefix("content/")).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_tab_in_the_indent_says_use_spaces():
    assert errors('title:\n  hi: "क"\n\ten: "a"\n') == [
        'claims.yaml:3: a tab indents this line; use spaces, not tabs, to indent\n'
        '    \\ten: "a"\n'
        '    ^'
    ]


def test_a_colon_in_unquoted_text_says_put_it_in_quotes():
    assert errors('title:\n  hi: "क"\n  en: Kerala: monsoon early\n') == [
        "claims.yaml:3: a colon and a space in text without quotes start a new key; put text that contains ': ' in quotes\n"
        '    en: Kerala: monsoon early\n'
        '              ^'
    ]


def test_a_hash_that_empties_a_text_says_put_it_in_quotes():
    assert errors('title:\n  hi: "क"\n  en: #1 in Kerala\n') == [
        "claims.yaml:3: title (en) is empty: YAML reads ' #' and all after it as a comment; put text that contains ' #' in quotes\n"
        '    en: #1 in Kerala\n'
        '        ^'
    ]


def test_a_quote_never_closed_names_the_line_it_opened():
    assert errors('title:\n  hi: "केरल\n  en: Kerala\n') == [
        'claims.yaml:2: the quote mark " opened here is never closed; end the text with "\n'
        '    hi: "केरल\n'
        '        ^'
    ]


def test_a_quote_closed_lines_later_names_the_line_it_opened():
    assert errors('title:\n  hi: "केरल\n  en: "Kerala"\nsummary: x\n') == [
        'claims.yaml:2: the quote mark " opened here is not closed on this line, so the text runs on to line 3; end the text with " on this line\n'
        '    hi: "केरल\n'
        '        ^'
    ]


def test_a_double_quote_inside_double_quotes_is_named():
    assert errors('title:\n  hi: "उसने "हाँ" कहा"\n  en: x\n') == [
        'claims.yaml:2: this " inside "..." ends the text early; write \\" for a quote mark inside "...", or put the text in single quotes\n'
        '    hi: "उसने "हाँ" कहा"\n'
        '             ^'
    ]


def test_an_apostrophe_inside_single_quotes_is_named():
    assert errors("title:\n  hi: x\n  en: 'Kerala's monsoon'\n") == [
        "claims.yaml:3: this ' inside '...' ends the text early; write '' for an apostrophe inside '...', or put the text in double quotes\n"
        "    en: 'Kerala's monsoon'\n"
        '               ^'
    ]


def test_other_syntax_errors_keep_the_parser_s_words_with_a_caret():
    assert errors("title: {hi: x, en: y\nsummary: z\n") == [
        "claims.yaml:2: invalid YAML: did not find expected ',' or '}'; fix the syntax on this line\n"
        "    summary: z\n"
        "           ^"
    ]


def test_front_matter_errors_name_the_article_s_line(tree):
    tree.replace("checks/moon-cheese/article.en.md", "title: The Moon is cheese", "title: The Moon: cheese")
    assert tree.errors() == [
        "content/checks/moon-cheese/article.en.md:2: a colon and a space in text without quotes start a new key; "
        "put text that contains ': ' in quotes"
    ]


def test_an_unknown_key_in_capitals_suggests_the_key_not_a_far_one(tree):
    tree.replace(C.removeprefix("content/"), "id: cost", "ID: cost")
    line = line_of(tree, "ID: cost")
    assert tree.errors() == [f"{C}:{line}: unknown key 'ID' in claim; did you mean 'id'?"]  # not also "missing 'id'"


def test_an_unknown_key_with_no_close_key_lists_the_keys(tree):
    tree.replace("checks/moon-cheese/article.en.md", "title: The Moon is cheese", "title: The Moon is cheese\ndate: 2025-04-15")
    assert tree.errors() == [
        "content/checks/moon-cheese/article.en.md:3: unknown key 'date' in front matter; remove it (the keys front matter takes: title)"
    ]


def test_an_unknown_key_in_a_claim_lists_the_claim_s_keys(tree):
    tree.replace(C.removeprefix("content/"), "    verdict: mostly-true", "    verdict: mostly-true\n    rating: 4")
    assert tree.errors() == [
        f"{C}:{line_of(tree, 'rating: 4')}: unknown key 'rating' in claim; remove it "
        "(the keys claim takes: id, verdict, claim, quote, reality, sources, note, figures, extra)"
    ]

