"""Python-Markdown's output for the plain paragraphs most texts are, written without it.

Only a speed-up: render() answers None for anything it cannot write exactly as
Python-Markdown would, and tests/unit/test_markdown_speed.py holds every answer to
stock Python-Markdown's with property tests. It uses no Python-Markdown API.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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



def render(plain: str, slow: Callable[[str], str]) -> tuple[str, bool] | None:
    """(HTML, whether it still needs sanitising) for text stripped of blank lines at its ends; None when not quick.

    `slow` renders, unsanitised, the blocks between quick paragraphs.
    """
    if PLAIN_RE.fullmatch(plain) and not LIST_START_RE.match(plain):
        # With no <, > or & there is nothing to sanitise; only a no-break space is spelled otherwise.
        return f"<p>{plain}</p>", "\xa0" in plain
    quick = quick_paragraph(plain)
    if quick is not None:
        return quick, False
    if "\n\n" in plain and blocks_stand_alone(plain):
        return render_blocks(plain, slow)
    return None


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


def render_blocks(text: str, slow: Callable[[str], str]) -> tuple[str, bool]:
    """A document whose paragraphs are mostly quick ones (render() asked blocks_stand_alone()).

    Python-Markdown splits a document at blank lines; a plain paragraph neither joins
    the blocks around it nor changes how they are read, so each run of other blocks
    is given to Python-Markdown alone and the paragraphs are written directly. What
    Python-Markdown wrote is sanitised with the rest at once, as a tag the sanitiser
    removes leaves its line behind.
    """
    pieces, run, raw = [], [], False
    blocks = text.split("\n\n")
    prose = [(quick_paragraph(block) or quick_heading(block)) if block else None for block in blocks]
    for i, block in enumerate(blocks):
        quick = prose[i]
        # A list joins another list beside it, or a block that continues it: only lists between prose are quick.
        if quick is None and block.startswith("- ") and (i == 0 or prose[i - 1]) and (i + 1 == len(blocks) or prose[i + 1]):
            quick = quick_list(block)
        if quick is None:
            run.append(block)
            raw = True
            continue
        if run:
            pieces.append(slow("\n\n".join(run)))
            run = []
        pieces.append(quick)
    if run:
        pieces.append(slow("\n\n".join(run)))
    html = "\n".join(piece for piece in pieces if piece)
    return html, raw

