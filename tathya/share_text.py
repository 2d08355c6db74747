"""Text to a box on a share card: wrapped by words at the largest size that fits, else cut after a
whole word (or inside a too-long word, never inside a cluster) with an ellipsis."""

from __future__ import annotations

import unicodedata

from .share_fonts import ZWJ, ZWNJ, drawable, space_width, width as _width

ELLIPSIS = "\u2026"
_CUT_BEFORE = ",;:-\u2013\u2014 "  # stripped before an ellipsis


def _cut_word(word: str, bold: bool, size: int, lang: str, width: float) -> str:
    """The longest start of a too-long word that fits with an ellipsis, not inside a cluster."""
    for end in range(len(word) - 1, 0, -1):
        nxt, prev = word[end], word[end - 1]  # a mark, joiner or a virama's next letter stays on
        inside = unicodedata.category(nxt)[0] == "M" or nxt in (ZWJ, ZWNJ) or prev in ("\u094d", ZWJ, ZWNJ)
        if not inside and _width(word[:end] + ELLIPSIS, bold, size, lang) <= width:
            return word[:end] + ELLIPSIS
    return ELLIPSIS


def _wrap(words: list[str], bold: bool, size: int, lang: str, width: float) -> list[list[str]]:
    space, lines, used = space_width(bold, size, lang), [], 0.0
    for w in words:
        ww = _width(w, bold, size, lang)
        if lines and used + space + ww <= width:
            lines[-1].append(w)
            used += space + ww
        else:
            lines.append([w])
            used = ww
    return lines


def _fits(lines: list[list[str]], room: int, bold: bool, size: int, lang: str, width: float) -> bool:
    """At most room lines, none a single word wider than the line."""
    return len(lines) <= room and not any(len(ln) == 1 and _width(ln[0], bold, size, lang) > width for ln in lines)


def fits(text: str, room: int, *, bold: bool, size: int, lang: str, width: float) -> bool:
    """Whether text (as drawn: drawable()) wraps whole into room lines of width at size."""
    return _fits(_wrap(drawable(text).split(), bold, size, lang, width), room, bold, size, lang, width)


def fit_text(text: str, *, bold: bool, sizes: tuple[int, ...], lang: str, width: float,
             height: float, leading: float = 1.45, max_lines: int | None = None) -> tuple[int, list[str]]:
    """Wrap by words at the largest size that fits width x height; at the smallest size cut
    at a word boundary with an ellipsis. Characters no vendored font has are left out
    (share_fonts.drawable). Returns (size, lines)."""
    words = drawable(text).split()
    if not words:
        return sizes[-1], []
    for size in sizes:
        fits = min(max(1, int(height // (size * leading))), max_lines or 99)
        lines = _wrap(words, bold, size, lang, width)
        if _fits(lines, fits, bold, size, lang, width):
            return size, [" ".join(ln) for ln in lines]
    truncated, out = len(lines) > fits, [list(ln) for ln in lines[:fits]]
    for ln in out:  # a single word wider than the line is cut inside, with an ellipsis
        if len(ln) == 1 and _width(ln[0], bold, size, lang) > width:
            ln[0] = _cut_word(ln[0], bold, size, lang, width)
    if truncated and not out[-1][-1].endswith(ELLIPSIS):
        last = out[-1]  # drop whole words until the ellipsis fits
        while len(last) > 1 and _width(" ".join(last).rstrip(_CUT_BEFORE) + ELLIPSIS, bold, size, lang) > width:
            last.pop()
        head = " ".join(last).rstrip(_CUT_BEFORE)
        if _width(head + ELLIPSIS, bold, size, lang) > width:
            head = _cut_word(head, bold, size, lang, width)[:-1]
        out[-1] = [head + ELLIPSIS]
    return size, [" ".join(ln) for ln in out]
