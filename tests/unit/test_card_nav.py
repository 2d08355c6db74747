"""The check page's list of its cards: every card linked with its verdict, and each tally count linking its first card."""

from __future__ import annotations

import re
from pathlib import Path

from tathya.pipeline import build
from template_support import read


def test_the_card_list_links_every_card_and_the_tally_its_first_card_of_each_verdict(tree):
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    nav = re.search(r'<nav class="card-nav"[^>]*>(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r'<a href="#claim-([a-z0-9-]+)">', nav) == re.findall(r'<article class="claim-card" id="claim-([a-z0-9-]+)"', page)
    assert '<span class="nav-verdict verdict-false">False</span> The Moon is made of cheese.</a>' in nav
    tally = re.search(r'<ul class="tally"[^>]*aria-label="Verdicts">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'data-verdict="([a-z-]+)"><a href="#claim-([a-z-]+)">', tally) == [("mostly-true", "cost"), ("false", "cheese")]
    assert '<a href="#claim-' not in read("en/index.html").split('class="tally"')[1].split("</ul>")[0]  # the home list's counts link the verdict lists
