"""Search: the check pages of a build indexed by Pagefind into pagefind/, staged with the rest of the site.

Only check pages are indexed: each holds all its claims (a card each, under a
heading with an id), so Pagefind's sub-results lead a reader to the claim
(`<check>/#claim-<id>-myth`). Indexing the claim pages too would repeat every
claim in the results and make nine pages of one: at 1,000 checks
(bench/search.py --claims) 18,000 pages took 76 s to index, the 2,000 check
pages 20 s, where the build may spend 15.

Pagefind (the binary that `pagefind[bin]` ships, run as `python -m pagefind`)
indexes a temporary folder holding only the check pages, linked from where
this build left them, not the output folder: the build's new site is only whole
after its commit, and Pagefind's files go through the same staging as the
pages, so that a failed build leaves the previous site, search included, as it
was. Pagefind makes one index per language, from each page's `<html lang>`, and
reads only what the templates mark `data-pagefind-body`.

The index is made again whenever any indexed page may have changed: its key is
a hash of the Pagefind version and every indexed page's path and key (the hash
of all that page is drawn from, pipeline.stale_pages). With the same key and its
files untouched, the last index is kept; Pagefind writes the same bytes for the
same pages, so a warm build's pagefind/ equals a clean build's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from .cache import Record, digest

FOLDER = "pagefind"
INDEXED = frozenset({"check.html"})  # the templates whose pages readers search (see above for claim.html)


def indexed(pages: Iterable) -> list:
    """The pages readers search (the checks), in a stable order."""
    return sorted((p for p in pages if p.template in INDEXED), key=lambda p: p.out_path)


def index_key(pages: list, keys: dict[str, str]) -> str:
    """A hash of all the index is made from: the Pagefind version and each indexed page's path and key."""
    parts = [f"pagefind={pagefind_version()}"]
    for page in pages:
        parts += [page.out_path, keys[page.out_path]]
    return digest(*parts)


def pagefind_version() -> str:
    """The version of the binary package, which decides the bytes of the index and its scripts."""
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "?"


def kept_index(records: dict[str, Record], key: str, untouched: Callable[[str, Record], bool]) -> list[str] | None:
    """The files of the last index when it was made from the same pages and is still as written; else None."""
    files = [rel for rel in records if rel.startswith(FOLDER + "/")]
    if files and all(records[rel].key == key and untouched(rel, records[rel]) for rel in files):
        return sorted(files)
    return None


def make_index(pages: list, place: Callable[[str, str], None]) -> dict[str, bytes]:
    """Pagefind's files for these pages, by their path under the site (raises SearchFailed).

    `place(out_path, target)` puts a page's HTML file at `target`. The pages
    are laid out as a site of their own in a temporary folder and Pagefind's
    command line (`python -m pagefind --site`) indexes it in one run: its Python
    API answers one message per tenth of a second, too slow for one per page.
    """
    with tempfile.TemporaryDirectory(prefix="tathya-pagefind-") as tmp:
        site, bundle = os.path.join(tmp, "site"), os.path.join(tmp, FOLDER)
        for page in pages:
            target = os.path.join(site, page.out_path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            place(page.out_path, target)
        run_pagefind(site, bundle)
        files = {f"{FOLDER}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                 for path in sorted(Path(bundle).rglob("*")) if path.is_file()}
    entry = f"{FOLDER}/pagefind-entry.json"
    if entry in files:
        files[entry] = sorted_entry(files[entry])
    return files


def run_pagefind(site: str, bundle: str) -> None:
    """Run Pagefind's command line on a folder (raises SearchFailed with what it printed when it fails)."""
    command = [sys.executable, "-m", "pagefind", "--site", site, "--output-path", bundle, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchFailed(f"Pagefind could not be started ({exc.strerror or exc})") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        if any("No module named pagefind" in line for line in said):
            raise SearchFailed("the pagefind package is missing")
        raise SearchFailed("Pagefind failed" + (f": {said[-1]}" if said else f" (exit status {done.returncode})"))


def sorted_entry(data: bytes) -> bytes:
    """pagefind-entry.json with its languages in a fixed order (Pagefind writes them in any), otherwise as written."""
    entry = json.loads(data)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SearchFailed(Exception):
    """Pagefind could not index the site."""
