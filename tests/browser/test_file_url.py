"""Open site/index.html from disk and follow every kind of link, as a reader with a downloaded copy would."""

from pathlib import Path

from tathya.pipeline import build

MINI = Path(__file__).resolve().parent.parent / "golden" / "mini" / "input"


def test_every_kind_of_link_works_from_file_urls(tmp_path, page):
    build(MINI, tmp_path / "site")
    page.goto((tmp_path / "site" / "index.html").as_uri() + "?choose")
    page.click("a.entry-lang[hreflang=en]")                      # entry -> home
    assert page.url.endswith("/site/en/index.html")
    assert page.locator("link[rel=stylesheet]").evaluate("l => l.sheet !== null")  # CSS loads from disk
    page.click(".check-list h3 a")                               # home -> check
    assert page.url.endswith("/site/en/moon-cheese/index.html")
    page.click("a.quote[href='#claim-cost']")                    # passage -> card
    assert page.url.endswith("#claim-cost")
    page.click("#claim-cost .claim-quote a")                     # card -> passage
    assert page.url.endswith("#quote-cost")
    page.click("#claim-cost a.permalink")                        # card -> share page
    assert page.url.endswith("/site/en/moon-cheese/claims/cost/index.html")
    page.click("nav.lang-switch a[hreflang=hi]")                 # switch -> same claim in Hindi
    assert page.url.endswith("/site/hi/moon-cheese/claims/cost/index.html")
    assert page.locator("html").get_attribute("lang") == "hi"
    page.click(".breadcrumb a")                                  # claim -> check
    assert page.url.endswith("/site/hi/moon-cheese/index.html")
    page.click("a.brand")                                        # header -> home
    assert page.url.endswith("/site/hi/index.html")
    page.click("nav.lang-switch a[hreflang=en]")
    page.click("text=About us and our method")                   # footer -> about
    assert page.url.endswith("/site/en/about/index.html")
    assert page.console_errors == []
