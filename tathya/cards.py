"""Share cards in a build: the PNG each check and claim page names in og:image, keyed by exactly what it shows.

A card is redrawn only when its key (share_image.card_key: its texts, colours, the
desk's name and logo, the fonts, the drawing code and Pillow) differs from the one
recorded for its file, or the file is not the one written; so a warm build after
an edit redraws the cards whose text changed. The preview's builds draw none; it
draws a card when one is asked for (serve.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from .filters import tone_of, verdict_counts
from .models import Check, Site
from .parallel import fork_map
from .plan import check_url, claim_url
from .share_image import card_key, draw_check_card, draw_claim_card

# The light theme's verdict colours (static/tathya.css), for a band white or black text reads on.
TONE_COLOURS = {"true": "#14632d", "mostly-true": "#2f5f0f", "misleading": "#8a4b00", "false": "#a0171c",
                "unverified": "#44475a"}
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


def plan_cards(site: Site) -> list[Card]:
    """Every card of the site: per language, one per check and one per claim."""
    config = site.config
    logo = card_logo(config.publisher.logo or "", config.publisher.logo_data)
    cards = []
    for lang in config.languages:
        desk = config.publisher.name[lang]
        for check in site.checks:
            cards.append(Card(f"{check_url(lang, check)}share.png", "check", (
                ("title", check.title[lang]), ("tally", tuple(tally(site, check, lang))), ("desk", desk), ("lang", lang),
                ("logo", logo))))
            for claim in check.claims:
                colour = TONE_COLOURS[tone_of(claim.verdict, config.verdicts)]
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


def tally(site: Site, check: Check, lang: str) -> list[tuple[str, str, int]]:
    """(label, colour, count) of each verdict the check gives, in scale order."""
    scale = site.config.verdicts
    return [(v.label[lang], TONE_COLOURS[tone_of(v, scale)], n) for v, n in verdict_counts(check, scale)]


def draw_cards(cards: list[Card], staging, jobs: int | None, progress=None) -> list[tuple[str, bool, int, int]]:
    """Draw and stage cards on several cores when they are many: (out_path, changed, size, mtime_ns) of each."""
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
