"""axe-core finds no WCAG 2.1 A/AA violation on any page kind, in both languages, light and dark."""

from __future__ import annotations

import pytest

from readers_support import LANGS

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCHEMES = ("light", "dark")
# The entry page and 404.html exist once, not per language.
SHIPPED = [("entry", LANGS[0]), ("404", LANGS[0])] + [(kind, lang) for kind in ("home", "check", "claim", "about")
                                                        for lang in LANGS]
BATCH = 6  # pages audited at once: axe is slow on a long page, and the machine has more than one core


def describe(result: dict) -> list[str]:
    """Each violation with its failing elements. Contrast that axe could not decide counts too:
    the badges and marks must be proven, not assumed."""
    undecided = [v for v in result["incomplete"] if v["id"] == "color-contrast"]
    return [f"{v['id']} ({v.get('impact')}): {v['help']}\n" + "\n".join(
        f"    {n['target']} {(n.get('failureSummary') or '').strip().splitlines()[-1:]}" for n in v["nodes"][:8])
        for v in result["violations"] + undecided]


def audit(browser, axe_script, urls: dict) -> dict:
    """{(key, scheme): problems} for every URL, light then dark on the same loaded page."""
    # The page's CSP allows only its own scripts; axe is injected from outside it.
    context = browser.new_context(bypass_csp=True)
    found = {}
    items = list(urls.items())
    try:
        for start in range(0, len(items), BATCH):
            tabs = []
            for key, url in items[start:start + BATCH]:
                tab = context.new_page()
                tab.goto(url)
                tab.add_script_tag(path=str(axe_script))
                tabs.append((key, tab))
            for scheme in SCHEMES:
                for key, tab in tabs:  # start every page's run, then collect: they run side by side
                    tab.emulate_media(color_scheme=scheme)
                    tab.evaluate("options => { window.tathyaAxe = axe.run(document, options); }", WCAG)
                for key, tab in tabs:
                    found[key, scheme] = describe(tab.evaluate("() => window.tathyaAxe"))
            for key, tab in tabs:
                tab.close()
    finally:
        context.close()
    return found


@pytest.fixture(scope="module")
def axe_problems(browser, axe_script, shipped_site, mini_site, many_site) -> dict:
    urls = {("shipped", kind, lang): shipped_site.url(shipped_site.kind(kind, lang)) for kind, lang in SHIPPED}
    urls.update({("many", path): many_site.url(path) for path in many_site.list_pages()})
    # The mini fixture has what the shipped check lacks: corrections and archived copies.
    urls.update({("mini", "check", lang): mini_site.url(mini_site.check_page(lang)) for lang in LANGS})
    return audit(browser, axe_script, urls)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("kind", "lang"), SHIPPED, ids=[f"{k}-{lang}" for k, lang in SHIPPED])
def test_shipped_pages_have_no_wcag_violations(axe_problems, kind, lang, scheme):
    problems = axe_problems[("shipped", kind, lang), scheme]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGS)
def test_mini_check_page_has_no_wcag_violations(axe_problems, lang, scheme):
    problems = axe_problems[("mini", "check", lang), scheme]
    assert not problems, "\n".join(problems)


def test_every_list_page_of_a_big_site_has_no_wcag_violations(axe_problems, many_site):
    """Home, topic and verdict lists of 47 checks, every page of each, light and dark."""
    lists = many_site.list_pages()
    assert len(lists) >= 30
    problems = [f"{path} ({scheme}): {problem}" for path in lists for scheme in SCHEMES
                for problem in axe_problems[("many", path), scheme]]
    assert not problems, "\n".join(problems)
