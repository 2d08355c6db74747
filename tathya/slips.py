"""Editors' slips, located: where a quote slips from its article, and where a YAML file's syntax slips.

Editors copy quotes by hand, so the usual slip is one character: an anusvara
typed for a chandrabindu, a nukta left out, a curly quote for a straight one.
`explain` finds the passage of the article the quote was meant to be, marks the
first character that differs with a caret, and names the kind of slip.
`yaml_slip` says in plain words what the YAML parser's own message means for
the slips editors make (a tab, an unquoted ': ', an unclosed quote).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

import yaml

NUKTA = "\u093c"
SIGNS = {"\u0902": "anusvara", "\u0901": "chandrabindu"}
ZERO_WIDTH = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
              "\u2060": "word joiner", "\ufeff": "zero-width no-break space"}
QUOTE_MARKS = {"'": "straight quote", '"': "straight quote", "\u2018": "curly quote", "\u2019": "curly quote",
               "\u201c": "curly quote", "\u201d": "curly quote", "\u201a": "low quote", "\u201e": "low quote",
               "\u00ab": "angle quote", "\u00bb": "angle quote", "\u2032": "prime", "\u2033": "double prime"}
DASHES = {"-": "hyphen", "\u2010": "hyphen", "\u2011": "non-breaking hyphen", "\u2012": "figure dash",
          "\u2013": "en dash", "\u2014": "em dash", "\u2015": "horizontal bar", "\u2212": "minus sign"}
BLOCK_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")  # heading, quote and list markers
INLINE_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]*>|\\(.)|[*_`]")  # links keep their text; emphasis goes
LEAD, TAIL, CLOSE = 24, 30, 0.5  # characters shown before and after the slip; the least similarity worth showing
CANDIDATES, PROBE = 10, 300  # windows compared closely; characters of a quote used to find its place
COMMENT_RE = re.compile(r"\s+#")  # what follows a key whose text YAML read as a comment


def width(text: str) -> int:
    """Terminal columns the text takes: combining marks and format characters none, wide characters two."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def caret_pad(text: str, index: int) -> int:
    """Columns before a caret under text[index]: a combining mark's caret goes under the letter it sits on."""
    pad = width(text[:index])
    return pad - 1 if pad and index < len(text) and width(text[index]) == 0 else pad


def article_text(body: str, first_line: int, title: str | None = None) -> tuple[str, list[int]]:
    """An article's words as plain text, white space collapsed, and the file line of each character (0: the title)."""
    chars: list[str] = []
    lines: list[int] = []
    sources = [(0, title)] if title else []
    sources += [(first_line + i, BLOCK_RE.sub("", line)) for i, line in enumerate(body.splitlines())]
    for number, line in sources:
        for char in INLINE_RE.sub(lambda m: m.group(1) or m.group(2) or "", unicodedata.normalize("NFC", line)) + " ":
            if char.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    lines.append(number)
            else:
                chars.append(char)
                lines.append(number)
    return "".join(chars).rstrip(), lines


def closest(quote: str, text: str) -> tuple[int, float]:
    """Where in the text the quote most likely belongs, and how alike the two are (0 to 1)."""
    starts = [0] + [m.end() for m in re.finditer(" ", text)]
    words, quoted = text.split(" "), quote.split(" ")
    size, single, pairs = len(quoted), set(quoted), set(zip(quoted, quoted[1:]))
    padded = words + [""] * (size - 1)  # so that windows run off the end of the article too
    hits = [(pair in pairs, word in single) for pair, word in zip(zip([""] + padded, padded), padded)]
    scores, held = [], [0, 0]
    for i, (pair, word) in enumerate(hits):  # a window of `size` words slides along, counting the quote's pairs and words
        held = [held[0] + pair - (hits[i - size][0] if i >= size else 0), held[1] + word - (hits[i - size][1] if i >= size else 0)]
        scores.append((*held, -max(0, i - size + 1)))
    picks = {-score[2] for score in sorted(scores, reverse=True)[:CANDIDATES]}
    best = (0, 0.0, 0.0)
    for pick in sorted({p + step for p in picks for step in (-1, 0, 1) if 0 <= p + step < len(starts)}):
        at = starts[pick]
        ratio = SequenceMatcher(None, quote, text[at:at + len(quote)], autojunk=False).ratio()
        score = ratio + 0.2 * first_difference(quote, text[at:]) / len(quote)  # of equals, the start that agrees longest
        if score > best[2]:
            best = (at, ratio, score)
    return best[:2]


def first_difference(quote: str, passage: str) -> int:
    """The index of the first character where the quote and the passage differ."""
    i = 0
    while i < len(quote) and i < len(passage) and quote[i] == passage[i]:
        i += 1
    return i


def word_at(text: str, index: int) -> tuple[int, str]:
    """The start and the whole of the word holding text[index]."""
    start = text.rfind(" ", 0, index) + 1
    end = text.find(" ", index)
    return start, text[start:end if end != -1 else len(text)]


def same_from(quote: str, passage: str, q: int, p: int) -> bool:
    """True when the quote from q reads as the passage from p (for the next 40 characters at most)."""
    rest = quote[q:q + 40]
    return bool(rest) and passage[p:p + len(rest)] == rest


def ends_or_same(quote: str, passage: str, d: int) -> bool:
    """True when the quote without its character at d ends there or reads on as the passage: an extra character."""
    return d + 1 == len(quote) or same_from(quote, passage, d + 1, d)


def kind(quote: str, passage: str, d: int) -> str:
    """What differs at index d, named as the editor would name it."""
    x, y = quote[d:d + 1], passage[d:d + 1]
    if x in SIGNS and y in SIGNS:
        return f"the article has {y} ({SIGNS[y]}) where the quote has {x} ({SIGNS[x]})"
    if y in SIGNS and same_from(quote, passage, d, d + 1):
        return f"the article has {y} ({SIGNS[y]}) here that the quote does not"
    if x in SIGNS and ends_or_same(quote, passage, d):
        return f"the quote has {x} ({SIGNS[x]}) here that the article does not"
    nukta = nukta_slip(quote, passage, d)
    if nukta:
        return nukta
    if y in ZERO_WIDTH and same_from(quote, passage, d, d + 1):
        return f"the article has a {ZERO_WIDTH[y]} (U+{ord(y):04X}) here that the quote does not"
    if x in ZERO_WIDTH and ends_or_same(quote, passage, d):
        return f"the quote has a {ZERO_WIDTH[x]} (U+{ord(x):04X}) here that the article does not"
    for names in (QUOTE_MARKS, DASHES):
        if x in names and y in names:
            a, b = (names[y], names[x]) if names[y] != names[x] else (f"{names[y]}, U+{ord(y):04X}", f"{names[x]}, U+{ord(x):04X}")
            return f"the article has {y} ({a}) where the quote has {x} ({b})"
    if not y:
        return "the article's text ends here"
    start, quote_word = word_at(quote, d)
    article_word = word_at(passage, d)[1]
    if same_from(quote, passage, start, start + len(article_word) + 1):
        return f"the quote is missing the word '{short(article_word)}' that the article has here"
    if same_from(quote, passage, start + len(quote_word) + 1, start):
        return f"the quote has the word '{short(quote_word)}' that the article does not have here"
    return f"the article has '{short(article_word)}' where the quote has '{short(quote_word)}'"


def short(word: str) -> str:
    """A word as a message shows it: at most 30 characters."""
    return word if len(word) <= 30 else word[:27] + "..."


def nukta_slip(quote: str, passage: str, d: int) -> str | None:
    """The message for a nukta in one text and not the other (combining, or in a letter such as ऩ), else None."""
    x, y = quote[d:d + 1], passage[d:d + 1]
    if y == NUKTA and same_from(quote, passage, d, d + 1):
        base = quote[d - 1:d]
        return f"the article has {base}{NUKTA} (with nukta) where the quote has {base} (no nukta)"
    if x == NUKTA and ends_or_same(quote, passage, d):
        base = quote[d - 1:d]
        return f"the quote has {base}{NUKTA} (with nukta) where the article has {base} (no nukta)"
    if x and y and unicodedata.normalize("NFD", x) == y + NUKTA:
        return f"the quote has {x} (with nukta) where the article has {y} (no nukta)"
    if x and y and unicodedata.normalize("NFD", y) == x + NUKTA:
        return f"the article has {y} (with nukta) where the quote has {x} (no nukta)"
    return None


def shown(text: str, d: int, length: int) -> str:
    """text[d:d+length], carried on to the end of its last word."""
    end = min(len(text), d + length)
    more = text.find(" ", end, end + 20) if end and text[end - 1:end] != " " else end  # a word, not a run of 10,000 letters
    return text[d:more if more != -1 else min(len(text), end + 20)].rstrip()


def explain(quote: str, body: str, first_line: int, title: str | None, name: str) -> list[str]:
    """Lines showing the article's passage closest to a quote, a caret under the first difference, and its kind."""
    text, lines = article_text(body, first_line, title)
    start, ratio = closest(quote[:PROBE], text)  # the start of a long quote is enough to find its place
    if ratio < CLOSE:
        return [f"    quote:   {quote if len(quote) <= 80 else quote[:77] + '...'}", f"    nothing in {name} is close to it"]
    passage = text[start:]
    d = first_difference(quote, passage)
    if d == len(quote):  # the words are there, split by markup the renderer keeps
        return [f"    quote:   {quote if len(quote) <= 80 else quote[:77] + '...'}",
                f"    {name} has these words, but split by Markdown (a heading, list item or paragraph break)"]
    lead = quote[:d]
    if len(lead) > LEAD:
        cut = lead.find(" ", len(lead) - LEAD)
        lead = "... " + (lead[cut + 1:] if cut != -1 else lead[-LEAD:])
    quote_tail = shown(quote, d, TAIL)
    cont = " ..." if d + len(quote_tail) < len(quote) else ""
    extra = kind(quote, passage, d)
    grow = min(len(word_at(passage, d)[1]) + 1, TAIL) if "missing the word" in extra else 0
    grow -= len(word_at(quote, d)[1]) + 1 if "does not have here" in extra else 0
    article_tail = shown(passage, d, len(quote_tail) + grow)
    line = lines[min(start + d, len(lines) - 1)] if lines else first_line
    place = f"{name}:{line}" if line else f"{name}, title"
    marked = quote if width(quote[d]) == 0 else passage  # a mark the quote adds sits on a letter: the caret goes there
    return [f"    quote:   {lead}{quote_tail}{cont}",
            f"    article: {lead}{article_tail}{cont}   ({place})",
            " " * (13 + caret_pad(lead + marked[d:], len(lead))) + f"^ {extra}"]


def empty_text(what: str, lines: list[str], line: int, column: int) -> tuple[str, str, int]:
    """Problem, fix and caret column for a text found empty: often a ' #' after the colon made the rest a comment."""
    comment = COMMENT_RE.match(lines[line - 1][column:]) if 0 < line <= len(lines) else None
    if comment:
        return f"{what} is empty: YAML reads ' #' and all after it as a comment", "put text that contains ' #' in quotes", column + comment.end() - 1
    return f"{what} is empty", "write the text after the colon", -1


def yaml_slip(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str]:
    """A YAML syntax error in editors' words: (0-based line or -1, column or -1, problem, fix)."""
    mark, lines = exc.problem_mark or exc.context_mark, text.splitlines()
    plain = (mark.line if mark else -1, mark.column if mark else -1, f"invalid YAML: {exc.problem or exc.context}", "fix the syntax on this line")
    if mark is None:
        return plain
    for number in (mark.line, mark.line - 1):
        indent = lines[number][:len(lines[number]) - len(lines[number].lstrip())] if 0 <= number < len(lines) else ""
        if "\t" in indent:
            return number, indent.index("\t"), "a tab indents this line", "use spaces, not tabs, to indent"
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        at = exc.context_mark
        mark_char = lines[at.line][at.column] if at.line < len(lines) and at.column < len(lines[at.line]) else '"'
        return at.line, at.column, f"the quote mark {mark_char} opened here is never closed", f"end the text with {mark_char}"
    if "mapping values are not allowed" in (exc.problem or ""):
        return mark.line, mark.column, "a colon and a space in text without quotes start a new key", "put text that contains ': ' in quotes"
    scalar = quoted_before(text, mark) if len(text) < 200_000 and "depth" not in (exc.problem or "") else None  # slow on huge input
    if scalar is None:
        return plain
    start, end, style = scalar.start_mark, scalar.end_mark, scalar.style
    if start.line < end.line:
        return (start.line, start.column, f"the quote mark {style} opened here is not closed on this line, so the text runs on to line {end.line + 1}",
                f"end the text with {style} on this line")
    if style == '"':
        return end.line, end.column - 1, 'this " inside "..." ends the text early', 'write \\" for a quote mark inside "...", or put the text in single quotes'
    return end.line, end.column - 1, "this ' inside '...' ends the text early", "write '' for an apostrophe inside '...', or put the text in double quotes"


def quoted_before(text: str, mark) -> yaml.ScalarToken | None:
    """The quoted text that ends just before a mark on its line, when that is the last thing read before it."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'") or last.end_mark.line != mark.line:
        return None
    lines = text.splitlines()
    gap = lines[mark.line][last.end_mark.column:mark.column] if mark.line < len(lines) else ""
    return last if not gap.strip() else None
