"""The preview draws no share card while building, and draws one when a page's card is asked for."""

from __future__ import annotations

import re
from pathlib import Path

from serve_support import Server, get


def test_the_preview_draws_a_card_on_request_only(content):
    server = Server(content)
    try:
        out = Path(re.match(r"built .* into (.+): ", server.lines[0]).group(1))
        assert out.is_dir() and not list(out.rglob("share.png"))  # the build itself drew none
        status, _, page = get(server, "/mini/en/moon-cheese/claims/cheese/")
        assert status == 200 and 'content="https://example.github.io/mini/en/moon-cheese/claims/cheese/share.png"' in page
        status, headers, body = get(server, "/mini/en/moon-cheese/claims/cheese/share.png")
        assert status == 200 and headers["Content-Type"] == "image/png" and body.startswith("\ufffdPNG")
        assert get(server, "/mini/en/moon-cheese/claims/nothing/share.png")[0] == 404
    finally:
        server.stop()
