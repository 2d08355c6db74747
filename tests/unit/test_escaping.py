"""Values from site.yaml, claims.yaml and the command line reach pages, feeds and JSON-LD as text, never as markup."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from escaping_support import audit_site, render_site, structure

from tathya.cli import main
from tathya.load import load_site

HOSTILE_BASE_URL = 'https://e.org/x"><meta/http-equiv="refresh"/content="0;url=https://evil.example/"><x/'


def plain(marker: str) -> str:
    """What an editor could type into a plain-text field, tagged so that each field can be found in the output."""
    return f"javascript:alert(1) <&'\"> {marker} </script><img src=x onerror=alert(1)><tathya-evil onclick=alert(2)>"


def markdown(marker: str) -> str:
    """Hostile Markdown for the (md) fields: the sanitiser's part, then the templates'."""
    return (f"{marker} <&'\"> </script><script>alert(1)</script> [j](javascript:alert(1)) "
            f'<a href="javascript:alert(1)" onclick="alert(2)">x</a> <tathya-evil onmouseover=alert(3)>y</tathya-evil>')


def as_markdown_text(text: str) -> str:
    """Text spelled so that Markdown shows it as it is (a quote's passage in the article)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def localised(field: str, make) -> dict[str, str]:
    return {lang: make(f"{field}-{lang}") for lang in ("hi", "en")}


def site_yaml(text) -> dict:
    verdicts = [("true", 5), ("mostly-true", 4), ("misleading", 2), ("false", 1), ("unverified", 0)]
    return {
        "languages": ["hi", "en"],
        "title": localised("site-title", text),
        "description": localised("site-description", text),
        "base_url": "https://example.github.io/mini/",
        "publisher": {"name": localised("publisher-name", text), "url": "https://example.org/"},
        "verdicts": [{"id": vid, "rating": rating, "label": localised(f"verdict-{vid}", text)} for vid, rating in verdicts],
    }


def claim(cid: str, verdict: str, text) -> dict:
    return {
        "id": cid, "verdict": verdict, "claim": localised(f"{cid}-claim", text), "quote": localised(f"{cid}-quote", text),
        "reality": localised(f"{cid}-reality", markdown), "note": localised(f"{cid}-note", markdown),
        "sources": [{"title": text(f"{cid}-source-title"), "url": "https://example.org/s",
                     "publisher": text(f"{cid}-source-publisher"), "archive_url": "https://archive.example.org/s"}],
        "figures": [{"label": localised(f"{cid}-figure-label", text), "value": 382, "unit": text(f"{cid}-figure-unit")},
                    {"label": localised(f"{cid}-figure-label-2", text), "value": 5, "unit": "USD"}],
    }


def claims_yaml(text) -> dict:
    return {
        "title": localised("check-title", text), "summary": localised("summary", markdown), "published": "2025-04-20",
        "updated": "2025-04-22",
        "source": {"title": text("checked-title"), "publisher": text("checked-publisher"), "date": "2025-04-15",
                   "url": "https://example.org/moon", "language": "hi"},
        "claims": [claim("cheese", "false", text), claim("cost", "mostly-true", text)],
        "corrections": [{"date": "2025-04-22", "text": localised("correction", markdown)}],
    }


def article(lang: str, text) -> str:
    """An article whose title is `text` and whose body holds both quotes as text, between hostile Markdown."""
    front = yaml.safe_dump({"title": text(f"article-title-{lang}")}, allow_unicode=True)
    quotes = [as_markdown_text(text(f"{cid}-quote-{lang}")) for cid in ("cheese", "cost")]
    return f"---\n{front}---\n{quotes[0]}\n\n{markdown(f'article-{lang}')}\n\nAnd {quotes[1]} too.\n"


# Every plain-text field of the contract that the generator reads, by the marker its text carries.
PLAIN_FIELDS = [f"{field}-{lang}" for lang in ("hi", "en") for field in (
    "site-title", "site-description", "publisher-name", "verdict-false", "verdict-mostly-true", "verdict-true",
    "verdict-misleading", "verdict-unverified", "check-title", "article-title", "about-title",
    *(f"{cid}-{part}" for cid in ("cheese", "cost") for part in ("claim", "quote", "figure-label")))] + [
    "checked-title", "checked-publisher",
    *(f"{cid}-{part}" for cid in ("cheese", "cost") for part in ("source-title", "source-publisher", "figure-unit"))]


def write_tree(tree, text) -> None:
    """The mini check with `text(marker)` in every plain-text field and hostile Markdown in every (md) one."""
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    tree.write("site.yaml", dump(site_yaml(text)))
    tree.write("checks/moon-cheese/claims.yaml", dump(claims_yaml(text)))
    for lang in ("hi", "en"):
        tree.write(f"checks/moon-cheese/article.{lang}.md", article(lang, text))
    for lang in ("hi", "en"):  # the about pages show the whole verdict scale
        front = yaml.safe_dump({"title": text(f"about-title-{lang}")}, allow_unicode=True)
        tree.write(f"about.{lang}.md", f"---\n{front}---\n{markdown(f'about-{lang}')}\n")


def test_every_plain_text_field_is_escaped_in_every_page_feed_and_json_ld(tree):
    write_tree(tree, plain)
    assert main(["--content", "content", "--out", "site"]) == 0
    findings = audit_site(Path("site"))
    assert findings.problems == []
    missing = [field for field in PLAIN_FIELDS if not findings.has(plain(field))]
    assert missing == [], "these fields never reached the output intact, as text"


def test_hostile_text_leaves_every_page_with_the_markup_of_plain_words(tree):
    """Escaped input changes no page's tags or attributes: compared with a build of harmless words."""
    write_tree(tree, plain)
    assert main(["--content", "content", "--out", "site"]) == 0
    write_tree(tree, lambda marker: f"words {marker}")
    assert main(["--content", "content", "--out", "calm"]) == 0
    assert structure(Path("site")) == structure(Path("calm"))


def hostile_base_url_site(base_url: str):
    """The mini site with a base_url that settings validation would refuse, set on the loaded config directly."""
    site = load_site(Path("content"))
    return replace(site, config=replace(site.config, base_url=base_url))


def test_base_url_path_cannot_add_markup_to_404_page_even_unvalidated(tree):
    render_site(hostile_base_url_site(HOSTILE_BASE_URL), Path("hostile"))
    render_site(load_site(Path("content")), Path("plain"))
    findings = audit_site(Path("hostile"))
    assert findings.problems == []
    assert structure(Path("hostile")) == structure(Path("plain"))
    page = Path("hostile/404.html").read_text(encoding="utf-8")
    encoded = "/x%22%3E%3Cmeta/http-equiv=%22refresh%22/content=%220;url=https://evil.example/%22%3E%3Cx/"
    assert f'<link rel="stylesheet" href="{encoded}assets/tathya.css">' in page
    assert f'href="{encoded}en/index.html"' in page
    assert "evil.example/\"" not in page and "<meta/" not in page and "<x/" not in page


def test_base_url_reaches_canonical_links_json_ld_and_robots_percent_encoded(tree):
    render_site(hostile_base_url_site(HOSTILE_BASE_URL), Path("hostile"))
    encoded = "https://e.org/x%22%3E%3Cmeta/http-equiv=%22refresh%22/content=%220;url=https://evil.example/%22%3E%3Cx/"
    check = Path("hostile/en/moon-cheese/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{encoded}en/moon-cheese/">' in check
    assert f'"url":"{encoded}en/moon-cheese/claims/cheese/"' in check
    assert Path("hostile/robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {encoded}sitemap.xml\n")
    assert f"<loc>{encoded}en/</loc>" in Path("hostile/sitemap.xml").read_text(encoding="utf-8")


def test_base_url_with_two_leading_slashes_keeps_404_links_on_the_site(tree):
    """'//host/' in an href is another host: the 404 page's links start with a single '/'."""
    render_site(hostile_base_url_site("https://e.org//evil.example/"), Path("hostile"))
    page = Path("hostile/404.html").read_text(encoding="utf-8")
    assert 'href="//' not in page and 'href="/evil.example/en/index.html"' in page


def test_cli_refuses_or_escapes_a_hostile_base_url(tree, capsys):
    """Settings validation may refuse it (exit 1, site not written); if it is let through, it is escaped."""
    code = main(["--content", "content", "--out", "site", "--base-url", HOSTILE_BASE_URL])
    if code == 1:
        assert "--base-url" in capsys.readouterr().err and not Path("site").exists()
        return
    assert code == 0
    assert audit_site(Path("site")).problems == []
    assert "<meta/" not in Path("site/404.html").read_text(encoding="utf-8")


def test_preview_plain_error_page_escapes_the_base_path():
    from tathya.errors import ContentError
    from tathya.serve import plain_error_page

    page = plain_error_page([ContentError("content/site.yaml", 3, "<b>bad</b>")], '/x"><script>alert(1)</script>/').decode()
    assert "<script>alert" not in page and "<b>" not in page
    assert 'href="/x&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/assets/tathya.css"' in page
