"""Every relative link and #fragment of a built site resolves on disk, as it must from file://."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tathya.pipeline import build

ROOT = Path(__file__).resolve().parent.parent.parent


class LinkParser(html.parser.HTMLParser):
    """Collects ids and the href/src of every element."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[key])


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Relative links whose file or #fragment does not exist, as 'page -> link'."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for name, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            if not (site / target).is_file():
                broken.append(f"{name} -> {link}")
            elif parts.fragment and parts.fragment not in (pages.get(target) or parse(site / target)).ids:
                broken.append(f"{name} -> {link} (no such id)")
    return broken


@pytest.mark.parametrize("content", ["tests/golden/mini/input", "content"])
def test_no_broken_relative_link_or_fragment(content, tmp_path):
    if not (ROOT / content).is_dir():
        pytest.skip(f"{content} is not in this checkout")
    build(ROOT / content, tmp_path / "site")
    assert broken_links(tmp_path / "site") == []


def test_broken_link_finder_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/index.html#x">b</a><a href="#nowhere">n</a><a href="https://x.org/">x</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b/index.html").write_text('<p id="y"></p>')
    assert broken_links(tmp_path) == ["a/index.html -> ../b/index.html#x (no such id)", "a/index.html -> #nowhere (no such id)"]
