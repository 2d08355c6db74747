"""Share cards (issue 17): a 1200x630 PNG per check and per claim, per language.

Text is shaped by Raqm (HarfBuzz) through Pillow, run by run, each run with the vendored font
that has its characters (share_fonts.fonts_for; fonts in tathya/fonts/, see its README);
characters no vendored font has are left out (share_fonts.unsupported names them).
`layout_*_card` return what is drawn (every run with its font), `draw_*_card` render it to
deterministic PNG bytes; `card_key` hashes everything an image depends on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import PIL
from PIL import Image, ImageColor, ImageDraw, features

from . import share_fonts, share_text
from .share_fonts import (DEVA, DEVA_BOLD, FONT_DIR, FONTS, LATN, LATN_BOLD, ZWJ, ZWNJ, drawable,  # noqa: F401
                          fonts_for, space_width, unsupported)
from .share_fonts import font as _font, run_width as _run_width, width as _width
from .share_text import _CUT_BEFORE, ELLIPSIS, fit_text, fits  # noqa: F401

CARD_VERSION = 1  # raise when the design changes in a way the source hash would miss
WIDTH, HEIGHT, MARGIN, BAND = 1200, 630, 60, 176
INK, MUTED, PAPER, RULE = (17, 17, 17), (68, 68, 68), (255, 255, 255), (214, 214, 214)
PNG_LEVEL = 3  # zlib level: flat colours compress well at a low level


class Op(NamedTuple):
    """One run of text drawn at a baseline (x, y) with one font; role names the block."""
    x: int
    y: int
    text: str
    font: str
    size: int
    fill: tuple[int, int, int]
    role: str


class Box(NamedTuple):
    xy: tuple[int, int, int, int]  # left, top, right, bottom (exclusive)
    fill: tuple[int, int, int]


def _line_ops(line: str, x: float, y: float, *, bold: bool, size: int, lang: str, fill, role: str) -> list[Op]:
    ops = []
    space = space_width(bold, size, lang)
    for word in line.split(" "):
        for text, font in fonts_for(word, bold):
            ops.append(Op(round(x), round(y), text, font, size, fill, role))
            x += _run_width(text, font, size, lang)
        x += space
    return ops


def _lines(lines: list[str], baseline: float, *, bold: bool, size: int, lang: str, fill, role: str,
           leading: float, x: float = MARGIN, width: float = WIDTH - 2 * MARGIN, centre: bool = False) -> list[Op]:
    """Lines from a first baseline down, at x or each centred in width."""
    ops: list[Op] = []
    for i, line in enumerate(lines):
        dx = (width - _width(line, bold, size, lang)) / 2 if centre else 0
        ops += _line_ops(line, x + dx, baseline + i * size * leading, bold=bold, size=size, lang=lang,
                         fill=fill, role=role)
    return ops


def _block(text: str, top: float, *, bold: bool, sizes, lang, height, fill, role, max_lines=None,
           x: float = MARGIN, width: float = WIDTH - 2 * MARGIN, leading: float = 1.45) -> list[Op]:
    size, lines = fit_text(text, bold=bold, sizes=sizes, lang=lang, width=width, height=height,
                           leading=leading, max_lines=max_lines)
    return _lines(lines, top + size * 1.08, bold=bold, size=size, lang=lang, fill=fill, role=role,
                  leading=leading, x=x, width=width)


def _rgb(colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(colour)[:3]


def _luminance(rgb) -> float:
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in (x / 255 for x in rgb)]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def text_on(colour) -> tuple[int, int, int]:
    """White or ink on a background colour, whichever contrasts more (WCAG ratio)."""
    lum = _luminance(colour)
    return PAPER if 1.05 / (lum + 0.05) >= (lum + 0.05) / (_luminance(INK) + 0.05) else INK


@lru_cache(maxsize=4)
def _logo(data: bytes) -> Image.Image:
    """The logo decoded and fitted in 240x48, once per process (a 2000 px logo took 170 ms a card)."""
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    image.thumbnail((240, 48), Image.Resampling.LANCZOS)
    return image


def _footer(desk: str, lang: str, logo: bytes | None) -> tuple[list[Op], list[Box], Image.Image | None]:
    x, image = MARGIN, None
    if logo:
        image = _logo(logo)
        x += image.width + 16
    ops = _block(desk, 560, bold=True, sizes=(32, 28, 24), lang=lang, height=60, fill=MUTED,
                 role="desk", max_lines=1, x=x, width=WIDTH - MARGIN - x)
    return ops, [Box((MARGIN, 548, WIDTH - MARGIN, 550), RULE)], image


VERDICT_SIZES = (96, 88, 80, 72, 64, 56)  # on one line
VERDICT_SIZES_2 = (52, 48, 44, 40)  # on two lines, for a label one line does not hold at 56 px
VERDICT_LEADING = 1.3  # Devanagari: below-base matras of one line over the upper matras of the next


def _verdict(label: str, fill, lang: str) -> list[Op]:
    """The verdict label centred in the band, each line centred (a square crop of the card's
    middle keeps a short label whole); the ink, from 0.95 of the size above a baseline to 0.42
    below (Devanagari's below-base matras), stays inside the band."""
    width = WIDTH - 2 * MARGIN
    one = fits(label, 1, bold=True, size=VERDICT_SIZES[-1], lang=lang, width=width)
    sizes, room = (VERDICT_SIZES, 1) if one else (VERDICT_SIZES_2, 2)
    size, lines = fit_text(label, bold=True, sizes=sizes, lang=lang, width=width, height=BAND,
                           leading=VERDICT_LEADING, max_lines=room)
    baseline = BAND / 2 + 0.35 * size - (len(lines) - 1) * size * VERDICT_LEADING / 2
    return _lines(lines, baseline, bold=True, size=size, lang=lang, fill=fill, role="verdict",
                  leading=VERDICT_LEADING, centre=True)


class Card(NamedTuple):
    boxes: list[Box]  # drawn first, in order
    ops: list[Op]  # then these, in order
    logo: Image.Image | None = None


def layout_claim_card(*, verdict_label: str, verdict_colour: str, claim: str, desk: str, lang: str,
                      logo: bytes | None = None) -> Card:
    band = _rgb(verdict_colour)
    boxes = [Box((0, 0, WIDTH, BAND), band)]
    ops = _verdict(verdict_label, text_on(band), lang)
    boxes.append(Box((MARGIN, 212, MARGIN + 10, 520), band))
    ops += _block(claim, 200, bold=False, sizes=(64, 56, 48, 40), lang=lang, height=330,
                  fill=INK, role="claim", x=MARGIN + 36, width=WIDTH - 2 * MARGIN - 36)
    f_ops, f_boxes, image = _footer(desk, lang, logo)
    return Card(boxes + f_boxes, ops + f_ops, image)


LEGEND_SIZES = (36, 30)


def _flow(widths: list[float]) -> list[tuple[int, int]]:
    """(x, top) of each legend item flowing in at most three rows: as many items as fit."""
    x, row, places = MARGIN, 0, []
    for w in widths:
        if x > MARGIN and x + w > WIDTH - MARGIN:
            x, row = MARGIN, row + 1
        if row > 2:
            break
        places.append((x, 398 + row * 50))
        x = round(x + w + 40)
    return places


def _legend(items: list, lang: str) -> tuple[int, list[tuple[str, tuple | None, tuple[int, int]]]]:
    """(size, [(text, swatch colour, place)]): every verdict at the largest size where all fit;
    else at the smallest, as many as fit and "+N" (no swatch) for the N left out."""
    for size in LEGEND_SIZES:
        texts = [f"{count} {drawable(label)}".rstrip() for label, _, count in items]
        widths = [44 + _width(text, True, size, lang) for text in texts]
        places = _flow(widths)
        if len(places) == len(items):
            return size, [(t, rgb, xy) for t, (_, rgb, _), xy in zip(texts, items, places)]
    for shown in range(len(items) - 1, 0, -1):
        more = f"+{len(items) - shown}"
        places = _flow(widths[:shown] + [_width(more, True, size, lang)])
        if len(places) == shown + 1:
            entries = [(t, rgb, xy) for t, (_, rgb, _), xy in zip(texts, items, places[:shown])]
            return size, entries + [(more, None, places[-1])]
    return size, [(f"+{len(items)}", None, (MARGIN, 398))]


def layout_check_card(*, title: str, tally: list[tuple[str, str, int]], desk: str, lang: str,
                      logo: bytes | None = None) -> Card:
    ops = _block(title, 36, bold=True, sizes=(64, 56, 48, 40), lang=lang, height=270,
                 fill=INK, role="title", leading=1.4)
    boxes: list[Box] = []
    items = [(label, _rgb(colour), count) for label, colour, count in tally if count > 0]
    total, x0, bar = sum(c for _, _, c in items), MARGIN, WIDTH - 2 * MARGIN
    for i, (_, rgb, count) in enumerate(items):  # one stacked bar, integer widths
        x1 = MARGIN + bar if i == len(items) - 1 else x0 + round(bar * count / total)
        boxes.append(Box((x0, 324, x1, 372), rgb))
        x0 = x1
    size, entries = _legend(items, lang)
    for text, rgb, (x, y) in entries:  # the legend: swatch, count and label; or "+N" for the rest
        if rgb is not None:
            boxes.append(Box((x, y + 6, x + 30, y + 36), rgb))
            x += 44
        ops += _block(text, y + 31 - size * 1.08, bold=True, sizes=(size,), lang=lang, height=50, leading=1.0,
                      fill=MUTED if rgb is None else INK, role="tally", max_lines=1, x=x, width=WIDTH - MARGIN - x)
    f_ops, f_boxes, image = _footer(desk, lang, logo)
    return Card(boxes + f_boxes, ops + f_ops, image)


@lru_cache(maxsize=16384)
def _mask(text: str, name: str, size: int, lang: str) -> tuple[Image.Image, tuple[int, int]]:
    """A run drawn once per process as a mask (FreeType is slow), and its offset from the baseline origin.

    Only Pillow's public API: ImageDraw.text into a mask the size of the run's box, pasted by render().
    """
    font = _font(name, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls", language=lang)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor="ls", language=lang)
    return mask, (left, top)


LEVELS = 32  # shades of a text colour over its ground: antialiasing, to 1/31 of the step


def _blend(fg, bg, a: float) -> tuple[int, int, int]:
    return tuple(round(b + (f - b) * a) for f, b in zip(fg, bg))


def _png(im: Image.Image) -> bytes:  # Pillow's writer adds no metadata unless asked: same image, same bytes
    im.save(out := io.BytesIO(), "PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def render(card: Card, lang: str) -> bytes:
    """The card as an 8-bit palette PNG of its own colours: every box colour exactly, LEVELS
    shades of each text colour over its ground, and the logo's colours (at most 256 in all).
    Drawn straight into palette indices: a third of the size of an RGB PNG and several times
    faster to write (Pillow filters RGB rows adaptively, palette rows not)."""
    colours: dict[tuple[int, int, int], int] = {PAPER: 0}
    index = lambda rgb: colours.setdefault(tuple(rgb), len(colours))  # noqa: E731
    im = Image.new("L", (WIDTH, HEIGHT), 0)  # indices; the palette is attached at the end
    draw = ImageDraw.Draw(im)
    for box in card.boxes:
        draw.rectangle((box.xy[0], box.xy[1], box.xy[2] - 1, box.xy[3] - 1), fill=index(box.fill))
    rgb = list(colours)
    grounds = [rgb[im.getpixel((op.x, op.y))] for op in card.ops]  # the colour under each run's origin
    layers: dict[tuple, tuple[Image.Image, list[int]]] = {}  # (text colour, ground): coverage, its box
    for op, ground in zip(card.ops, grounds):
        layer, box = layers.setdefault((op.fill, ground), (Image.new("L", (WIDTH, HEIGHT), 0), [WIDTH, HEIGHT, 0, 0]))
        mask, (dx, dy) = _mask(op.text, op.font, op.size, lang)
        x, y = op.x + dx, op.y + dy
        ImageDraw.Draw(layer).bitmap((x, y), mask, fill=255)  # coverage adds up where runs overlap
        box[:] = min(box[0], x), min(box[1], y), max(box[2], x + mask.width), max(box[3], y + mask.height)
    for (fill, ground), (layer, box) in layers.items():
        shades = [index(_blend(fill, ground, i / (LEVELS - 1))) for i in range(LEVELS)]
        cover = layer.crop(box)
        im.paste(cover.point([shades[round(v * (LEVELS - 1) / 255)] for v in range(256)]), box[:2],
                 cover.point([0] + [255] * 255))
    if card.logo is not None:
        xy = (MARGIN, 566 + (48 - card.logo.height) // 2)
        flat = Image.new("RGB", card.logo.size, PAPER)
        flat.paste(card.logo, (0, 0), card.logo)
        logo = flat.quantize(256 - len(colours))
        entries = logo.getpalette()
        to_index = [index(entries[3 * i:3 * i + 3]) if 3 * i + 2 < len(entries) else 0 for i in range(256)]
        im.paste(Image.frombytes("L", logo.size, logo.tobytes()).point(to_index), xy)
    im.putpalette([v for c in colours for v in c])  # L becomes P, the indices kept
    return _png(im)


def draw_claim_card(*, verdict_label: str, verdict_colour: str, claim: str, desk: str, lang: str,
                    logo: bytes | None = None) -> bytes:
    return render(layout_claim_card(verdict_label=verdict_label, verdict_colour=verdict_colour,
                                    claim=claim, desk=desk, lang=lang, logo=logo), lang)


def draw_check_card(*, title: str, tally: list[tuple[str, str, int]], desk: str, lang: str,
                    logo: bytes | None = None) -> bytes:
    return render(layout_check_card(title=title, tally=tally, desk=desk, lang=lang, logo=logo), lang)


@lru_cache(maxsize=1)
def _environment() -> str:
    """What every card depends on besides its fields: fonts, this source, the libraries."""
    h = hashlib.sha256()
    for name in sorted(FONTS):
        h.update(name.encode() + b"\0" + hashlib.sha256((FONT_DIR / name).read_bytes()).digest())
    for module in (__file__, share_fonts.__file__, share_text.__file__):  # the drawing code
        h.update(Path(module).read_bytes())
    libs = [PIL.__version__, zlib.ZLIB_RUNTIME_VERSION, os.environ.get("FREETYPE_PROPERTIES")] + [
        str(features.version(f)) for f in ("raqm", "fribidi", "harfbuzz", "freetype2")]
    h.update(json.dumps([CARD_VERSION, libs, PNG_LEVEL]).encode())  # FREETYPE_PROPERTIES changes hinting
    return h.hexdigest()


def card_key(kind: str, **fields) -> str:
    """A hash of exactly what a card shows: kind ("claim"/"check"), the draw function's
    keyword arguments (a logo by its bytes' hash), the fonts, this module and Pillow."""
    if kind not in ("claim", "check"):
        raise ValueError(f"card kind {kind!r}: 'claim' or 'check'")
    logo = fields.pop("logo", None)
    fields["logo"] = hashlib.sha256(logo).hexdigest() if logo else None
    if "tally" in fields:
        fields["tally"] = [list(t) for t in fields["tally"]]
    payload = json.dumps([kind, fields, _environment()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()
