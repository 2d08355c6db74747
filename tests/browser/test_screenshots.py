"""Screenshots of the check page on a phone and a desktop, both languages, for people to review.

Written to test-artifacts/screenshots/ (not committed). The first screen is what a reader
arriving from a shared link sees; on the phone, a full-page shot shows every card too.
"""

from __future__ import annotations

import struct

import pytest

from readers_support import ARTIFACTS, LANGS

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["390x844", "1280x800"])
@pytest.mark.parametrize("lang", LANGS)
def test_check_page_screenshots(shipped_site, new_context, lang, viewport):
    width, height = viewport
    tab = new_context(viewport={"width": width, "height": height}).new_page()
    tab.goto(shipped_site.url(shipped_site.check_page(lang)))
    SHOTS.mkdir(parents=True, exist_ok=True)
    first = SHOTS / f"check-{lang}-{width}x{height}.png"
    full = SHOTS / f"check-{lang}-{width}x{height}-full.png"
    tab.screenshot(path=str(first))
    assert png_size(first.read_bytes()) == (width, height)
    if width < 600:  # a full-page shot of a long page is slow to encode; the phone is the one to review
        tab.screenshot(path=str(full), full_page=True)
        full_width, full_height = png_size(full.read_bytes())
        assert full_width == width and full_height > height
