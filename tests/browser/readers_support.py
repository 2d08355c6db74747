"""Helpers for the reader-facing checks: built sites served under /tathya/, an HTML tag collector.

Each site is built with its base_url set to the address it is served from, so canonical,
hreflang and share URLs point at the test server and the crawl can follow them too.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tathya.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "golden" / "mini" / "input"
SHIPPED = ROOT / "content"
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
PREFIX = "/tathya/"
LANGS = ("hi", "en")


def _top_conftest():
    """tests/conftest.py by path: both files are named conftest, so `import conftest` is ambiguous."""
    spec = importlib.util.spec_from_file_location("tathya_tests_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TOP = _top_conftest()
need = _TOP.need  # skip on a developer machine, fail when CI=true
CHROMIUM = _TOP.CHROMIUM


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@dataclass(frozen=True)
class Site:
    """A built site and the address it is served from."""

    name: str
    root: Path
    base: str  # http://127.0.0.1:PORT/tathya/

    def url(self, path: str) -> str:
        return self.base + path

    def html_pages(self) -> list[str]:
        """Every .html file, as a path relative to the site root."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def list_pages(self) -> list[str]:
        """Every page of every list: home, topic and verdict lists, first pages and older ones."""
        return [p for p in self.html_pages() if p.split("/")[1:2] in (["index.html"], ["page"], ["topics"], ["verdicts"])]

    def check_page(self, lang: str) -> str:
        """The first check page of a language."""
        return next(p for p in self.html_pages() if p.startswith(f"{lang}/") and p.count("/") == 2
                    and not p.startswith(f"{lang}/about/"))

    def claim_page(self, lang: str) -> str:
        """The first claim share page of a language."""
        return next(p for p in self.html_pages() if p.startswith(f"{lang}/") and "/claims/" in p)

    def kind(self, kind: str, lang: str) -> str:
        """The path of one page kind (entry, home, check, claim, about, 404) in a language."""
        paths = {"entry": "index.html", "home": f"{lang}/index.html", "about": f"{lang}/about/index.html",
                 "404": "404.html"}
        if kind == "check":
            return self.check_page(lang)
        if kind == "claim":
            return self.claim_page(lang)
        return paths[kind]


def serve_site(name: str, content: Path, tmp: Path, servers: list) -> Site:
    """Bind a server first, then build with that address as base_url, mounted under PREFIX."""
    served = tmp / f"{name}-served"
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    servers.append(server)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    root = served / PREFIX.strip("/")
    build(content, root, base_url=base)
    return Site(name, root, base)


class Tags(HTMLParser):
    """A document's start tags as (tag, attributes), its ids, its script blocks and its visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.text = ""  # the text outside <head>, <script> and <style>
        self._skip = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        if tag in ("head", "script", "style"):
            self._skip += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if not self._skip:
            self.text += data
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if tag in ("head", "script", "style"):
            self._skip -= 1

    def find(self, tag: str, **match: str) -> list[dict[str, str]]:
        """Attributes of every `tag` whose attributes include `match`."""
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in match.items())]


def parse(site: Site, path: str) -> Tags:
    return Tags((site.root / path).read_text(encoding="utf-8"))
