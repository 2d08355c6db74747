"""Each page's hreflang alternates lead to the same page in the other language, and those pages exist."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from tathya.pipeline import build

BASE = "https://example.github.io/mini/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head(HTMLParser):
    """<html lang> and the <link rel="alternate" hreflang> of a page."""

    def __init__(self):
        super().__init__()
        self.lang, self.alternates = None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.append((a["hreflang"], a["href"]))


def url_of(rel: str) -> str:
    """A page's site URL from its file: 'en/x/index.html' -> 'en/x/'."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def counterpart(url: str, lang: str, langs: tuple[str, ...]) -> str:
    """The same page in another language: the language prefix swapped (the entry page's are the home pages)."""
    first, _, rest = url.partition("/")
    return f"{lang}/" if first not in langs else f"{lang}/{rest}"


def exists(site: Path, url: str) -> bool:
    return (site / (url + "index.html" if url == "" or url.endswith("/") else url)).is_file()


def check_alternates(site: Path, url: str, alternates: list[tuple[str, str]], langs: tuple[str, ...]) -> list[str]:
    """What is wrong with one page's alternates: a wrong target, a missing page, a language left out."""
    problems = []
    given = dict(alternates)
    if len(given) != len(alternates):
        problems.append(f"{url}: a language is listed twice: {alternates}")
    for lang, href in alternates:
        assert href.startswith(BASE), href
        target = href[len(BASE):]
        if lang == "x-default":
            if not exists(site, target):
                problems.append(f"{url}: x-default {href} does not exist")
            continue
        if target != counterpart(url, lang, langs):
            problems.append(f"{url}: hreflang={lang} leads to {target}, not {counterpart(url, lang, langs)}")
        if not exists(site, target):
            problems.append(f"{url}: hreflang={lang} leads to {target}, which was not built")
    for lang in langs:  # every translation that exists is named
        if lang not in given and exists(site, counterpart(url, lang, langs)):
            problems.append(f"{url}: no hreflang={lang} though {counterpart(url, lang, langs)} exists")
    return problems


def test_every_pages_hreflang_alternates_lead_to_the_same_page_in_that_language(tree):
    build(Path("content"), Path("site"))
    site, langs, problems, pages = Path("site"), ("hi", "en"), [], 0
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/") or rel == "404.html":
            continue
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        url = url_of(rel)
        if head.lang != langs[0] or url:  # the entry page is in the first language, and lists every home
            assert head.lang in langs and url.startswith(head.lang + "/"), (rel, head.lang)
            assert (head.lang, BASE + url) in head.alternates, f"{rel} does not list itself"
        problems += check_alternates(site, url, head.alternates, langs)
        pages += 1
    assert pages >= 10 and problems == []  # entry, 2 homes, about, 2 checks, 4 claims


def test_sitemap_alternates_lead_to_the_same_page_in_that_language(tree):
    build(Path("content"), Path("site"))
    root = ET.parse("site/sitemap.xml").getroot()
    problems, urls = [], 0
    for entry in root.iter(f"{SITEMAP}url"):
        url = entry.find(f"{SITEMAP}loc").text[len(BASE):]
        alternates = [(link.get("hreflang"), link.get("href")) for link in entry.iter(f"{XHTML}link")]
        problems += check_alternates(Path("site"), url, alternates, ("hi", "en"))
        urls += 1
    assert urls >= 10 and problems == []


def test_a_wrong_alternate_is_reported():
    """The checker itself: a claim page whose Hindi alternate names the check page."""
    problems = check_alternates(Path("nowhere"), "en/c/claims/x/", [("en", BASE + "en/c/claims/x/"), ("hi", BASE + "hi/c/")],
                                ("hi", "en"))
    assert "en/c/claims/x/: hreflang=hi leads to hi/c/, not hi/c/claims/x/" in problems
