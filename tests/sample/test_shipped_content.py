"""Checks on the shipped DeepSeek fact-check in content/.

Standalone on purpose: these tests read the content files directly and do not
import the generator, so they guard the editorial content on their own.

They belong to the sample, not to the tool: a desk that replaces the sample
deletes tests/sample/ with content/checks/deepseek-cost/ (docs/customising.md).
Until then they skip, with a reason, when the sample check is gone.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CONTENT = ROOT / "content"
CHECK = CONTENT / "checks" / "deepseek-cost"
# The article as published, copied from the project's shared folder (see tests/sample/data/README.md).
PUBLISHED = HERE / "data" / "deepseek-article.txt"
PUBLISHED_SHA256 = "146cb0534cb396a7f15d0c0c587de0e284e2eb839bea5a0e549c7b08d0294ca6"
LANGS = ("hi", "en")
VERDICTS = {"true", "mostly-true", "misleading", "false", "unverified"}
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
# Lines of the published page that are not article text.
FOOTER_LINES = {"मुख्य समाचार", "अधिक"}
IMAGE_CREDIT_SUFFIX = "चित्र: ensigame.com"

if not CHECK.is_dir():
    pytest.skip(f"the sample check {CHECK.relative_to(ROOT)} is not in content/ (a desk's own site): "
                "delete tests/sample/ with it", allow_module_level=True)


def normalise(text: str) -> str:
    """NFC with runs of white space collapsed, as the generator matches quotes."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def read_text(path: Path) -> str:
    """A UTF-8 file with BOM and CRLF tolerated, like the generator reads it."""
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter mapping, body) of a Markdown file."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1) or "") or {}, text[match.end():]


def strip_markdown(body: str) -> str:
    """Visible text of simple Markdown: links, emphasis and block markers removed."""
    body = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", body)
    return re.sub(r"(?m)^\s{0,3}(#{1,6}\s+|>\s?)", "", body)


def article(lang: str) -> tuple[dict, str]:
    """Front matter and normalised visible body of article.<lang>.md."""
    meta, body = split_front_matter(read_text(CHECK / f"article.{lang}.md"))
    return meta, normalise(strip_markdown(body))


def visible(lang: str) -> str:
    """What a reader sees of article.<lang>.md, headline first; quotes may come from either."""
    meta, body = article(lang)
    return normalise(str(meta.get("title", ""))) + " " + body


def load_check() -> dict:
    return yaml.safe_load(read_text(CHECK / "claims.yaml"))


def claims() -> list[dict]:
    return load_check()["claims"]


def verdict_id(value) -> str:
    """Verdict ids are strings even when YAML reads an unquoted true/false as bool."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def published_lines() -> list[str]:
    """Article lines of the published page: no footer, no image credits, no blanks."""
    lines = [line.strip() for line in read_text(PUBLISHED).split("\n")]
    return [
        line for line in lines
        if line and line not in FOOTER_LINES and not line.startswith("Copyright")
        and not line.endswith(IMAGE_CREDIT_SUFFIX)
    ]


def test_published_article_is_the_copy_taken_from_the_shared_folder():
    assert hashlib.sha256(PUBLISHED.read_bytes()).hexdigest() == PUBLISHED_SHA256, (
        f"{PUBLISHED} differs from the article as published; copy it again (tests/sample/data/README.md)")


def sentences(line: str) -> list[str]:
    """Pieces of a line between '।' and '?' marks."""
    return [normalise(piece) for piece in re.split(r"[।?]", line) if piece.strip()]


def test_hindi_headline_is_the_published_headline():
    meta, _ = article("hi")
    headline = published_lines()[0]
    assert normalise(str(meta.get("title", ""))) == normalise(headline), (
        f"article.hi.md front matter title should be the published headline {headline!r}, "
        f"found {meta.get('title')!r}"
    )


def test_every_published_hindi_sentence_is_in_the_hindi_article():
    meta, body = article("hi")
    text = normalise(f"{meta.get('title', '')}\n{body}")
    missing = [s for line in published_lines() for s in sentences(line) if s not in text]
    assert not missing, (
        "article.hi.md must keep the published text verbatim; these sentences are missing or altered:\n  "
        + "\n  ".join(missing)
    )


def test_image_credits_and_footer_are_left_out_of_the_hindi_article():
    _, body = article("hi")
    for unwanted in ("ensigame.com", "मुख्य समाचार", "Copyright"):
        assert unwanted not in body, f"article.hi.md should not contain {unwanted!r} (image credit or site footer)"


def test_articles_have_a_title_in_every_language():
    for lang in LANGS:
        meta, body = article(lang)
        assert str(meta.get("title", "")).strip(), f"article.{lang}.md needs a front matter title"
        assert body, f"article.{lang}.md has no body"


def test_check_has_at_least_twelve_claims():
    count = len(claims())
    assert count >= 12, f"claims.yaml has {count} claims; the shipped check needs at least 12"


def test_claim_ids_are_unique_and_well_formed():
    ids = [c["id"] for c in claims()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate claim ids in claims.yaml: {duplicates}"
    bad = [i for i in ids if not ID_RE.fullmatch(str(i))]
    assert not bad, f"claim ids must be lowercase a-z, 0-9 and '-': {bad}"


def site() -> dict:
    return yaml.safe_load(read_text(CONTENT / "site.yaml"))


def scale() -> dict[str, dict]:
    """site.yaml's verdict scale by id (the default scale when it has none)."""
    items = site().get("verdicts")
    if not items:
        return {vid: {"id": vid} for vid in VERDICTS}
    return {verdict_id(v["id"]): v for v in items}


def test_every_verdict_is_on_the_sites_scale():
    known = scale()
    bad = {c["id"]: c["verdict"] for c in claims() if verdict_id(c["verdict"]) not in known}
    assert not bad, f"unknown verdicts (use one of {sorted(known)}, from site.yaml): {bad}"


def test_localised_fields_have_every_language():
    check = load_check()
    fields = {"title": check["title"], "summary": check["summary"]}
    for c in check["claims"]:
        for key in ("claim", "quote", "reality", "note"):
            if key in c:
                fields[f"{c['id']}.{key}"] = c[key]
        for n, figure in enumerate(c.get("figures", [])):
            fields[f"{c['id']}.figures[{n}].label"] = figure["label"]
    missing = {name: [l for l in LANGS if not str((value or {}).get(l, "")).strip()] for name, value in fields.items()}
    missing = {name: langs for name, langs in missing.items() if langs}
    assert not missing, f"localised fields lacking a language: {missing}"


def test_every_quote_occurs_in_its_language_article():
    missing = []
    for lang in LANGS:
        body = visible(lang)
        for c in claims():
            quote = normalise(c["quote"][lang])
            if quote not in body:
                missing.append(f"{c['id']} [{lang}]: {quote[:80]!r}")
    assert not missing, "quotes not found verbatim in article.<lang>.md:\n  " + "\n  ".join(missing)


def test_quotes_do_not_overlap_and_follow_article_order():
    for lang in LANGS:
        body = visible(lang)
        spans = []
        for c in claims():
            quote = normalise(c["quote"][lang])
            start = body.find(quote)
            if start >= 0:
                spans.append((start, start + len(quote), c["id"]))
        for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:]):
            assert e1 <= s2, (
                f"article.{lang}.md: quote of '{b}' starts before the quote of '{a}' ends; "
                "quotes must be distinct passages, listed in article order"
            )


def test_reality_has_60_to_150_words_per_language():
    wrong = []
    for c in claims():
        for lang in LANGS:
            words = len(re.findall(r"\S+", c["reality"][lang]))
            if not 60 <= words <= 150:
                wrong.append(f"{c['id']} [{lang}]: {words} words")
    assert not wrong, "reality must be 60-150 words in each language:\n  " + "\n  ".join(wrong)


def test_every_source_url_is_https():
    bad = []
    for c in claims():
        for source in c.get("sources") or []:
            for key in ("url", "archive_url"):
                if key in source and not str(source[key]).startswith("https://"):
                    bad.append(f"{c['id']}: {key} {source[key]!r}")
    assert not bad, "source links must use https:\n  " + "\n  ".join(bad)


def test_every_claim_has_a_source_with_title_and_url():
    bad = [c["id"] for c in claims()
           if not c.get("sources") or any(not s.get("title") or not s.get("url") for s in c["sources"])]
    assert not bad, f"claims lacking a titled source with a url: {bad}"


def test_claims_with_figures_have_a_source():
    bad = [c["id"] for c in claims() if c.get("figures") and not c.get("sources")]
    assert not bad, f"claims carry figures but list no source to back them: {bad}"


def test_figures_are_plain_numbers_with_a_unit():
    bad = []
    for c in claims():
        for figure in c.get("figures", []):
            value = figure.get("value")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not str(figure.get("unit", "")).strip():
                bad.append(f"{c['id']}: {figure!r}")
    assert not bad, "each figure needs a numeric value and a unit:\n  " + "\n  ".join(bad)


# --- The independent review of 2 December 2026 (issue 16; the corrections in facts.md) ---

# Copies that the review replaced by the publisher's own page, or dropped.
DROPPED_DOMAINS = ("theepochtimes.com", "t-room.us", "theoutpost.ai", "recruitology.com", "nbcnewyork.com")
# Every claim's verdict after the corrections (C02, the chatbot greeting, has no card).
CORRECTED_VERDICTS = {
    "headline-1-6b-spent": "misleading",
    "nvidia-stock-drop": "true",
    "mtp-multi-token-prediction": "mostly-true",
    "moe-256-experts-8-active": "mostly-true",
    "mla-multi-head-latent-attention": "misleading",
    "v3-2048-gpus": "true",
    "v3-training-cost-6m": "mostly-true",
    "semianalysis-50k-hopper-gpus": "unverified",
    "server-capex-1-6b": "unverified",
    "operating-cost-944m": "misleading",
    "high-flyer-spinoff-2023": "false",
    "owns-data-centers": "mostly-true",
    "self-funded": "true",
    "talent-top-chinese-universities": "mostly-true",
    "salaries-over-1-3m": "unverified",
    "six-million-scope-pretraining-only": "mostly-true",
    "invested-over-500m": "unverified",
    "experts-success-not-budget": "not-rated",
    "r1-5m-vs-gpt4o-100m": "misleading",
}
# The contract's default scale, with गलत written ग़लत like the rest of the site, plus one for opinions.
EXPECTED_SCALE = [
    ("true", 5, "सही", "True"),
    ("mostly-true", 4, "अधिकांशतः सही", "Mostly true"),
    ("misleading", 2, "भ्रामक", "Misleading"),
    ("false", 1, "ग़लत", "False"),
    ("unverified", 0, "अपुष्ट", "Unverified"),
    ("not-rated", 0, "रेटिंग नहीं दी गई", "Not rated"),
]
# English notes about a source ("copy", "via", "quoted by", ...): a source's title and publisher are shown
# as they are on Hindi pages too, so they must not carry one; the cards say it in each language instead.
ENGLISH_SOURCE_NOTE = re.compile(
    r"\b(copy|copies|repost(ed)?|syndicated|via|quoted|republication|preprint|in english|report on|thread on|"
    r"section|sections|model repository)\b", re.I)


def claim(claim_id: str) -> dict:
    found = [c for c in claims() if c["id"] == claim_id]
    assert found, f"claims.yaml has no claim '{claim_id}'"
    return found[0]


def sources(c: dict) -> list[dict]:
    return c.get("sources") or []


def hindi_texts() -> dict[str, str]:
    """Every Hindi text of the site an editor wrote (not the quotes, which are the article verbatim)."""
    check = load_check()
    texts = {"title": check["title"]["hi"], "summary": check["summary"]["hi"]}
    for c in check["claims"]:
        for key in ("claim", "reality", "note"):
            if key in c:
                texts[f"{c['id']}.{key}"] = c[key]["hi"]
        for n, figure in enumerate(c.get("figures", [])):
            texts[f"{c['id']}.figures[{n}].label"] = figure["label"]["hi"]
    texts["about.hi.md"] = read_text(CONTENT / "about.hi.md")
    conf = site()
    texts["site.yaml description"] = conf["description"]["hi"]
    for v in conf.get("verdicts") or []:
        texts[f"site.yaml verdict {v['id']}"] = v["label"]["hi"]
    # Passages in «…» are the article's own words, quoted with their errors.
    return {name: re.sub(r"«[^»]*»", "", unicodedata.normalize("NFC", str(text))) for name, text in texts.items()}


def test_no_source_is_a_dropped_copy():
    bad = [f"{c['id']}: {s.get(key)}" for c in claims() for s in sources(c) for key in ("url", "archive_url")
           if s.get(key) and any(domain in str(s[key]) for domain in DROPPED_DOMAINS)]
    assert not bad, ("cite the publisher's own page, not a copy (facts.md, corrections 3); drop these:\n  "
                     + "\n  ".join(bad))


def test_originals_are_cited():
    urls = {str(s["url"]) for c in claims() for s in sources(c)}
    originals = (
        "https://www.cnbc.com/2025/01/27/nvidia-sheds-almost-600-billion-in-market-cap-biggest-drop-ever.html",
        "https://www.reuters.com/world/china/chinas-deepseek-says-its-hit-ai-model-cost-just-294000-train-2025-09-18/",
        "https://www.nature.com/articles/s41586-025-09422-z",
        "https://www.nature.com/articles/d41586-025-03015-6",
        "https://restofworld.org/2025/china-ai-talent-deepseek-rise-us-dominance/",
    )
    missing = [url for url in originals if url not in urls]
    assert not missing, f"the publisher's own pages listed in facts.md are not cited: {missing}"


def test_the_epoch_times_is_gone_from_the_text():
    text = read_text(CHECK / "claims.yaml")
    for name in ("Epoch", "एपक", "एपॉक", "593.7"):
        assert name not in text, f"claims.yaml still mentions {name!r}; The Epoch Times was dropped with its figure"


def test_mla_card_cites_the_deepseek_v2_paper_and_its_baseline():
    c = claim("mla-multi-head-latent-attention")
    assert any("2405.04434" in str(s["url"]) for s in sources(c)), (
        "the 93.3% is DeepSeek's own figure from the DeepSeek-V2 paper: cite arXiv 2405.04434 on the MLA card")
    assert "DeepSeek 67B" in c["reality"]["en"] and "67B" in c["reality"]["hi"], (
        "the MLA card must name the baseline of the 93.3%, DeepSeek 67B, in both languages")
    assert "standard attention" not in c["reality"]["en"].replace("standard multi-head attention", ""), (
        "the 93.3% is measured against DeepSeek 67B, not 'versus standard attention'")


def test_verdicts_are_as_corrected():
    found = {c["id"]: verdict_id(c["verdict"]) for c in claims()}
    assert found == CORRECTED_VERDICTS, (
        "verdicts differ from facts.md with its corrections of 2 December 2026: "
        + str({k: (found.get(k), v) for k, v in CORRECTED_VERDICTS.items() if found.get(k) != v}
              | {k: (v, None) for k, v in found.items() if k not in CORRECTED_VERDICTS}))


def test_operating_cost_card_says_why_it_is_misleading():
    c = claim("operating-cost-944m")
    assert "false impression" in c["reality"]["en"] and "ग़लत तस्वीर" in unicodedata.normalize("NFC", c["reality"]["hi"]), (
        "operating-cost-944m is misleading: its reality must say the framing gives a false impression")


def test_site_scale_is_the_default_scale_plus_not_rated():
    items = site().get("verdicts") or []
    found = [(verdict_id(v["id"]), v["rating"], unicodedata.normalize("NFC", v["label"]["hi"]), v["label"]["en"])
             for v in items]
    expected = [(vid, rating, unicodedata.normalize("NFC", hi), en) for vid, rating, hi, en in EXPECTED_SCALE]
    assert found == expected, f"site.yaml verdicts should be {expected}, found {found}"


def test_opinion_card_is_not_rated():
    c = claim("experts-success-not-budget")
    assert verdict_id(c["verdict"]) == "not-rated", "C19 is an opinion: the about page says opinions are not rated"
    assert scale()["not-rated"]["rating"] == 0, "not-rated must have rating 0 in site.yaml"
    assert "opinion" in c["reality"]["en"] and "not rate" in c["reality"]["en"], (
        "the opinion card must say it is an opinion and that opinions are not rated")
    assert "राय" in c["reality"]["hi"] and "रेटिंग नहीं" in c["reality"]["hi"], (
        "the Hindi opinion card must say it is an opinion (राय) and that opinions are not rated")


def test_six_million_card_says_trained_not_built():
    c = claim("v3-training-cost-6m")
    assert not re.search(r"\bbuilt\b", c["claim"]["en"]) and "trained" in c["claim"]["en"], (
        f"the quoted passage is about training: say 'trained', not 'built': {c['claim']['en']!r}")
    assert "बना लिया" not in c["claim"]["hi"] and "प्रशिक्षित" in c["claim"]["hi"], (
        f"say «प्रशिक्षित किया», not «बना लिया»: {c['claim']['hi']!r}")


def test_six_million_is_an_estimate_not_rent_paid():
    check = load_check()
    for name, text in (("summary", check["summary"]["en"]), ("v3-training-cost-6m", claim("v3-training-cost-6m")["reality"]["en"])):
        assert "rented" not in text, f"{name}: the $5.576M is an estimate at an assumed rate; nothing was rented"
        assert "assumed" in text and "$2" in text, f"{name}: say the figure assumes a rental rate of $2 per GPU-hour"


def test_mtp_card_states_the_claim_and_cites_the_right_sections():
    c = claim("mtp-multi-token-prediction")
    assert "different parts of a sentence" in c["claim"]["en"] and "अलग-अलग हिस्सों" in c["claim"]["hi"], (
        "state the article's claim faithfully: the model analyses different parts of a sentence")
    titles = " ".join(s["title"] for s in sources(c))
    assert "§4.2" in titles and "§5.4.3" in titles, "cite §4.2 (depth 1) and §5.4.3 (1.8 times) of the V3 report"


def test_self_funded_is_dated_early_2025_without_later_reports():
    c = claim("self-funded")
    assert "early 2025" in c["reality"]["en"] and "2025 की शुरुआत" in c["reality"]["hi"], "say 'as of early 2025'"
    for lang, words in (("en", ("later report", "outside funding")), ("hi", ("बाद की रिपोर्ट", "बाहरी निवेश की बात"))):
        for word in words:
            assert word not in c["reality"][lang], f"self-funded [{lang}] refers to reports after the check: {word!r}"


def test_lower_bounds_are_labelled_as_lower_bounds():
    c = claim("r1-5m-vs-gpt4o-100m")
    gpt4 = [f for f in c["figures"] if "GPT-4" in f["label"]["en"]]
    assert gpt4, "the GPT-4 figure is missing from the R1 card"
    assert "> $100 million" in gpt4[0]["label"]["en"] and "> 10 करोड़ डॉलर" in gpt4[0]["label"]["hi"], (
        "'over $100 million' is a lower bound: label it '> $100 million' / «> 10 करोड़ डॉलर»")
    floor = claim("invested-over-500m")["figures"][0]
    assert "> $500 million" in floor["label"]["en"] and "> 50 करोड़ डॉलर" in floor["label"]["hi"], (
        "'well higher than $500M' is a lower bound: label it as one")


def test_charts_print_no_english_unit_on_hindi_pages():
    # A unit other than USD is printed as written, the same in both languages ("50,000 GPUs" on a Hindi page).
    bad = [f"{c['id']}: {f['unit']}" for c in claims() for f in c.get("figures", []) if str(f["unit"]).upper() != "USD"]
    assert not bad, "a chart unit other than USD shows in English on Hindi pages:\n  " + "\n  ".join(bad)


def test_source_notes_are_not_english_on_hindi_pages():
    bad = [f"{c['id']}: {s.get(key)!r}" for c in claims() for s in sources(c) for key in ("title", "publisher")
           if s.get(key) and ENGLISH_SOURCE_NOTE.search(str(s[key]))]
    assert not bad, ("a source's title and publisher appear as-is on Hindi pages: put notes about a source "
                     "(copy, via, in English) in the card's own text, in each language:\n  " + "\n  ".join(bad))
    english = re.compile(r"\((?:[^)]*\b(copy|repost|syndicated|quoted|via|in English|preprint)\b[^)]*)\)", re.I)
    bad = [name for name, text in hindi_texts().items() if english.search(text)]
    assert not bad, f"Hindi text with an English note about a source: {bad}"


def test_hindi_spelling_keeps_the_nukta():
    bad = [f"{name}: {word}" for name, text in hindi_texts().items()
           for word in ("गलत", "तरीका", "हिन्दी", "आँकता", "आँके") if word in text]
    assert not bad, "write ग़लत, तरीक़ा, हिंदी, «का अनुमान लगाता है»:\n  " + "\n  ".join(bad)


def test_hindi_wording_fixes_of_the_review():
    text = normalise(" ".join(hindi_texts().values()) + " " + read_text(CHECK / "claims.yaml"))
    for phrase in ("की (key) और वैल्यू (value) वेक्टर", "256 'रूटेड' एक्सपर्ट और एक साझा एक्सपर्ट होते हैं",
                   "समूची प्री-ट्रेनिंग", "तालिका का हिसाब दोबारा लगाया", "'तथ्य' डेस्क की एक नमूना जाँच"):
        assert normalise(phrase) in text, f"the Hindi should read {phrase!r}"


def test_english_article_opens_with_the_translators_note():
    _, body = split_front_matter(read_text(CHECK / "article.en.md"))
    first = normalise(strip_markdown(body.strip().split("\n\n")[0]))
    assert first.startswith("Translator's note"), f"article.en.md should open with the translator's note, not {first[:60]!r}"
    for words in ("literally", "on purpose", "led one of the biggest drops", "card"):
        assert words in first, f"the translator's note should say {words!r}"


def test_about_pages_give_a_contact_and_funding_in_plain_words():
    for lang, funding, contact in (("en", "Funding: none", "discussion page"), ("hi", "फ़ंडिंग: कोई नहीं", "चर्चा पन्ने")):
        text = unicodedata.normalize("NFC", read_text(CONTENT / f"about.{lang}.md"))
        assert unicodedata.normalize("NFC", funding) in text, f"about.{lang}.md should say {funding!r}"
        assert unicodedata.normalize("NFC", contact) in text, f"about.{lang}.md should say how to reach the project"
        for jargon in ("open an issue", "issue", "इश्यू", "GitHub", "pull request"):
            assert jargon not in text, f"about.{lang}.md: no developer jargon for readers ({jargon!r})"
