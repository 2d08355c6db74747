"""The share cards' fonts (issue 17): which vendored font draws each character, and which
characters none of them has (left out of the card, never drawn as a .notdef box).

Each character goes to the first vendored font whose cmap has it: Noto Sans Devanagari first
for Devanagari letters and marks, ZWJ and ZWNJ; Noto Sans first for everything else (so U+2212
MINUS SIGN, which only Noto Sans Devanagari has, still gets drawn). A character neither font has
(emoji, Urdu, Tamil, ✓ ★ ≤ ...) is left out, with the marks and joiners that extend it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

FONT_DIR = Path(__file__).parent / "fonts"
DEVA, DEVA_BOLD = "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"
LATN, LATN_BOLD = "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"
FONTS = (DEVA, DEVA_BOLD, LATN, LATN_BOLD)
ZWNJ, ZWJ = "\u200c", "\u200d"


@lru_cache(maxsize=None)
def cmap(name: str) -> frozenset[int]:
    """The code points a vendored font maps to a glyph, read once per process."""
    from fontTools.ttLib import TTFont  # only when a card is drawn

    with TTFont(FONT_DIR / name, lazy=True) as tt:
        return frozenset(cp for cp, glyph in tt.getBestCmap().items() if glyph != ".notdef")


def _is_deva(ch: str) -> bool:
    o = ord(ch)
    return 0x0900 <= o <= 0x097F or 0xA8E0 <= o <= 0xA8FF or 0x1CD0 <= o <= 0x1CFF or ch in (ZWJ, ZWNJ)


@lru_cache(maxsize=4096)
def _font_of(ch: str, bold: bool) -> str | None:
    """The first vendored font that has ch (Devanagari's own font first for Devanagari), or None."""
    deva, latn = (DEVA_BOLD, LATN_BOLD) if bold else (DEVA, LATN)
    order = (deva, latn) if _is_deva(ch) else (latn, deva)
    return next((name for name in order if ord(ch) in cmap(name)), None)


def _extends(ch: str) -> bool:
    """A combining mark or joiner: part of the sequence of the character before it."""
    return unicodedata.category(ch)[0] == "M" or ch in (ZWJ, ZWNJ)


def _sort(text: str) -> tuple[str, str]:
    """(the characters a card draws, those it leaves out): out goes every character no vendored
    font has, and the marks, joiners and selectors extending it (🇮🇳, 👍🏽, 👨‍👩‍👧)."""
    kept, out, dropping = [], [], False
    for ch in text:
        dropping = not (ch.isspace() or _font_of(ch, False)) or (dropping and _extends(ch))
        (out if dropping else kept).append(ch)
    return "".join(kept), "".join(out)


def drawable(text: str) -> str:
    """text without what no vendored font has, its words one space apart."""
    return " ".join(_sort(text)[0].split())


def unsupported(text: str) -> str:
    """The distinct characters a card leaves out of text, in order ("" when none)."""
    if all(ch.isspace() or _font_of(ch, False) for ch in set(text)):  # the common case, by distinct characters
        return ""
    return "".join(dict.fromkeys(_sort(text)[1]))


@lru_cache(maxsize=16384)
def _runs(text: str, bold: bool) -> tuple[tuple[str, str], ...]:
    runs: list[tuple[str, str]] = []
    for ch in text:
        name = _font_of(ch, bold)
        if name is None:  # drawable() took these out already; never draw a .notdef
            continue
        if runs and runs[-1][1] == name:
            runs[-1] = (runs[-1][0] + ch, name)
        else:
            runs.append((ch, name))
    return tuple(runs)


def fonts_for(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split text into runs each drawn with one font: [(run text, font file name)], in order."""
    return list(_runs(text, bold))


def can_shape() -> bool:
    """Whether Pillow here lays text out with Raqm (HarfBuzz); without it Devanagari comes out unshaped.
    Pillow's wheels carry Raqm, which loads the FriBiDi library from the machine."""
    return features.check("raqm")


@lru_cache(maxsize=None)
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    if not can_shape():  # the build says how to mend this before drawing (cards.NO_RAQM); never draw unshaped
        raise RuntimeError("share cards need Pillow's Raqm text layout, which needs the FriBiDi library")
    return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=8192)
def run_width(text: str, name: str, size: int, lang: str) -> float:
    return font(name, size).getlength(text, language=lang)


def space_width(bold: bool, size: int, lang: str) -> float:
    return run_width(" ", LATN_BOLD if bold else LATN, size, lang)


def width(text: str, bold: bool, size: int, lang: str) -> float:
    """Width of text as drawn: word by word, run by run, a Noto Sans space between words."""
    words = text.split(" ")
    return space_width(bold, size, lang) * (len(words) - 1) + sum(
        run_width(t, f, size, lang) for w in words for t, f in _runs(w, bold))
