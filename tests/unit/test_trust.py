"""What readers trust a desk by: verdict-first share text, a byline, the desk's contact and funding, and opinions left unrated."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

from tathya.pipeline import build
from template_support import read

CLAIMS = "checks/moon-cheese/claims.yaml"
SCALE = """verdicts:
  - {id: "true", rating: 5, label: {hi: "सही", en: "True"}}
  - {id: "false", rating: 1, label: {hi: "ग़लत", en: "False"}}
  - {id: not-rated, rating: 0, label: {hi: "रेटिंग नहीं दी गई", en: "Not rated"}}
"""


def test_every_share_link_and_the_claim_pages_title_start_with_the_verdict(tree):
    build(Path("content"), Path("site"))
    for lang, label in (("hi", "गलत"), ("en", "False")):
        page = read(f"{lang}/moon-cheese/claims/cheese/index.html")
        texts = [unquote(t) for t in re.findall(r'(?:\?text=|&amp;text=|subject=)([^"&]+)', page)]
        assert len(texts) == 3 and all(t.startswith(f"{label}: ") for t in texts), texts
        assert f'<meta property="og:title" content="{label}: ' in page and f'<meta name="twitter:title" content="{label}: ' in page


def test_cards_say_claim_not_myth(tree):
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    assert '<p class="card-kicker">Claim</p>' in page and "Myth" not in page
    assert '<p class="card-kicker">दावा</p>' in read("hi/moon-cheese/index.html")


def test_a_claim_page_names_its_check_with_dates_byline_and_the_checked_item(tree):
    build(Path("content"), Path("site"))
    page = read("hi/moon-cheese/claims/cheese/index.html")
    assert 'इस जाँच का हिस्सा: <a href="../../../../hi/moon-cheese/index.html">क्या चाँद पनीर का बना है?</a>' in page
    assert '<time datetime="2025-04-20">20 अप्रैल 2025</time>' in page and '<time datetime="2025-04-22">22 अप्रैल 2025</time>' in page
    assert '<span class="byline">लेखक: Asha Verma और Ravi Kumar</span>' in page
    assert '<a href="https://example.org/moon" hreflang="hi" lang="hi">चाँद पनीर का है</a>' in page
    assert '<span class="byline">By Asha Verma and Ravi Kumar</span>' in read("en/moon-cheese/index.html")


def test_contact_and_funding_reach_the_footer_of_every_page_and_the_about_page(tree):
    build(Path("content"), Path("site"))
    for rel in ("hi/index.html", "en/moon-cheese/index.html", "en/moon-cheese/claims/cost/index.html", "404.html"):
        page = read(rel)
        assert 'href="mailto:desk@example.org"' in page and 'href="https://wa.me/919876543210"' in page, rel
    about = read("en/about/index.html")
    assert '<h2 id="contact-title">Contact and corrections</h2>' in about and "<p>Readers' <em>donations</em>.</p>" in about
    assert 'class="funding">ख़र्च कौन उठाता है: पाठकों के <em>चंदे</em> से।</p>' in read("hi/index.html")


def test_a_bad_contact_is_an_error_at_its_line(tree):
    tree.replace("site.yaml", 'contact: {email: desk@example.org, whatsapp: "+91 98765 43210"}',
                 'contact: {email: desk-at-example.org, whatsapp: "98765"}')
    errors = tree.errors()
    assert any(e.startswith("content/site.yaml:8: contact email 'desk-at-example.org'") for e in errors), errors
    assert any(e.startswith("content/site.yaml:8: contact whatsapp '98765'") for e in errors), errors
    tree.replace("site.yaml", 'contact: {email: desk-at-example.org, whatsapp: "98765"}', "contact: {}")
    assert tree.errors() == ["content/site.yaml:8: publisher contact gives no way to reach the desk; "
                             "give at least one of email, whatsapp and url"]


def test_a_not_rated_claim_has_no_rating_and_is_listed_apart_from_the_verdicts(tree):
    tree.replace("site.yaml", "publisher:", SCALE + "publisher:")
    tree.replace(CLAIMS, "verdict: mostly-true", "verdict: not-rated")
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    rated, unrated = re.findall(r'<ul class="tally[^"]*"[^>]*aria-label="([^"]+)">(.*?)</ul>', page, re.S)[:2]
    assert rated[0] == "Verdicts" and 'data-verdict="false"' in rated[1] and "not-rated" not in rated[1]
    assert unrated[0] == "Without a rating" and 'data-verdict="not-rated"' in unrated[1]
    review = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read("en/moon-cheese/claims/cost/index.html")).group(1))
    assert "ratingValue" not in review["reviewRating"] and review["reviewRating"]["alternateName"] == "Not rated"


def test_a_forwarded_message_needs_no_publisher_or_date(tree):
    tree.replace(CLAIMS, "  publisher: Example News\n  date: 2025-04-15\n", "  kind: forward\n")
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    assert "<dt>Checked forward</dt>" in page and "Example News" not in page
    assert "<dt>जाँचा गया फ़ॉरवर्ड</dt>" in read("hi/moon-cheese/index.html")
    review = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read("en/moon-cheese/claims/cost/index.html")).group(1))
    assert review["itemReviewed"] == {"@type": "Claim", "appearance": {"@type": "CreativeWork", "headline": "चाँद पनीर का है",
                                                                        "url": "https://example.org/moon"}}


def test_an_unknown_source_kind_names_the_kinds(tree):
    tree.replace(CLAIMS, "  publisher: Example News\n", "  kind: tweet\n  publisher: Example News\n")
    assert tree.errors() == ["content/checks/moon-cheese/claims.yaml:9: source kind 'tweet' is not one tathya knows; "
                             "use one of article, post, video, forward, speech, image"]


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis(tree):
    long = " ".join(["cheese"] * 60)
    tree.replace(CLAIMS, 'en: "No. The Moon is made of *rock*."', f'en: "{long}"')
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    [description] = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(description) <= 200 and description.endswith("cheese…") and description.startswith("cheese cheese")
