"""The shipped check page, with its stylesheet, script and icon, stays under 60 KB compressed."""

from __future__ import annotations

import gzip
from urllib.parse import urljoin, urlsplit

import pytest

from readers_support import LANGS, parse

BUDGET = 60 * 1024


def page_and_assets(site, path: str) -> list[str]:
    """The page and every same-site file it loads: stylesheets, icons, scripts, images."""
    tags = parse(site, path)
    loaded = [a["href"] for t, a in tags.tags if t == "link" and a.get("rel") in ("stylesheet", "icon")]
    loaded += [a["src"] for t, a in tags.tags if t in ("script", "img") and a.get("src")]
    base = site.url(path)
    files = [urlsplit(urljoin(base, link)).path.removeprefix(urlsplit(site.base).path) for link in loaded]
    return [path, *files]


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_check_page_weighs_under_60_kb_compressed(shipped_site, lang):
    files = page_and_assets(shipped_site, shipped_site.check_page(lang))
    sizes = {name: len(gzip.compress((shipped_site.root / name).read_bytes(), 9)) for name in files}
    total = sum(sizes.values())
    report = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
    print(f"{lang}: {total / 1024:.1f} KB compressed ({report})")
    assert {n.rsplit(".", 1)[-1] for n in files} >= {"html", "css", "js"}
    assert total < BUDGET, f"{total / 1024:.1f} KB compressed: {report}"
