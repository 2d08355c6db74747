"""The search index: a real build writes pagefind/ per language, the preview does not, and warm equals clean."""

from __future__ import annotations

import json
from pathlib import Path

from tathya.cache import Cache
from tathya.pipeline import build

CLAIMS = "checks/moon-cheese/claims.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def indexed_pages(site: Path, lang: str) -> int:
    """The check pages of a language in a built site: the pages readers search (tathya/search.py says why not claims)."""
    return sum(1 for p in (site / lang).glob("*/index.html")
               if p.parent.name not in ("search", "about", "page", "topics", "verdicts"))


def test_build_writes_an_index_per_language(tree):
    build(Path("content"), Path("site"))
    languages = entry(Path("site"))["languages"]
    assert sorted(languages) == ["en", "hi"]
    for lang, about in languages.items():
        assert about["page_count"] == indexed_pages(Path("site"), lang) == 1, lang
        assert (Path("site/pagefind") / f"wasm.{about['wasm']}.pagefind").is_file()
        assert any(Path("site/pagefind/index").glob(f"{lang}_*.pf_index")), lang
    assert (Path("site/pagefind/pagefind-ui.js")).is_file()
    marker = Path("site/.tathya-site").read_text(encoding="utf-8").splitlines()
    assert "pagefind/pagefind-entry.json" in marker  # the build owns the index like any page


def test_preview_build_does_not_index(tree):
    build(Path("content"), Path("site"), preview=True)
    assert not Path("site/pagefind").exists()


def test_warm_build_gives_the_clean_index(tree, tmp_path):
    build(Path("content"), Path("site"), cache=Cache.open(tmp_path / "cache"))
    kept = {p: p.stat().st_mtime_ns for p in Path("site/pagefind").rglob("*") if p.is_file()}
    build(Path("content"), Path("site"), cache=Cache.open(tmp_path / "cache"))  # nothing indexed changed: kept as it was
    assert {p: p.stat().st_mtime_ns for p in Path("site/pagefind").rglob("*") if p.is_file()} == kept

    tree.replace(CLAIMS, 'en: "Is the Moon made of cheese?"', 'en: "Is the Moon made of blue cheese?"')
    build(Path("content"), Path("site"), cache=Cache.open(tmp_path / "cache"))
    build(Path("content"), Path("clean"), cache=Cache.open(tmp_path / "clean-cache"))
    warm, clean = snapshot(Path("site/pagefind")), snapshot(Path("clean/pagefind"))
    assert warm == clean
    assert set(warm) != set(kept_names(kept)), "the edit did not reach the index"


def test_a_failed_build_keeps_the_last_index(tree):
    build(Path("content"), Path("site"))
    before = snapshot(Path("site/pagefind"))
    tree.replace(CLAIMS, "verdict: false", "verdict: nonsense")
    try:
        build(Path("content"), Path("site"))
    except Exception:  # noqa: BLE001 - BuildFailed, which test_build.py checks in full
        pass
    assert snapshot(Path("site/pagefind")) == before


def kept_names(mtimes: dict[Path, int]) -> set[str]:
    return {p.relative_to("site/pagefind").as_posix() for p in mtimes}
