#!/usr/bin/env python3
"""Measure search on synthetic corpora of N checks: Pagefind's index time and size, and what a reader downloads.

    python bench/search.py [--sizes 200,1000] [--seed 1] [--claims]

For each N (corpora from bench/make_corpus.py, shared with bench/build_speed.py):
  build   a cold `python build.py --no-share-images` (cards cost minutes and do not touch search), wall time
  index   Pagefind run again over the same check pages, as the build runs it (tathya.search.make_index):
          the seconds indexing adds to a cold build; with --claims, then with the claim pages too, which the
          build leaves out (tathya/search.py says why)
  size    pagefind/ in all, and its index alone (index/, fragment/, the .pf_meta and the wasm of each language)
  reader  the built site served on 127.0.0.1 under /tathya/, <lang>/search/ opened in Chromium (Playwright):
          the bytes of every file the server sent before the first keystroke, then for one query (a word of a
          check's title, typed as a reader types it); counted gzip-compressed as a static host serves them
          (Pagefind's index files and wasm are compressed already, and count as they are)
Then the targets of issue 18 with PASS/FAIL (printed, not asserted). Build output goes under
$TMPDIR/tathya-bench/ and is removed at the end.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))
import build_speed  # noqa: E402
from tathya.search import make_index  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PREFIX = "tathya"
PRECOMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind")  # Pagefind gzips these itself


@dataclass(frozen=True)
class Indexed:
    """What make_index needs of a page: where it is under the site."""

    out_path: str


@dataclass
class Reader:
    before_raw: int
    before_gz: int
    query_raw: int
    query_gz: int
    query: str
    results: int
    files: list[str]


def searched_pages(site: Path, claims: bool = False) -> list[Indexed]:
    """The check pages of a built site (what tathya.search.indexed picks from the plan); with `claims`, claim pages too."""
    found = []
    for path in sorted(site.rglob("index.html")):
        parts = path.relative_to(site).parts
        if (len(parts) == 3 and parts[1] not in ("search", "about", "page", "topics", "verdicts")) or \
                (claims and len(parts) == 5 and parts[2] == "claims"):
            found.append(Indexed("/".join(parts)))
    return found


def time_index(site: Path, claims: bool = False) -> tuple[float, int]:
    """Seconds to index the site's check pages as a build does (with `claims`, the claim pages too), and how many pages."""
    pages = searched_pages(site, claims)
    start = time.perf_counter()
    make_index(pages, lambda rel, target: shutil.copyfile(site / rel, target))
    return time.perf_counter() - start, len(pages)


def folder_bytes(folder: Path, keep=lambda p: True) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and keep(p))


def index_only(path: Path) -> bool:
    """The index proper, not Pagefind's UI scripts."""
    return path.suffix in PRECOMPRESSED


def served_bytes(path: Path) -> tuple[int, int]:
    """(raw, as sent by a host that gzips text) of one file."""
    data = path.read_bytes()
    return len(data), len(data) if path.name.endswith(PRECOMPRESSED) else len(gzip.compress(data, 9))


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, list[str]]:
    """A static server of `root` that records the path of every file it sends."""
    sent: list[str] = []

    class Logged(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_head(self):
            result = super().send_head()
            if result is not None:
                sent.append(self.path.split("?")[0])
            return result

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Logged, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def title_word(site: Path, lang: str) -> str:
    """A word of the middle check's title (its <h1>), long enough to mean something."""
    checks = sorted(p for p in (site / lang).glob("check-*/index.html"))
    html = checks[len(checks) // 2].read_text(encoding="utf-8")
    title = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1])
    return max((w.strip(".,:;?!\"'“”‘’()|।") for w in title.split()), key=len)  # not \w: it splits Devanagari at its vowel signs


def reader_bytes(root: Path, site: Path, lang: str) -> Reader:
    """Open <lang>/search/ in Chromium, wait, type one word: the bytes sent before and for the query."""
    from playwright.sync_api import sync_playwright

    server, sent = serve(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    word = title_word(site, lang)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(base + f"{lang}/search/")
            page.wait_for_load_state("networkidle")
            before = list(sent)
            page.locator(".pagefind-ui__search-input").press_sequentially(word, delay=30)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".pagefind-ui__result").count()
            query = sent[len(before):]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()

    def total(paths: list[str]) -> tuple[int, int]:
        sizes = [served_bytes(root / p.lstrip("/").rstrip("/") / "index.html" if p.endswith("/") else root / p.lstrip("/"))
                 for p in paths]
        return sum(s[0] for s in sizes), sum(s[1] for s in sizes)

    (b_raw, b_gz), (q_raw, q_gz) = total(before), total(query)
    return Reader(b_raw, b_gz, q_raw, q_gz, word, results, [p.removeprefix(f"/{PREFIX}/") for p in query])


def measure(n: int, seed: int, claims: bool = False) -> dict:
    content = build_speed.corpus(n, seed)
    run_dir = build_speed.WORK / f"search-n{n}"
    shutil.rmtree(run_dir, ignore_errors=True)
    build_speed.LATER.append(run_dir)
    root = run_dir / "served"
    site = root / PREFIX
    build_speed.BUILD_ARGS[:] = ["--no-share-images"]
    cold = build_speed.run_build(content, site, run_dir / "cache")
    print(f"  cold build: {cold.wall:.2f} s wall, {cold.pages} pages", flush=True)
    seconds, pages = time_index(site)
    print(f"  index: {seconds:.2f} s for {pages} pages", flush=True)
    if claims:
        with_claims, all_pages = time_index(site, claims=True)
        print(f"  (claim pages too, as the build does not: {with_claims:.2f} s for {all_pages} pages)", flush=True)
    total, index = folder_bytes(site / "pagefind"), folder_bytes(site / "pagefind", index_only)
    print(f"  size: pagefind/ {total / 1e6:.1f} MB, of which the index {index / 1e6:.1f} MB", flush=True)
    readers = {}
    for lang in ("hi", "en"):
        r = readers[lang] = reader_bytes(root, site, lang)
        print(f"  {lang}: before the first keystroke {r.before_gz / 1000:.1f} KB compressed ({r.before_raw / 1000:.1f} KB), "
              f"query {r.query!r}: {r.query_gz / 1000:.1f} KB more ({r.query_raw / 1000:.1f} KB), {r.results} results shown; "
              f"{len(r.files)} files: {', '.join(r.files)}", flush=True)
    return {"cold": cold.wall, "index": seconds, "pages": pages, "total": total, "size": index, "readers": readers}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated N (default: 200,1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claims", action="store_true", help="also time indexing the claim pages, which the build leaves out")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    try:
        for n in sizes:
            print(f"N={n}", flush=True)
            results[n] = measure(n, args.seed, args.claims)
    finally:
        for folder in build_speed.LATER:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print(f"$ python bench/search.py --sizes {args.sizes} --seed {args.seed}{' --claims' if args.claims else ''}")
    print(f"{'N':>6} {'pages':>7} {'cold build':>11} {'index':>8} {'pagefind/':>10} {'index only':>11} "
          f"{'hi before':>10} {'hi query':>9} {'en before':>10} {'en query':>9}")
    for n, r in results.items():
        hi, en = r["readers"]["hi"], r["readers"]["en"]
        print(f"{n:>6} {r['pages']:>7} {r['cold']:>9.2f} s {r['index']:>6.2f} s {r['total'] / 1e6:>7.1f} MB {r['size'] / 1e6:>8.1f} MB "
              f"{hi.before_gz / 1000:>7.1f} KB {hi.query_gz / 1000:>6.1f} KB {en.before_gz / 1000:>7.1f} KB {en.query_gz / 1000:>6.1f} KB")
    big = max(results)
    r = results[big]
    before = max(x.before_gz for x in r["readers"].values())
    query = max(x.query_gz for x in r["readers"].values())
    print()
    print(f"targets (N={big}){'' if big == 1000 else '  (measured at N=%d, not 1000)' % big}, compressed bytes:")
    print(f"  search loads <= 100 KB before the first keystroke  {before / 1000:7.1f} KB  {ok(before <= 100_000)}")
    print(f"  one query loads <= 300 KB more                      {query / 1000:7.1f} KB  {ok(query <= 300_000)}")
    print(f"  indexing adds <= 15 s to a cold build               {r['index']:7.2f} s   {ok(r['index'] <= 15)}")
    return 0


def ok(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


if __name__ == "__main__":
    sys.exit(main())
