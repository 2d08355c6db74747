"""Claims' quotes found in their rendered article, marked and linked to their cards."""

from __future__ import annotations

import bisect
import html
import re

from markupsafe import Markup

from .errors import Errors
from .files import nfc
from .markdown import plain_text, render, render_inline
from .models import Claim, Document
from .slips import explain
from .claims import lines_at

PIECE_RE = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>|&[#\w]+;|[^<&]+", re.S)
LONG_SPACE_RE = re.compile(r"\s{2,}")
BREAK = "\0"  # stands between blocks in the article's text; no quote holds it
BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table thead tbody tr td th div hr br dl dt dd figure figcaption".split())
MARKUP_RE = re.compile(r"[*_`\[\]<>&\\]")


def annotate_articles(articles: dict[str, Document], claims: tuple[Claim, ...], errs: Errors) -> dict[str, Markup]:
    """Each article rendered, with every claim's quote marked and linked to its card."""
    rendered = {}
    for lang, doc in articles.items():
        headline = f'<p class="article-headline">{html.escape(doc.title)}</p>\n' if doc.title else ""
        annotator = Annotator(headline + render(doc.body))
        for index, claim in enumerate(claims):
            if lang in claim.quote.pending:  # the preview's stand-in text: nothing to find in this language
                continue
            if not annotator.mark(claim.id, claim.quote[lang]):
                report_slip(claim, index, lang, doc, errs)
        rendered[lang] = Markup(annotator.result())  # sanitised by render(); the marks are tathya's own
    return rendered


def report_slip(claim: Claim, index: int, lang: str, doc: Document, errs: Errors) -> None:
    """The error for a quote not in its article: at the quote's line in that language, with the closest passage."""
    quote = claim.quote[lang]
    plain = normalise(plain_text(render_inline(quote)) if MARKUP_RE.search(quote) else quote)
    name = f"article.{lang}.md"
    line = lines_at("\n".join(errs.lines), [("claims", index, "quote", lang)])[0] or claim.line
    errs.add(line, f"claim '{claim.id}': the {lang} quote is not in {name}", f"copy the passage exactly as it appears in {name}",
             detail="\n".join(explain(plain, doc.body, doc.body_line, doc.title, name)))


def normalise(text: str) -> str:
    """NFC with runs of white space collapsed: the form quotes are matched in."""
    return " ".join(nfc(text).split())


class Annotator:
    """Marks claim quotes in one rendered article and links each to its card.

    The article's visible text is the concatenation of its text pieces (runs of
    characters between tags, and entities). A quote matches that text with any
    run of white space standing for any other, so line breaks, emphasis and
    links inside a passage do not stop a match.
    """

    def __init__(self, html_text: str):
        self.html = html_text
        self.pieces: list[tuple[int, int, int, bool, bool]] = []  # text start, html start, html end, in <a>, literal
        self.starts: list[int] = []
        text, depth, length = [], 0, 0
        for m in PIECE_RE.finditer(html_text):
            if m.group(2) is not None:
                name = m.group(2).lower()
                if name == "a":
                    depth += -1 if m.group(1) else 1
                elif name in BLOCKS:  # a quote never runs from one block into the next: no piece, no match across
                    text.append(BREAK)
                    length += 1
                continue
            piece = m.group(0)
            literal = piece[0] != "&"
            value = piece if literal else html.unescape(piece)
            self.pieces.append((length, m.start(), m.end(), depth > 0, literal))
            self.starts.append(length)
            text.append(value)
            length += len(value)
        self.text = "".join(text)
        self.flat, self.shifts = collapse(self.text)
        self.owned: list[tuple[int, int, str]] = []  # text spans given to claims, in marking order
        self.anchors: list[tuple[int, str]] = []

    def mark(self, claim_id: str, quote: str) -> bool:
        """Mark the first free occurrence of a quote; False when it is not in the text."""
        spans = self._find(normalise(quote))
        if not spans and MARKUP_RE.search(quote):  # the editor copied the Markdown along with the words
            spans = self._find(normalise(plain_text(render_inline(quote))))
        if not spans:
            return False
        free = [s for s in spans if not any(a < s[1] and s[0] < b for a, b, _ in self.owned)]
        start, end = (free or spans)[0]
        for a, b in self._unowned(start, end):
            self.owned.append((a, b, claim_id))
        self.anchors.append((start, claim_id))
        return True

    def _find(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of a normalised quote, as spans of the article's text."""
        spans, at = [], self.flat.find(quote) if quote else -1
        while at != -1:
            spans.append((self._original(at), self._original(at + len(quote) - 1) + 1))
            at = self.flat.find(quote, at + 1)
        return spans

    def _original(self, index: int) -> int:
        """Where a character of the collapsed text stands in the full text."""
        i = bisect.bisect_right(self.shifts, (index, float("inf"))) - 1
        return index + (self.shifts[i][1] if i >= 0 else 0)

    def _unowned(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of a span that no earlier claim has taken."""
        parts = [(start, end)]
        for a, b, _ in self.owned:
            parts = [p for s, e in parts for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
        return parts

    def _html_offset(self, index: int, piece: tuple, at_end: bool) -> int:
        text_start, html_start, html_end, _, literal = piece
        if literal:
            return html_start + index - text_start
        return html_end if at_end else html_start

    def result(self) -> str:
        """The HTML with every marked run wrapped in <mark> inside a link to its card."""
        inserts: list[tuple[int, int, str]] = []
        first: set[str] = set()
        for html_start, html_end, inside_link, cid in self._runs():
            id_attr = f' id="quote-{cid}"' if cid not in first else ""
            first.add(cid)
            open_tag = f'<mark{id_attr} class="quote">' if inside_link else f'<a{id_attr} class="quote" href="#claim-{cid}"><mark>'
            inserts.append((html_start, 1, open_tag))
            inserts.append((html_end, 0, "</mark>" if inside_link else "</mark></a>"))
        for start, cid in self.anchors:
            if cid not in first:  # wholly inside another claim's passage
                piece = self.pieces[bisect.bisect_right(self.starts, start) - 1]
                inserts.append((self._html_offset(start, piece, False), 2, f'<span id="quote-{cid}"></span>'))
        out, last = [], len(self.html)
        for pos, _, tag in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
            out.append(self.html[pos:last])
            out.append(tag)
            last = pos
        out.append(self.html[:last])
        return "".join(reversed(out))

    def _runs(self):
        """(html start, html end, inside a link, claim) for each piece of each owned span, merged where adjacent."""
        runs: list[list] = []
        for start, end, cid in sorted(self.owned):
            i = bisect.bisect_right(self.starts, start) - 1
            while i < len(self.pieces) and self.pieces[i][0] < end:
                piece = self.pieces[i]
                piece_end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
                a = self._html_offset(max(start, piece[0]), piece, False)
                b = self._html_offset(min(end, piece_end), piece, True)
                if runs and runs[-1][3] == cid and runs[-1][1] == a and runs[-1][2] == piece[3]:
                    runs[-1][1] = b
                elif a < b:
                    runs.append([a, b, piece[3], cid])
                i += 1
        return [tuple(r) for r in runs]


def collapse(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text with each run of white space made one space, and where the removed characters were.

    The second value lists (index in the collapsed text, characters removed before it),
    one entry after each run that lost characters.
    """
    # str.split() finds white space as the regular expression \s does, many times faster.
    flat = " ".join(text.split())
    if text[:1].isspace():
        flat = " " + flat
    if text[-1:].isspace() and flat != " ":
        flat += " "
    shifts, removed = [], 0
    if len(flat) != len(text):  # some run of white space is longer than one character
        for m in LONG_SPACE_RE.finditer(text):
            removed += m.end() - m.start() - 1
            shifts.append((m.end() - removed, removed))
    return flat, shifts
