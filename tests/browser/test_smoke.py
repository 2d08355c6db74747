from tathya.pipeline import build
from pathlib import Path

MINI = Path(__file__).resolve().parent.parent / "golden" / "mini" / "input"


def test_language_switch_reaches_the_same_claim_in_english(tmp_path, static_server, page):
    build(MINI, tmp_path / "site")
    base = static_server(tmp_path / "site", "/tathya/")
    page.goto(base + "hi/moon-cheese/claims/cheese/index.html")
    page.click("nav.lang-switch a[hreflang=en]")
    assert page.url == base + "en/moon-cheese/claims/cheese/index.html"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".verdict-label").first.inner_text().split() == ["Verdict:", "False"]
    assert page.console_errors == []
