"""The share cards as a chat shows them: a claim card and a check card per language, as <img> at thumbnail size.

The screenshots go to test-artifacts/share-cards/ (not committed), for people to review.
"""

from __future__ import annotations

import pytest

from readers_support import ARTIFACTS, LANGS

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "share-cards"
THUMBNAIL = 300  # px wide, about what WhatsApp shows in a chat


@pytest.mark.parametrize("lang", LANGS)
def test_cards_load_in_chromium_at_thumbnail_size(shipped_site, new_context, lang):
    cards = [shipped_site.check_page(lang).replace("index.html", "share.png"),
             shipped_site.claim_page(lang).replace("index.html", "share.png")]
    tab = new_context(viewport={"width": 2 * THUMBNAIL + 40, "height": 400}).new_page()
    images = "".join(f'<img src="{shipped_site.url(card)}" width="{THUMBNAIL}" alt="">' for card in cards)
    tab.set_content(f"<!DOCTYPE html><html lang='{lang}'><body style='margin:8px'>{images}</body></html>", wait_until="load")
    sizes = tab.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
    assert sizes == [[True, 1200, 630]] * 2, sizes
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"cards-{lang}-{THUMBNAIL}px.png"))
