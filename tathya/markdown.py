"""The one configured Markdown renderer, its sanitiser, and quote marking."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import markdown as md_lib
import nh3

TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "del", "abbr", "q", "cite", "small", "span", "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
TOKEN_RE = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>|&[#\w]+;|[^<&]", re.S)
SPACE_RE = re.compile(r"\s+")

_renderer = md_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def render(text: str) -> str:
    """Markdown to sanitised HTML: no script, event handler or javascript: URL survives."""
    _renderer.reset()
    raw = _renderer.convert(text)
    return nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer", strip_comments=True)


def render_inline(text: str) -> str:
    """Markdown for a short text, without the wrapping paragraph."""
    out = render(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        return out[3:-4]
    return out


def normalise(text: str) -> str:
    """NFC with runs of white space collapsed: the form quotes are matched in."""
    return SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


class Annotator:
    """Marks claim quotes in one rendered article and links each to its card."""

    def __init__(self, html_text: str):
        self.html = html_text
        self.chars: list[tuple[int, int, bool]] = []  # html start, end, inside an <a>
        text = []
        depth = 0
        for m in TOKEN_RE.finditer(html_text):
            if m.group(2) is not None:
                if m.group(2).lower() == "a":
                    depth += -1 if m.group(1) else 1
                continue
            self.chars.append((m.start(), m.end(), depth > 0))
            text.append(html.unescape(m.group(0)))
        self.text, self.index = self._collapse(text)
        self.owner: list[str | None] = [None] * len(self.chars)
        self.anchors: list[tuple[int, str]] = []

    @staticmethod
    def _collapse(chars: list[str]) -> tuple[str, list[int]]:
        """Collapsed text and, for each of its characters, the index of its source character."""
        out, index = [], []
        for i, ch in enumerate(chars):
            if ch.isspace():
                if not out or out[-1] == " ":
                    continue
                ch = " "
            out.append(ch)
            index.append(i)
        return "".join(out), index

    def mark(self, claim_id: str, quote: str) -> bool:
        """Mark the first free occurrence of a quote; False when it is not in the text."""
        spans = [s for q in dict.fromkeys((normalise(plain_text(render_inline(quote))), normalise(quote))) if q for s in self._find(q)]
        if not spans:
            return False
        free = [s for s in spans if all(self.owner[i] is None for i in s)]
        span = (free or spans)[0]
        for i in span:
            self.owner[i] = self.owner[i] or claim_id
        self.anchors.append((span[0], claim_id))
        return True

    def _find(self, quote: str) -> list[list[int]]:
        """Source-character indices of every occurrence of a normalised quote."""
        found, start = [], self.text.find(quote)
        while start != -1:
            found.append(list(range(self.index[start], self.index[start + len(quote) - 1] + 1)))
            start = self.text.find(quote, start + 1)
        return found

    def result(self) -> str:
        """The HTML with every marked run wrapped in <mark> inside a link to its card."""
        inserts: list[tuple[int, int, str]] = []
        anchors = {claim_id: i for i, claim_id in self.anchors}
        first_run: set[str] = set()
        for run_start, run_end, cid in self._runs():
            inside_link = self.chars[run_start][2]
            id_attr = f' id="quote-{cid}"' if cid not in first_run else ""
            first_run.add(cid)
            open_tag = f'<mark{id_attr} class="quote">' if inside_link else f'<a{id_attr} class="quote" href="#claim-{cid}"><mark>'
            close_tag = "</mark>" if inside_link else "</mark></a>"
            inserts.append((self.chars[run_start][0], 1, open_tag))
            inserts.append((self.chars[run_end][1], 0, close_tag))
        for cid, i in anchors.items():
            if cid not in first_run:  # fully inside another claim's passage
                inserts.append((self.chars[i][0], 2, f'<span id="quote-{cid}"></span>'))
        out = self.html
        for pos, _, tag in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
            out = out[:pos] + tag + out[pos:]
        return out

    def _runs(self):
        """Maximal runs of characters owned by one claim with no tag between them."""
        run = None
        for i, cid in enumerate(self.owner):
            adjacent = run and run[2] == cid and self.chars[i - 1][1] == self.chars[i][0]
            if cid and adjacent:
                run[1] = i
                continue
            if run:
                yield tuple(run)
            run = [i, i, cid] if cid else None
        if run:
            yield tuple(run)
