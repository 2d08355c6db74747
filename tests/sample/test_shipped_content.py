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


def test_every_verdict_is_on_the_default_scale():
    bad = {c["id"]: c["verdict"] for c in claims() if verdict_id(c["verdict"]) not in VERDICTS}
    assert not bad, f"unknown verdicts (use one of {sorted(VERDICTS)}): {bad}"


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
