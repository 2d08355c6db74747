"""Search in a browser: Pagefind's UI on <lang>/search/ finds a check by a word of its title, in English and in
Hindi, under the base_url sub-path; the header's form leads there; without JavaScript the page links the lists."""

from __future__ import annotations

import shutil
from urllib.parse import urljoin

import pytest

from readers_support import MINI, SHIPPED, Site, need, serve_site

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result-link"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory, _servers) -> Site:
    """The shipped content plus the mini fixture's check, so that a search has two checks to choose from."""
    need((SHIPPED / "site.yaml").exists(), "content/ is not there yet")
    content = tmp_path_factory.mktemp("search") / "content"
    shutil.copytree(SHIPPED, content)
    shutil.copytree(MINI / "checks" / "moon-cheese", content / "checks" / "moon-cheese")
    return serve_site("search", content, tmp_path_factory.mktemp("sites"), _servers)


def search(page, site: Site, lang: str, words: str) -> None:
    """Open the search page, type like a reader, and wait for the results."""
    page.goto(site.url(f"{lang}/search/"))
    field = page.locator(".pagefind-ui__search-input")
    field.click()
    field.press_sequentially(words, delay=20)
    page.wait_for_selector(RESULT, timeout=15_000)


@pytest.mark.parametrize("lang, words", [("en", "cheese"), ("hi", "पनीर")])
def test_a_word_of_a_title_finds_its_check(new_context, search_site, lang, words):
    context = new_context()
    page = context.new_page()
    search(page, search_site, lang, words)
    first = page.locator(RESULT).first
    assert first.get_attribute("href").startswith(f"/tathya/{lang}/moon-cheese/")  # under the base_url path
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith(search_site.url(f"{lang}/moon-cheese/")), page.url
    assert page.locator("html").get_attribute("lang") == lang
    assert context.console_errors == []  # nothing the page's CSP refused, no script error


def test_the_search_page_speaks_the_page_language(new_context, search_site):
    page = new_context().new_page()
    search(page, search_site, "hi", "पनीर")
    assert page.locator(".pagefind-ui__search-input").get_attribute("placeholder") == "फ़ैक्ट-चेक में खोजें"
    message = page.locator(".pagefind-ui__message").inner_text()
    assert message == "पनीर के लिए 1 नतीजा", message  # our wording, not Pagefind's "1 परिणाम पनीर के लिए मिला"


def test_the_header_form_searches(new_context, search_site):
    page = new_context().new_page()
    page.goto(search_site.url("en/"))
    page.locator("form[role=search] input[name=q]").fill("cheese")
    page.locator("form[role=search] button").click()
    page.wait_for_selector(RESULT, timeout=15_000)
    assert page.url.startswith(search_site.url("en/search/"))
    assert "/tathya/en/moon-cheese/" in page.locator(RESULT).first.get_attribute("href")


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_without_javascript_the_search_page_links_the_lists(new_context, search_site, lang):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(search_site.url(f"{lang}/search/"))
    hrefs = [urljoin(page.url, a.get_attribute("href")) for a in page.locator("nav.browse a").all()]
    assert search_site.url(f"{lang}/") in hrefs or search_site.url(f"{lang}/index.html") in hrefs
    assert any(f"/{lang}/verdicts/false/" in h for h in hrefs), hrefs
    for href in hrefs:  # each list is there to be read
        assert page.request.get(href).ok, href
    assert page.locator(".pagefind-ui__search-input").count() == 0


@pytest.mark.parametrize("lang, words", [("en", "cheese"), ("hi", "पनीर")])
def test_search_results_are_accessible(browser, axe_script, search_site, lang, words):
    context = browser.new_context(bypass_csp=True)  # axe is injected from outside the page's CSP
    try:
        page = context.new_page()
        search(page, search_site, lang, words)
        page.add_script_tag(path=str(axe_script))
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            result = page.evaluate("options => axe.run(document, options)", WCAG)
            problems = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:5]]}" for v in result["violations"]]
            assert not problems, f"{lang} {scheme}:\n" + "\n".join(problems)
    finally:
        context.close()
