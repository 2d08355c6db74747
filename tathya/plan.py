"""Models -> the list of pages to render, and what each page is drawn from. Pure: no I/O, no templates."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from collections.abc import Mapping
from typing import Any

from .cache import digest
from .models import Check, Claim, Site


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it, and with what."""

    url: str                      # site-relative URL: "" , "hi/", "hi/<slug>/claims/<id>/"
    out_path: str                 # path under site/: "hi/index.html"
    template: str
    lang: str
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> url of this page in that language
    x_default: str | None = None  # the version for readers of no listed language
    context: dict[str, Any] = field(default_factory=dict)


FEED_ENTRIES = 50  # the newest checks in each language's feed


def home_url(lang: str) -> str:
    return f"{lang}/"


def check_url(lang: str, check: Check) -> str:
    return f"{lang}/{check.slug}/"


def claim_url(lang: str, check: Check, claim_id: str) -> str:
    return f"{lang}/{check.slug}/claims/{claim_id}/"


def about_url(lang: str) -> str:
    return f"{lang}/about/"


def search_url(lang: str) -> str:
    return f"{lang}/search/"


def plan_pages(site: Site) -> list[Page]:
    """Every page of the site, in a stable order (site.checks is newest first)."""
    langs = site.config.languages
    every = lambda make: {lang: make(lang) for lang in langs}  # noqa: E731
    pages = [Page("", "index.html", "entry.html", langs[0], every(home_url), x_default="")]
    about_langs = [lang for lang in langs if lang in site.about]
    for lang in langs:
        pages += plan_lists(site, lang)
        pages.append(Page(search_url(lang), f"{search_url(lang)}index.html", "search.html", lang,
                          every(search_url), x_default=search_url(langs[0])))
        pages.append(Page(f"{lang}/feed.xml", f"{lang}/feed.xml", "feed.xml", lang, {}, None,
                          {"checks": site.checks[:FEED_ENTRIES]}))
        if lang in site.about:
            pages.append(Page(about_url(lang), f"{lang}/about/index.html", "about.html", lang,
                              {other: about_url(other) for other in about_langs},
                              x_default=about_url(about_langs[0]), context={"doc": site.about[lang]}))
        for check in site.checks:
            pages += plan_check(site, check, lang)
    pages.append(Page("404.html", "404.html", "404.html", langs[0], {}))
    pages.append(Page("sitemap.xml", "sitemap.xml", "sitemap.xml", langs[0], {}, None, {"pages": sitemap_entries(pages)}))
    pages.append(Page("robots.txt", "robots.txt", "robots.txt", langs[0], {}))
    return pages


def list_url(lang: str, number: int, root: str = "") -> str:
    """The n-th page of a list: its first page (the home page, or `root` under the language), then .../page/<n>/."""
    first = f"{lang}/{root}" if root else home_url(lang)
    return first if number == 1 else f"{first}page/{number}/"


def topic_root(topic_id: str) -> str:
    return f"topics/{topic_id}/"


def verdict_root(verdict_id: str) -> str:
    return f"verdicts/{verdict_id}/"


def plan_lists(site: Site, lang: str) -> list[Page]:
    """Every list of a language: the checks (the home page), each topic's checks, each verdict's claims."""
    by_topic: dict[str, list] = {topic.id: [] for topic in site.config.topics}
    by_verdict: dict[str, list] = {verdict.id: [] for verdict in site.config.verdicts}
    for check in site.checks:  # newest first, so every list is too
        for topic in check.topics:
            by_topic[topic.id].append(check)
        for claim in check.claims:
            by_verdict[claim.verdict.id].append((check, claim))
    pages = plan_list(site, lang, "home.html", "", site.checks, {})
    for topic in site.config.topics:
        pages += plan_list(site, lang, "topic.html", topic_root(topic.id), by_topic[topic.id], {"topic": topic})
    for verdict in site.config.verdicts:
        pages += plan_list(site, lang, "verdict.html", verdict_root(verdict.id), by_verdict[verdict.id], {"verdict": verdict})
    return pages


def plan_list(site: Site, lang: str, template: str, root: str, items: list, context: dict) -> list[Page]:
    """A list in pages of `page_size` items (newest first), each page saying which it is and linking its neighbours."""
    size, langs = site.config.page_size, site.config.languages
    count = max(1, -(-len(items) // size))
    pages = []
    for number in range(1, count + 1):
        url = list_url(lang, number, root)
        paging = {"number": number, "count": count, "total": len(items),
                  "newer": list_url(lang, number - 1, root) if number > 1 else None,
                  "older": list_url(lang, number + 1, root) if number < count else None}
        pages.append(Page(url, f"{url}index.html", template, lang, {other: list_url(other, number, root) for other in langs},
                          x_default="" if number == 1 and not root else list_url(langs[0], number, root),
                          context=context | {"items": items[(number - 1) * size:number * size], "paging": paging}))
    return pages


def plan_check(site: Site, check: Check, lang: str) -> list[Page]:
    """A check page and one share page per claim, in one language."""
    langs = site.config.languages
    context = {"check": check}
    pages = [Page(check_url(lang, check), f"{lang}/{check.slug}/index.html", "check.html", lang,
                  {other: check_url(other, check) for other in langs}, check_url(langs[0], check), context)]
    for claim in check.claims:
        url = claim_url(lang, check, claim.id)
        pages.append(Page(url, f"{url}index.html", "claim.html", lang,
                          {other: claim_url(other, check, claim.id) for other in langs},
                          claim_url(langs[0], check, claim.id), {"check": check, "claim": claim}))
    return pages


def sitemap_entries(pages: list[Page]) -> list[Page]:
    """The HTML pages a search engine should index: their addresses, without what they show."""
    return [replace(p, context={}) for p in pages if p.out_path.endswith(".html") and p.out_path != "404.html"]


def page_key(page: Page, base: str, check_keys: Mapping[str, str]) -> str:
    """A hash of what a page is drawn from, bar the list of every check (which the renderer notes when read).

    `base` covers the templates, UI strings, code, settings and about pages;
    the rest is the page's place and its context (describe()).
    """
    place = "\0".join((page.out_path, page.template, page.url, str(page.x_default), *page.alternates.values()))
    return digest(base, place, describe(page.context, check_keys))


def describe(value, check_keys: Mapping[str, str]) -> str:
    """What a page's context holds, as text that changes whenever what it shows can change.

    A check is its key (the hash of its files); a claim is its id, as it always
    stands beside its check, whose key covers it; anything else is its repr.
    """
    if isinstance(value, Check):
        return check_keys[value.slug]
    if isinstance(value, Claim):
        return f"claim {value.id}"
    if isinstance(value, dict) and "check" in value and value.keys() <= {"check", "claim"}:  # most pages: said quickly
        return f"{check_keys[value['check'].slug]}|{value['claim'].id if 'claim' in value else ''}"
    if isinstance(value, Page):
        return (f"{value.out_path}|{value.template}|{value.url}|{value.alternates}|{value.x_default}|"
                f"{describe(value.context, check_keys)}")
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(describe(item, check_keys) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{k}:{describe(v, check_keys)}" for k, v in sorted(value.items())) + "}"
    return repr(value)
