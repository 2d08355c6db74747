"""The shipped sample as readers get it: built, then read page by page (the sample's own; deleted with it)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from tathya.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "content/checks/deepseek-cost"
if not CHECK.is_dir():
    pytest.skip("the sample check is not in content/ (a desk's own site): delete tests/sample/ with it", allow_module_level=True)
SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
LABELS = {lang: {v["label"][lang] for v in SITE["verdicts"]} for lang in ("hi", "en")}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    build(ROOT / "content", out)
    return out


def claim_pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang / "deepseek-cost/claims").glob("*/index.html"))


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_every_share_text_starts_with_a_verdict_of_its_language(site, lang):
    pages = [site / lang / "deepseek-cost/index.html", *claim_pages(site, lang)]
    texts = [unquote(t) for p in pages for t in re.findall(r'(?:\?text=|&amp;text=|subject=)([^"&]+)', p.read_text(encoding="utf-8"))]
    assert len(texts) >= 19 * 3 * 2
    assert all(t.split(": ", 1)[0] in LABELS[lang] for t in texts), [t for t in texts if t.split(": ", 1)[0] not in LABELS[lang]][:3]


def test_no_english_card_is_labelled_myth(site):
    for page in [site / "en/deepseek-cost/index.html", *claim_pages(site, "en")]:
        assert ">Myth<" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_every_claim_page_shows_the_checks_date(site, lang):
    day = yaml.safe_load((CHECK / "claims.yaml").read_text(encoding="utf-8"))["published"].isoformat()
    pages = claim_pages(site, lang)
    assert len(pages) == 19
    for page in pages:
        assert f'<time datetime="{day}">' in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_about_page_links_the_contact(site, lang):
    about = (site / lang / "about/index.html").read_text(encoding="utf-8")
    assert f'href="{SITE["publisher"]["contact"]["url"]}"' in about
    assert 'href="#contact-title"' in about  # the corrections policy points at it
    assert "open an issue" not in about.lower()


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_descriptions_fit_a_preview_and_claim_pages_lead_with_the_verdict(site, lang):
    for page in sorted((site / lang).rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        found = re.findall(r'<meta (?:name="description"|property="og:description"|name="twitter:description") content="([^"]*)">', text)
        assert found and all(len(html.unescape(d)) <= 200 for d in found), (page, [len(d) for d in found])
        if "/claims/" in page.as_posix():
            assert all(html.unescape(d).split(": ", 1)[0] in LABELS[lang] for d in found), page
