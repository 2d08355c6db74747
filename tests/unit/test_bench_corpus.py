"""The benchmark corpus follows the content contract: it builds, every quote is found, and it is reproducible."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tathya.pipeline import build

MAKE_CORPUS = Path(__file__).resolve().parent.parent.parent / "bench" / "make_corpus.py"


def load_generator():
    """bench/make_corpus.py as a module (bench/ is not a package)."""
    if "make_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_corpus", MAKE_CORPUS)
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_corpus"] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    return sys.modules["make_corpus"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generated_corpus_builds_with_every_quote_marked(tmp_path, monkeypatch):
    monkeypatch.setenv("TATHYA_CACHE_DIR", str(tmp_path / "cache"))
    load_generator().write_corpus(3, tmp_path / "content", seed=7)
    result = build(tmp_path / "content", tmp_path / "site")
    assert len(result.site.checks) == 3
    assert sum(len(check.claims) for check in result.site.checks) == 24
    for slug in ("check-0001", "check-0002", "check-0003"):
        for lang in ("hi", "en"):
            page = (tmp_path / "site" / lang / slug / "index.html").read_text(encoding="utf-8")
            assert page.count('id="quote-') == 8, (lang, slug)


def test_same_seed_gives_byte_identical_corpus(tmp_path):
    for out in ("a", "b"):
        done = subprocess.run([sys.executable, str(MAKE_CORPUS), "3", str(tmp_path / out), "--seed", "7"],
                              capture_output=True, text=True, check=True)
        assert done.stdout.startswith("wrote 3 checks (24 claims, 6 articles, ")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
