"""Share cards in a build: the PNG each check and claim page names in og:image, keyed by exactly what it shows.

A card is redrawn only when its key (share_image.card_key: its texts, colours, the
desk's name and logo, the fonts, the drawing code and Pillow) differs from the one
recorded for its file, or the file is not the one written; so a warm build after
an edit redraws the cards whose text changed. The preview's builds draw none; it
draws a card when one is asked for (serve.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from .errors import BuildFailed, ContentError
from .filters import tone_of, verdict_counts
from .models import Check, Site
from .parallel import fork_map
from .plan import check_url, claim_url
from .share_fonts import can_shape as can_draw
from .share_image import card_key, draw_check_card, draw_claim_card, unsupported

# The light theme's verdict colours, as static/tathya.css ships them: used where the theme's CSS does not
# give a tone a hex colour. Text on a band is white or ink, whichever reads better (share_image.text_on).
TONE_COLOURS = {"true": "#14632d", "mostly-true": "#2f5f0f", "misleading": "#8a4b00", "false": "#a0171c",
                "unverified": "#44475a"}
TONE_VAR_RE = re.compile(r"--(true|mostly-true|misleading|false|unverified)\s*:\s*(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b)")
NO_RAQM = ContentError(
    "share cards", 0, "cannot be drawn: Pillow's Raqm text layout is not available (Pillow loads the FriBiDi library "
    "for it when it starts, and found none), and without it Devanagari would be drawn unshaped",
    "install FriBiDi (Debian or Ubuntu: apt-get install libfribidi0; macOS: brew install fribidi) and build again, "
    "or build without cards: --no-share-images, or share_images: false in site.yaml")
RASTER_LOGOS = (".png", ".jpg", ".jpeg", ".webp", ".gif")  # Pillow draws these; an SVG logo is left off the card
CHUNK = 40  # cards per task for the workers


@dataclass(frozen=True)
class Card:
    """One share image: where it goes, which kind, and the draw function's arguments."""

    out_path: str
    kind: str  # "claim" or "check"
    fields: tuple

    @property
    def key(self) -> str:
        return card_key(self.kind, **dict(self.fields))

    def draw(self) -> bytes:
        return (draw_claim_card if self.kind == "claim" else draw_check_card)(**dict(self.fields))


@lru_cache(maxsize=4)
def theme_colours(css: str) -> dict[str, str]:
    """Each verdict tone's colour as the theme's stylesheet sets it (`--false: #a0171c;`): the first, light
    scheme's, value of each; a tone the CSS gives no hex colour keeps tathya's own."""
    found: dict[str, str] = {}
    for tone, colour in TONE_VAR_RE.findall(css):
        found.setdefault(tone, colour)
    return TONE_COLOURS | found


def plan_cards(site: Site, theme_css: str = "") -> list[Card]:
    """Every card of the site: per language, one per check and one per claim, in the theme's verdict colours."""
    config = site.config
    colours = theme_colours(theme_css)
    logo = card_logo(config.publisher.logo or "", config.publisher.logo_data)
    cards = []
    for lang in config.languages:
        desk = config.publisher.name[lang]
        for check in site.checks:
            cards.append(Card(f"{check_url(lang, check)}share.png", "check", (
                ("title", check.title[lang]), ("tally", tuple(tally(site, check, lang, colours))), ("desk", desk), ("lang", lang),
                ("logo", logo))))
            for claim in check.claims:
                colour = colours[tone_of(claim.verdict, config.verdicts)]
                cards.append(Card(f"{claim_url(lang, check, claim.id)}share.png", "claim", (
                    ("verdict_label", claim.verdict.label[lang]), ("verdict_colour", colour), ("claim", claim.claim[lang]),
                    ("desk", desk), ("lang", lang), ("logo", logo))))
    return cards


def card_logo(name: str, data: bytes) -> bytes | None:
    """The logo's bytes when Pillow can draw them (a raster image it reads), else None: the card goes without."""
    if not name.lower().endswith(RASTER_LOGOS):
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError):  # what Pillow raises for a file it cannot read
        return None
    return data


def tally(site: Site, check: Check, lang: str, colours: dict[str, str] = TONE_COLOURS) -> list[tuple[str, str, int]]:
    """(label, colour, count) of each verdict the check gives, in scale order."""
    scale = site.config.verdicts
    return [(v.label[lang], colours[tone_of(v, scale)], n) for v, n in verdict_counts(check, scale)]


def left_out(cards: list[Card]) -> list[str]:
    """A line per set of characters the cards leave out because no vendored font has them (emoji, other
    scripts), naming a card that does: the build says so rather than draw boxes."""
    found: dict[str, list[str]] = {}
    for card in cards:
        fields = dict(card.fields)
        texts = [fields.get(k) or "" for k in ("verdict_label", "claim", "title", "desk")]
        missing = unsupported(" ".join(texts + [label for label, _, _ in fields.get("tally", ())]))
        if missing:
            found.setdefault(missing, []).append(card.out_path)
    return [f"{paths[0]}{f' and {len(paths) - 1} more' if len(paths) > 1 else ''}: share card leaves out "
            f"{' '.join(f'{c} (U+{ord(c):04X})' for c in missing)}, which no font of the cards has"
            for missing, paths in found.items()]


def draw_cards(cards: list[Card], staging, jobs: int | None, progress=None) -> list[tuple[str, bool, int, int]]:
    """Draw and stage cards on several cores when they are many: (out_path, changed, size, mtime_ns) of each."""
    if cards and not can_draw():  # refused with a way out (NO_RAQM), never drawn unshaped
        raise BuildFailed([NO_RAQM])
    chunks = [cards[i:i + CHUNK] for i in range(0, len(cards), CHUNK)]
    done = [0]

    def report(result: list) -> None:
        done[0] += len(result)
        if progress:
            progress(done[0], len(cards))

    def draw(n: int) -> list[tuple[str, bool, int, int]]:
        drawn = []
        for card in chunks[n]:
            changed = staging.write(card.out_path, card.draw())
            drawn.append((card.out_path, changed, *staging.stamps[card.out_path]))
        return drawn

    results = fork_map(draw, range(len(chunks)), jobs if len(cards) >= CHUNK else 1, on_result=report)
    return [item for chunk in results for item in chunk]


@lru_cache(maxsize=64)
def drawn(card: Card) -> bytes:
    """A card's PNG, kept for the newest 64 cards asked for (the preview draws cards on request)."""
    return card.draw()
