"""The one configured Markdown renderer (stock Python-Markdown) and its sanitiser."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md_lib
import nh3

from . import quick_markdown

TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "del", "abbr", "q", "cite", "small", "span", "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
EXTENSIONS = ["tables", "sane_lists"]

_renderer = md_lib.Markdown(extensions=EXTENSIONS, output_format="html")  # stock: only its documented interface


@lru_cache(maxsize=8192)
def render(text: str) -> str:
    """Markdown to sanitised HTML: no script, event handler or javascript: URL survives.

    Each distinct text is rendered once per process. Most texts are plain paragraphs,
    which quick_markdown writes as Python-Markdown would (property tests hold it to that).
    """
    quick = quick_markdown.render(text.strip("\n"), python_markdown)
    if quick is not None:
        out, raw = quick
        return sanitise(out) if raw else out
    return sanitise(python_markdown(text))


def python_markdown(text: str) -> str:
    """Markdown to HTML by Python-Markdown itself, not yet sanitised."""
    _renderer.reset()
    return _renderer.convert(text)


def sanitise(raw: str) -> str:
    """HTML reduced to the tags and attributes Markdown may produce, with safe URLs only."""
    return nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer", strip_comments=True)


def render_inline(text: str) -> str:
    """Markdown for a short text, without the wrapping paragraph."""
    out = render(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        return out[3:-4]
    return out


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))
