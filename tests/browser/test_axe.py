"""axe-core finds no WCAG 2.1 A/AA violation on any page kind, in both languages, light and dark."""

from __future__ import annotations

import pytest

from readers_support import LANGS

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The entry page and 404.html exist once, not per language.
PAGES = [("entry", LANGS[0]), ("404", LANGS[0])] + [(kind, lang) for kind in ("home", "check", "claim", "about")
                                                      for lang in LANGS]


def axe_violations(context, url: str, axe_script) -> list[str]:
    """Load a page, inject axe-core, and describe each violation with its failing elements.

    Contrast that axe could not decide ("incomplete") counts too: the badges and marks must be proven.
    """
    tab = context.new_page()
    tab.goto(url)
    tab.add_script_tag(path=str(axe_script))
    result = tab.evaluate("options => axe.run(document, options)", WCAG)
    tab.close()
    undecided = [v for v in result["incomplete"] if v["id"] == "color-contrast"]
    return [f"{v['id']} ({v.get('impact')}): {v['help']}\n" + "\n".join(
        f"    {n['target']} {(n.get('failureSummary') or '').strip().splitlines()[-1:]}" for n in v["nodes"][:8])
        for v in result["violations"] + undecided]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("kind", "lang"), PAGES, ids=[f"{k}-{lang}" for k, lang in PAGES])
def test_shipped_pages_have_no_wcag_violations(shipped_site, new_context, axe_script, kind, lang, scheme):
    # The page's CSP allows only its own scripts; axe is injected from outside it.
    context = new_context(bypass_csp=True, color_scheme=scheme)
    problems = axe_violations(context, shipped_site.url(shipped_site.kind(kind, lang)), axe_script)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_mini_check_page_has_no_wcag_violations(mini_site, new_context, axe_script, lang, scheme):
    # The mini fixture has what the shipped check lacks: corrections and archived copies.
    context = new_context(bypass_csp=True, color_scheme=scheme)
    problems = axe_violations(context, mini_site.url(mini_site.check_page(lang)), axe_script)
    assert not problems, "\n".join(problems)
