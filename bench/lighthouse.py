#!/usr/bin/env python3
"""Run the pinned Lighthouse 12 on the shipped check page in mobile emulation and print the four scores.

    python bench/lighthouse.py                  # both languages
    python bench/lighthouse.py --lang hi --json report.json
    python bench/lighthouse.py --page home --page search --content /tmp/corpus --no-share-images
                                                # the home and search pages of another tree, e.g. a
                                                # 1,000-check corpus from bench/make_corpus.py

The site is built from content/ into a temporary folder and served from 127.0.0.1 under
/tathya/, with base_url set to that address, the way GitHub Pages serves a project site:
text compressed with gzip, a ten-minute cache lifetime.
Exit status 1 when a score is under target (performance 95, the others 100).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tathya.pipeline import build  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps --no-first-run")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PREFIX = "tathya"


COMPRESSED = {".html", ".css", ".js", ".svg", ".xml", ".txt", ".json"}


class PagesLike(http.server.SimpleHTTPRequestHandler):
    """Static files sent as GitHub Pages sends them: gzip for text, max-age=600."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()  # redirects, 404s and binary files as usual
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_shipped(content: Path, tmp: Path, share_images: bool = True) -> tuple[http.server.HTTPServer, str, Path]:
    """Bind a server, build content/ with that address as base_url; (server, base URL, site folder)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesLike, directory=str(tmp)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    build(content, tmp / PREFIX, base_url=base, share_images=share_images)
    return server, base, tmp / PREFIX


def check_page(site: Path, lang: str) -> str:
    """The first check page of a language, relative to the site root."""
    pages = sorted(p.relative_to(site).as_posix() for p in (site / lang).glob("*/index.html"))
    return next(p for p in pages if not p.startswith(f"{lang}/about/"))


def page_of(site: Path, kind: str, lang: str) -> str:
    """A page of one kind (check, home, search) in a language, relative to the site root."""
    return {"home": f"{lang}/index.html", "search": f"{lang}/search/index.html"}.get(kind) or check_page(site, lang)


def run_lighthouse(url: str) -> dict:
    """Lighthouse's JSON report for one URL (mobile emulation, its default form factor)."""
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROME}", f"--chrome-flags={CHROME_FLAGS}",
               "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(TARGETS)}"]
    run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME})
    if run.returncode != 0:
        sys.exit(f"lighthouse failed ({run.returncode}):\n{run.stderr[-4000:]}")
    return json.loads(run.stdout)


def shortfalls(report: dict) -> list[str]:
    """The weighted audits that did not score full marks, per category."""
    found = []
    for name in TARGETS:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                found.append(f"  {name}: {ref['id']} ({audit['score']}) {audit['title']} {shown}".rstrip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content)")
    parser.add_argument("--lang", action="append", help="language of the check page (default: every language)")
    parser.add_argument("--page", action="append", choices=("check", "home", "search"),
                        help="page kind to audit, repeatable (default: check)")
    parser.add_argument("--no-share-images", action="store_true", help="build without share cards (quicker on a big tree)")
    parser.add_argument("--json", type=Path, help="also write the last report here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `npm ci`")
    ok = True
    with tempfile.TemporaryDirectory(prefix="tathya-lighthouse-") as tmp:
        server, base, site = serve_shipped(args.content, Path(tmp), share_images=not args.no_share_images)
        try:
            langs = args.lang or sorted({p.parent.name for p in site.glob("*/index.html")}, key=lambda x: x != "hi")
            for lang, kind in [(lang, kind) for kind in args.page or ["check"] for lang in langs]:
                url = base + page_of(site, kind, lang)
                report = run_lighthouse(url)
                scores = {name: round(report["categories"][name]["score"] * 100) for name in TARGETS}
                print(f"{url}  (Lighthouse {report['lighthouseVersion']}, {report['configSettings']['formFactor']})")
                print("  " + "  ".join(f"{name} {score}" for name, score in scores.items()))
                print("\n".join(shortfalls(report)) or "  every weighted audit passed")
                ok = ok and all(scores[name] >= target for name, target in TARGETS.items())
                if args.json:
                    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
        finally:
            server.shutdown()
            server.server_close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
