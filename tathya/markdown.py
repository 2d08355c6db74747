"""The one configured Markdown renderer, its sanitiser, and quote marking."""

from __future__ import annotations

import bisect
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
PIECE_RE = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>|&[#\w]+;|[^<&]+", re.S)
LONG_SPACE_RE = re.compile(r"\s{2,}")
MARKUP_RE = re.compile(r"[*_`\[\]<>&\\]")

EXTENSIONS = ["tables", "sane_lists"]

# Text that Python-Markdown turns into "<p>text</p>" and nothing else: one line with no
# character any block or inline rule looks for, not starting like a list item.
PLAIN_RE = re.compile(r"[^\s\\`*_\[\]!<>&#|=+\-\x00-\x1f\x7f-\x9f\u2028\u2029]"
                      r"[^\\`*_\[\]!<>&#|\x00-\x1f\x7f-\x9f\u2028\u2029]*")
LIST_START_RE = re.compile(r"\d+[.)]")
# A paragraph of words, emphasis and links, which is most of what editors write: Python-Markdown's
# output for it is written without Python-Markdown (see quick_paragraph). TEXT is what PLAIN_RE
# allows, EDGE the same without white space; emphasis opens after white space and closes before
# white space or a full stop, comma, semicolon, colon or question mark, around words without '*'.
TEXT = r"[^\\`*_\[\]!<>&#|\x00-\x1f\x7f-\x9f\u2028\u2029]"
EDGE = r"[^\s\\`*_\[\]!<>&#|\x00-\x1f\x7f-\x9f\u2028\u2029]"
WORDS = rf"{EDGE}(?:{TEXT}*{EDGE})?"
URL = r"https?://[A-Za-z0-9\-._~:/?#%=+,;@]+"
INLINE = (rf"(?:(?<=\s)|^)(?P<mark>\*\*?)(?P<em>{WORDS})(?P=mark)(?=[\s.,;:?]|$)"
          rf"|\[(?P<text>{WORDS})\]\((?P<url>{URL})\)")
INLINE_RE = re.compile(INLINE)
LINE_RE = re.compile(rf"(?:(?>{TEXT}+)|{INLINE})*")
LINE_START_RE = re.compile(r"\d+[.)]|[\s=+\-]")  # what could start a list, a heading's underline or code
HEADING_RE = re.compile(r"(#{2,6}) (.+)")  # a one-line heading of levels 2 to 6


_renderer = md_lib.Markdown(extensions=EXTENSIONS, output_format="html")  # stock: only its documented interface


@lru_cache(maxsize=4096)
def render(text: str) -> str:
    """Markdown to sanitised HTML: no script, event handler or javascript: URL survives."""
    plain = text.strip("\n")
    if PLAIN_RE.fullmatch(plain) and not LIST_START_RE.match(plain):
        # What Python-Markdown makes of it, some 20 times faster; with no <, > or &
        # there is nothing to sanitise, and only a no-break space would be spelled otherwise.
        return f"<p>{plain}</p>" if "\xa0" not in plain else sanitise(f"<p>{plain}</p>")
    quick = quick_paragraph(plain)
    if quick is not None:
        return quick
    if "\n\n" in plain and blocks_stand_alone(plain):
        return render_blocks(plain)
    return sanitise(python_markdown(text))


def python_markdown(text: str) -> str:
    """Markdown to HTML by Python-Markdown itself, not yet sanitised."""
    _renderer.reset()
    return _renderer.convert(text)


def quick_line(text: str) -> bool:
    """Whether a line is words, emphasis and links that the quick paths can write.

    It must start with a word (not with what could begin a list, a heading's
    underline or a code block), end without white space (which could make a line
    break), and hold no no-break space (which the sanitiser spells out). The links
    lead to http(s) addresses spelled with characters that need no escaping, so
    nothing needs sanitising.
    """
    return (bool(text) and not LINE_START_RE.match(text) and not text[-1].isspace() and "\xa0" not in text
            and LINE_RE.fullmatch(text) is not None)


def quick_paragraph(block: str) -> str | None:
    """Python-Markdown's output for a paragraph of quick lines; None for anything else."""
    if not all(quick_line(line) for line in block.split("\n")):
        return None
    return f"<p>{inline(block)}</p>"


def inline(text: str) -> str:
    """Words with emphasis and links (as LINE_RE takes them) in HTML."""
    return INLINE_RE.sub(_inline, text) if "*" in text or "[" in text else text


def quick_heading(block: str) -> str | None:
    """Python-Markdown's output for a '## heading' that is a quick line (levels 2 to 6)."""
    m = HEADING_RE.fullmatch(block)
    if not m or not quick_line(m[2]):
        return None
    level = len(m[1])
    return f"<h{level}>{inline(m[2])}</h{level}>"


def quick_list(block: str) -> str | None:
    """Python-Markdown's output for a tight '- ' list whose items are quick lines."""
    items = block.split("\n")
    if not all(item.startswith("- ") and quick_line(item[2:]) for item in items):
        return None
    return "<ul>\n" + "".join(f"<li>{inline(item[2:])}</li>\n" for item in items) + "</ul>"


def _inline(m: re.Match) -> str:
    if m["mark"]:
        tag = "em" if m["mark"] == "*" else "strong"
        return f"<{tag}>{m['em']}</{tag}>"
    return f'<a href="{m["url"]}" rel="noopener noreferrer">{m["text"]}</a>'


# What makes a document's blocks depend on each other beyond their neighbours: raw HTML
# (which may span blank lines), reference definitions, and white space that Python-Markdown
# normalises before it splits blocks (tabs, carriage returns, lines of spaces, STX/ETX).
DOCUMENT_SLOW = ("<", "]:", "\t", "\r", "\x02", "\x03")
SPACES_LINE_RE = re.compile(r"^ +$", re.M)


def blocks_stand_alone(text: str) -> bool:
    """Whether the blocks of a document (split at blank lines) can be rendered one by one."""
    if any(needle in text for needle in DOCUMENT_SLOW):
        return False
    return not (("\n " in text or text.startswith(" ")) and SPACES_LINE_RE.search(text))


def render_blocks(text: str) -> str:
    """A document whose paragraphs are mostly quick ones (render() asked blocks_stand_alone()).

    Python-Markdown splits a document at blank lines; a plain paragraph neither joins
    the blocks around it nor changes how they are read, so each run of other blocks
    is given to Python-Markdown alone and the paragraphs are written directly. What
    Python-Markdown wrote is sanitised with the rest at once, as a tag the sanitiser
    removes leaves its line behind.
    """
    pieces, run, slow = [], [], False
    blocks = text.split("\n\n")
    prose = [(quick_paragraph(block) or quick_heading(block)) if block else None for block in blocks]
    for i, block in enumerate(blocks):
        quick = prose[i]
        # A list joins another list beside it, or a block that continues it: only lists between prose are quick.
        if quick is None and block.startswith("- ") and (i == 0 or prose[i - 1]) and (i + 1 == len(blocks) or prose[i + 1]):
            quick = quick_list(block)
        if quick is None:
            run.append(block)
            slow = True
            continue
        if run:
            pieces.append(python_markdown("\n\n".join(run)))
            run = []
        pieces.append(quick)
    if run:
        pieces.append(python_markdown("\n\n".join(run)))
    html = "\n".join(piece for piece in pieces if piece)
    return sanitise(html) if slow else html



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


def normalise(text: str) -> str:
    """NFC with runs of white space collapsed: the form quotes are matched in."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


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
                if m.group(2).lower() == "a":
                    depth += -1 if m.group(1) else 1
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
