"""Check and claim pages are ready to share and to index: meta tags, ClaimReview, share links.

Read from the built HTML; one browser test records every request a check page makes.
"""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import pytest

from readers_support import LANGS, Tags, parse

OG_LOCALE = {"hi": "hi_IN", "en": "en_US"}
SHARE_HOSTS = {"share-whatsapp": "wa.me", "share-x": "twitter.com", "share-facebook": "www.facebook.com"}


def meta(tags, key: str) -> list[str]:
    """The content of every <meta property=key> or <meta name=key>."""
    return [a["content"] for t, a in tags.tags if t == "meta" and key in (a.get("property"), a.get("name"))]


def share_pages(site) -> list[tuple[str, str]]:
    return [(lang, path) for lang in LANGS for path in (site.check_page(lang), site.claim_page(lang))]


def page_url(site, path: str) -> str:
    return site.url(path.removesuffix("index.html"))


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_check_and_claim_pages_carry_open_graph_and_twitter_meta(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for lang, path in share_pages(site):
        tags = parse(site, path)
        for key in ("og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"):
            assert len(meta(tags, key)) == 1 and meta(tags, key)[0].strip(), f"{path}: {key}"
        assert meta(tags, "og:type") == ["article"], path
        assert meta(tags, "og:url") == [page_url(site, path)], path
        assert meta(tags, "og:locale") == [OG_LOCALE[lang]], path
        assert meta(tags, "og:locale:alternate") == [OG_LOCALE[o] for o in LANGS if o != lang], path
        assert meta(tags, "twitter:card") == ["summary_large_image"], path
        [image] = meta(tags, "og:image")  # the page's own share card, at the published address
        assert image == page_url(site, path) + "share.png" and (site.root / path).with_name("share.png").is_file(), path
        assert meta(tags, "og:image:width") == ["1200"] and meta(tags, "og:image:height") == ["630"], path
        # In the page's own language: the shared title is the page's own headline, or a claim's verdict and claim.
        title = meta(tags, "og:title")[0]
        if "/claims/" in path:
            verdict, _, title = title.partition(": ")
            assert verdict and verdict in tags.text, path
        assert title in tags.text, path


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_every_page_has_canonical_and_hreflang_with_x_default(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for path in site.html_pages():
        if path == "404.html":
            continue
        tags = parse(site, path)
        assert [a["href"] for a in tags.find("link", rel="canonical")] == [page_url(site, path)], path
        langs = {a["hreflang"]: a["href"] for a in tags.find("link", rel="alternate") if "hreflang" in a}
        assert set(langs) >= {"x-default"}, path
        assert all(href.startswith(site.base) for href in langs.values()), path
        if "/about/" not in path:  # an about page in only one language links only itself
            assert set(langs) == {*LANGS, "x-default"}, path


def claim_reviews(site, path: str) -> list[dict]:
    blocks = [json.loads(text) for attrs, text in parse(site, path).scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1, path
    return blocks[0] if isinstance(blocks[0], list) else [blocks[0]]


def assert_meets_google_fact_check_markup(review: dict, site, lang: str) -> None:
    """Google's fact-check markup: required claimReviewed, reviewRating.alternateName, url on this domain;
    recommended author, datePublished, itemReviewed (a Claim with author, datePublished, appearance)."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"].strip()
    assert urlsplit(review["url"]).netloc == urlsplit(site.base).netloc
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"].strip()
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["name"].strip() and review["author"]["url"].startswith("http")
    assert review["datePublished"] and review["inLanguage"] == lang
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["datePublished"] and claim["author"]["name"].strip()
    appearance = claim.get("appearance") or claim.get("firstAppearance")
    assert appearance and (appearance.get("url") or appearance.get("headline"))


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_claim_review_json_ld_meets_google_fact_check_markup(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for lang in LANGS:
        check_reviews = claim_reviews(site, site.check_page(lang))
        cards = parse(site, site.check_page(lang)).find("article")
        assert len(check_reviews) == len([c for c in cards if "claim-card" in c.get("class", "")])
        for review in check_reviews:
            assert_meets_google_fact_check_markup(review, site, lang)
        # Each claim page carries its own review, pointing at itself.
        [review] = claim_reviews(site, site.claim_page(lang))
        assert_meets_google_fact_check_markup(review, site, lang)
        assert review["url"] == page_url(site, site.claim_page(lang))
        assert review in check_reviews


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_every_card_has_a_permalink_and_script_free_share_links(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for lang in LANGS:
        html = (site.root / site.check_page(lang)).read_text(encoding="utf-8")
        tags = parse(site, site.check_page(lang))
        cards = [a["id"] for a in tags.find("article") if "claim-card" in a.get("class", "")]
        assert cards
        for card_id in cards:
            claim_id = card_id.removeprefix("claim-")
            card = html[html.index(f'id="{card_id}"'):]
            card = card[:card.index("</article>")]
            links = [a for t, a in Tags(card).tags if t == "a"]
            permalink = url_of_claim(site, lang, claim_id)
            assert [a for a in links if "permalink" in a.get("class", "")], card_id
            shares = {cls: a["href"] for a in links for cls in a.get("class", "").split() if cls.startswith("share-")}
            assert set(shares) == {*SHARE_HOSTS, "share-email"}, card_id
            for cls, host in SHARE_HOSTS.items():
                assert urlsplit(shares[cls]).netloc == host and permalink in unquote(shares[cls]), (card_id, cls)
            assert shares["share-email"].startswith("mailto:?") and permalink in unquote(shares["share-email"])


def url_of_claim(site, lang: str, claim_id: str) -> str:
    slug = site.check_page(lang).split("/")[1]
    return site.url(f"{lang}/{slug}/claims/{claim_id}/")


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_no_script_blocks_rendering(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for path in site.html_pages():
        for attrs, text in parse(site, path).scripts:
            if attrs.get("type") == "application/ld+json":
                continue
            assert attrs.get("src") and ("defer" in attrs or "async" in attrs), f"{path}: blocking script {attrs}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_check_page_requests_nothing_from_other_hosts(shipped_site, new_context, lang):
    context = new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(shipped_site.url(shipped_site.check_page(lang)), wait_until="networkidle")
    tab.mouse.wheel(0, 100000)  # anything lazy would load now
    tab.wait_for_timeout(200)
    assert requests
    assert {urlsplit(u).hostname for u in requests} == {"127.0.0.1"}, requests
    assert context.console_errors == []
    # The permalink of every card is visible, not only present.
    permalinks = tab.locator(".claim-card a.permalink")
    assert permalinks.count() == tab.locator(".claim-card").count() > 0
    assert all(permalinks.nth(i).is_visible() for i in range(permalinks.count()))
