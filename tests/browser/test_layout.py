"""Layout in Chromium: nothing overflows 320 px, nothing shifts while loading, print keeps source URLs."""

from __future__ import annotations

import pytest

from readers_support import LANGS

pytestmark = pytest.mark.browser

KINDS = ("home", "check", "claim", "about")
# The sum of layout-shift scores without recent input, as the CLS metric counts them.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 100);
})"""


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_overflows_a_320px_screen(shipped_site, new_context, lang):
    tab = new_context(viewport={"width": 320, "height": 640}).new_page()
    wide = {}
    for kind in (*KINDS, "entry", "404"):
        tab.goto(shipped_site.url(shipped_site.kind(kind, lang)))
        width = tab.evaluate("document.scrollingElement.scrollWidth")
        if width > 320:
            wide[kind] = (width, tab.evaluate("""[...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 320.5).slice(0, 5)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""))
    assert not wide, wide


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_layout_shift_while_loading(shipped_site, new_context, lang, viewport):
    tab = new_context(viewport={"width": viewport[0], "height": viewport[1]}).new_page()
    for kind in ("check", "claim", "home"):
        tab.goto(shipped_site.url(shipped_site.kind(kind, lang)), wait_until="load")
        shift = tab.evaluate(LAYOUT_SHIFT)
        assert shift < 0.01, f"{kind}: cumulative layout shift {shift:.4f}"


@pytest.mark.parametrize("lang", LANGS)
def test_printed_cards_show_their_source_urls(shipped_site, new_context, lang):
    tab = new_context().new_page()
    tab.goto(shipped_site.url(shipped_site.check_page(lang)))
    tab.emulate_media(media="print")
    printed = tab.evaluate("""() => [...document.querySelectorAll('.claim-card .sources a')].map(a =>
        [a.href, a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert printed
    for absolute, href, after in printed:
        assert href in after, (href, after)
    shown = tab.evaluate("""() => [...document.querySelectorAll('.claim-card')]
        .every(c => getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().height > 0)""")
    assert shown
    hidden = tab.evaluate("""() => [...document.querySelectorAll('.card-share, .lang-switch')]
        .every(e => getComputedStyle(e).display === 'none')""")
    assert hidden
