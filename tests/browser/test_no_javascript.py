"""With JavaScript off, pages keep their text and their links: script only adds the copy buttons."""

from __future__ import annotations

import pytest

from readers_support import LANGS

pytestmark = pytest.mark.browser

VISIBLE_TEXT = "() => { document.querySelectorAll('.copy-link').forEach(b => b.remove()); return document.body.innerText; }"


def text_and_links(tab, url: str) -> tuple[str, list[str]]:
    tab.goto(url)
    return tab.evaluate(VISIBLE_TEXT), tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", LANGS)
def test_check_page_reads_the_same_without_javascript(shipped_site, new_context, lang):
    url = shipped_site.url(shipped_site.check_page(lang))
    with_script = text_and_links(new_context().new_page(), url)
    tab = new_context(java_script_enabled=False).new_page()
    assert text_and_links(tab, url) == with_script
    cards = tab.locator(".claim-card")
    assert cards.count() > 0
    for i in range(cards.count()):
        card = cards.nth(i)
        assert card.is_visible() and card.locator(".verdict-label").is_visible()
        assert card.locator("a.permalink").is_visible() and card.locator("a.share").count() == 4
    other = [lang_ for lang_ in LANGS if lang_ != lang][0]
    assert tab.locator(f"nav.lang-switch a[hreflang={other}]").is_visible()
    assert tab.locator(".copy-link").count() == 0


def test_entry_page_reaches_every_language_without_javascript(shipped_site, new_context):
    tab = new_context(java_script_enabled=False).new_page()
    for lang in LANGS:
        tab.goto(shipped_site.url(""))
        link = tab.locator(f"a.entry-lang[hreflang={lang}]")
        assert link.is_visible()
        link.click()
        assert tab.url == shipped_site.url(f"{lang}/index.html")
        assert tab.locator("html").get_attribute("lang") == lang
        assert tab.locator(".check-item a").first.is_visible()


def test_entry_page_remembers_the_language_with_javascript(shipped_site, new_context):
    # The one thing script adds on the entry page; the no-script page above must not need it.
    context = new_context()
    tab = context.new_page()
    tab.goto(shipped_site.url(""))
    tab.click("a.entry-lang[hreflang=en]")
    tab.goto(shipped_site.url(""))
    tab.wait_for_url(shipped_site.url("en/index.html"))
    assert context.console_errors == []


def test_script_adds_a_copy_button_beside_each_permalink(shipped_site, new_context):
    context = new_context()
    tab = context.new_page()
    tab.goto(shipped_site.url(shipped_site.check_page(LANGS[0])))
    assert tab.locator(".copy-link").count() == tab.locator("a.permalink").count() > 0
    assert tab.locator(".copy-link").first.is_visible()
    assert context.console_errors == []
