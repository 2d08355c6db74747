#!/usr/bin/env python3
"""What a reader downloads for a list page of a big site (issue 18: at most 60 KB compressed).

    python bench/list_weights.py [--sizes 1000] [--seed 1]

For each N, a corpus from bench/make_corpus.py (shared with bench/build_speed.py: made once per
version of the generator) is built without share cards, then every list page is weighed: the home list and its older pages,
every topic's and every verdict's list, in every language. A page's weight is its HTML plus
every stylesheet and script it references, each gzip-compressed at level 6 (as GitHub Pages
sends text); images and the search index, which load later or never, are left out
(bench/search.py weighs the search). Prints, per kind of list, the page count and the median and
largest weight, and PASS or FAIL against the budget.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build_speed  # noqa: E402
from tathya.pipeline import build  # noqa: E402

BUDGET = 60 * 1024
ASSET_RE = re.compile(r'<(?:link rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def packed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def weight(site: Path, page: Path) -> int:
    """The page's HTML and each stylesheet and script it references, compressed."""
    html = page.read_text(encoding="utf-8")
    assets = {(page.parent / ref).resolve() for ref in ASSET_RE.findall(html) if "://" not in ref}
    return packed(page) + sum(packed(a) for a in assets if a.is_file())


def kind(rel: str) -> str:
    parts = rel.split("/")
    return {"topics": "topic lists", "verdicts": "verdict lists"}.get(parts[1], "home list")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    ok = True
    for n in (int(s) for s in args.sizes.split(",")):
        corpus = build_speed.corpus(n, args.seed)
        with tempfile.TemporaryDirectory(prefix="tathya-lists-") as tmp:
            site = Path(tmp) / "site"
            start = time.perf_counter()
            build(corpus, site, share_images=False)
            print(f"N={n}: built in {time.perf_counter() - start:.1f} s")
            pages = [p for p in sorted(site.glob("*/**/index.html"))
                     if p.relative_to(site).parts[1:2] in (("index.html",), ("page",), ("topics",), ("verdicts",))]
            by_kind: dict[str, list[tuple[int, str]]] = {}
            for page in pages:
                rel = page.relative_to(site).as_posix()
                by_kind.setdefault(kind(rel), []).append((weight(site, page), rel))
            for name, found in by_kind.items():
                sizes = [w for w, _ in found]
                worst = max(found)
                verdict = "PASS" if worst[0] <= BUDGET else "FAIL"
                ok = ok and verdict == "PASS"
                print(f"  {name:14} {len(found):4} pages  median {statistics.median(sizes) / 1024:5.1f} KB  "
                      f"largest {worst[0] / 1024:5.1f} KB ({worst[1]})  budget 60 KB  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
