"""Models -> the list of pages to render. Pure: no I/O, no templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models import Check, Site


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


def home_url(lang: str) -> str:
    return f"{lang}/"


def check_url(lang: str, check: Check) -> str:
    return f"{lang}/{check.slug}/"


def claim_url(lang: str, check: Check, claim_id: str) -> str:
    return f"{lang}/{check.slug}/claims/{claim_id}/"


def about_url(lang: str) -> str:
    return f"{lang}/about/"


def newest_first(site: Site) -> list[Check]:
    """Checks by publication date, newest first; slug breaks ties so output is stable."""
    return sorted(site.checks, key=lambda c: (-c.published.toordinal(), c.slug))


def plan_pages(site: Site, memo: dict | None = None) -> list[Page]:
    """Every page of the site, in a stable order; `memo` keeps a check's pages while its key stays."""
    langs = site.config.languages
    checks = newest_first(site)
    every = lambda make: {lang: make(lang) for lang in langs}  # noqa: E731
    pages = [Page("", "index.html", "entry.html", langs[0], every(home_url), x_default="")]
    about_langs = [lang for lang in langs if lang in site.about]
    for lang in langs:
        pages.append(Page(home_url(lang), f"{lang}/index.html", "home.html", lang, every(home_url),
                          x_default="", context={"checks": checks}))
        pages.append(Page(f"{lang}/feed.xml", f"{lang}/feed.xml", "feed.xml", lang, {}, None, {"checks": checks}))
        if lang in site.about:
            pages.append(Page(about_url(lang), f"{lang}/about/index.html", "about.html", lang,
                              {other: about_url(other) for other in about_langs},
                              x_default=about_url(about_langs[0]), context={"doc": site.about[lang]}))
        for check in checks:
            if memo is None:
                pages += plan_check(site, check, lang)
                continue
            pages += remember(memo, (site.key, check.key, lang), lambda: plan_check(site, check, lang))
    pages.append(Page("404.html", "404.html", "404.html", langs[0], {}))
    pages.append(Page("sitemap.xml", "sitemap.xml", "sitemap.xml", langs[0], {}, None, {"pages": sitemap_entries(pages)}))
    pages.append(Page("robots.txt", "robots.txt", "robots.txt", langs[0], {}))
    return pages


def remember(memo: dict, key, make):
    """memo[key], made once."""
    if key not in memo:
        memo[key] = make()
    return memo[key]


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
    """The HTML pages a search engine should index."""
    return [p for p in pages if p.out_path.endswith(".html") and p.out_path != "404.html"]
