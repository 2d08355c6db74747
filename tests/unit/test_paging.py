"""The list of checks in pages of `page_size`: the home page, then <lang>/page/<n>/, each linking its neighbours."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from tathya.cli import main
from template_support import read


def add_checks(tree, count: int) -> None:
    """`count` more copies of the mini check, published a day apart after it."""
    source = tree.path("checks/moon-cheese")
    for n in range(1, count + 1):
        folder = tree.path(f"checks/moon-{n:02d}")
        shutil.copytree(source, folder)
        claims = folder / "claims.yaml"
        day = (date(2025, 4, 20) + timedelta(days=n)).isoformat()
        claims.write_text(claims.read_text(encoding="utf-8").replace("published: 2025-04-20", f"published: {day}")
                          .replace("Is the Moon made of cheese?", f"Moon question {n}"), encoding="utf-8")


def items(rel: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', read(rel))


def test_fifty_five_checks_make_three_pages_of_twenty_linked_both_ways(tree):
    add_checks(tree, 54)
    assert main(["build", "--no-share-images"]) == 0
    first, second, third = items("en/index.html"), items("en/page/2/index.html"), items("en/page/3/index.html")
    assert (len(first), len(second), len(third)) == (20, 20, 15)
    assert first[0] == "Moon question 54" and third[-1] == "Is the Moon made of cheese?"  # newest first, all of them
    assert not Path("site/en/page/4").exists() and not Path("site/en/page/1").exists()
    home, middle, last = read("en/index.html"), read("en/page/2/index.html"), read("en/page/3/index.html")
    assert '<link rel="next" href="../en/page/2/index.html">' in home and 'rel="prev"' not in home
    assert '<link rel="prev" href="../../../en/index.html">' in middle and '<link rel="next" href="../../../en/page/3/index.html">' in middle
    assert "<p>Page 2 of 3</p>" in middle and "<title>Test desk · Page 2 of 3</title>" in middle
    assert '<a href="../../../en/page/2/index.html" rel="prev">Newer fact-checks</a>' in last and 'rel="next"' not in last
    assert "<p>पेज 3 (कुल 3)</p>" in read("hi/page/3/index.html")
    assert '<h2>Older fact-checks</h2>\n<p class="meta">Page 2 of 3</p>' in middle  # said at the top too
    assert '<link rel="alternate" hreflang="hi" href="https://example.github.io/mini/hi/page/2/">' in middle
    assert "<loc>https://example.github.io/mini/en/page/3/</loc>" in read("sitemap.xml")
    assert read("en/feed.xml").count("<entry>") == 50  # the newest fifty


def test_page_size_comes_from_site_yaml_and_must_be_a_whole_number_above_zero(tree):
    add_checks(tree, 4)
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "page_size: 2\n")
    assert main(["build", "--no-share-images"]) == 0
    assert [len(items(rel)) for rel in ("en/index.html", "en/page/2/index.html", "en/page/3/index.html")] == [2, 2, 1]
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8").replace("page_size: 2", "page_size: 0"))
    assert tree.errors() == ["content/site.yaml:10: page_size 0 is below 1; write a whole number of checks per page, e.g. 20"]
