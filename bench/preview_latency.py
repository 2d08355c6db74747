#!/usr/bin/env python3
"""Save-to-reload latency of `python build.py serve`, measured in the browser.

    .venv/bin/python bench/preview_latency.py [--edits 10] [--checks 200]

For the shipped content/ and for a synthetic tree of --checks checks (made by
bench/make_corpus.py when it exists, else by copying the mini fixture's check
under new slugs), each in a temporary copy: start the preview server, open a
check page in headless Chromium, then --edits times change that check's title
in claims.yaml and time from just before the write until the reloaded page's
DOM has the new title. Prints the median with the targets (300 ms shipped,
500 ms for 200 checks) and the server's own rebuild times. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "golden" / "mini" / "input"
CHROMIUM = os.environ.get("TATHYA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


def shipped_tree(tmp: Path) -> tuple[Path, str]:
    """A copy of content/, or of the mini fixture when content/ is not there yet."""
    if (ROOT / "content" / "site.yaml").is_file():
        return Path(shutil.copytree(ROOT / "content", tmp / "shipped")), "shipped content/"
    return Path(shutil.copytree(MINI, tmp / "shipped")), "mini fixture (content/ is not there yet)"


def synthetic_tree(tmp: Path, checks: int) -> tuple[Path, str]:
    """A tree of `checks` checks, from bench/make_corpus.py when present."""
    out = tmp / f"synthetic-{checks}"
    maker = ROOT / "bench" / "make_corpus.py"
    if maker.is_file():
        subprocess.run([sys.executable, str(maker), str(checks), str(out)], check=True, capture_output=True)
        return out, f"{checks} checks (bench/make_corpus.py)"
    shutil.copytree(MINI, out, ignore=shutil.ignore_patterns("checks"))
    for i in range(checks):
        shutil.copytree(MINI / "checks" / "moon-cheese", out / "checks" / f"check-{i:04d}")
    return out, f"{checks} checks (copies of the mini fixture's check)"


class Preview:
    """A preview server process and the lines it prints."""

    def __init__(self, content: Path):
        self.lines: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "build.py", "serve", "--content", str(content), "--port", "0"],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=lambda: [self.lines.append(line.rstrip()) for line in self.proc.stdout], daemon=True).start()
        deadline = time.monotonic() + 300
        while not (url := next((m[1] for m in map(re.compile(r"^serving (\S+) ").match, self.lines) if m), None)):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("the preview server did not start:\n" + "\n".join(self.lines))
            time.sleep(0.05)
        self.url = url

    def rebuild_ms(self) -> list[int]:
        """The milliseconds of every rebuild line printed so far."""
        return [int(m[1]) for m in map(re.compile(r" changed: .* in (\d+) ms$").search, self.lines) if m]

    def stop(self) -> None:
        """Ctrl-C, and wait for the server to exit."""
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(30)


def probe_target(content: Path) -> tuple[Path, str, str]:
    """The first check's claims.yaml, the URL of its page in the first language, and that language."""
    lang = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))["languages"][0]
    folder = sorted(p for p in (content / "checks").iterdir() if p.is_dir())[0]
    return folder / "claims.yaml", f"{lang}/{folder.name}/", lang


def retitle(claims: Path, lang: str, title: str) -> str:
    """claims.yaml's text with the check's title in `lang` replaced, wherever and however it is written."""
    text = claims.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    titles = next(value for key, value in root.value if key.value == "title")
    node = next(value for key, value in titles.value if key.value == lang)
    return text[:node.start_mark.index] + f'"{title}"' + text[node.end_mark.index:]


def measure(browser, content: Path, edits: int) -> tuple[list[float], list[int], int]:
    """Milliseconds from each save to the reloaded page showing it; the server's rebuild times; pages built."""
    claims, url, lang = probe_target(content)
    server = Preview(content)
    pages = int(re.search(r"built (\d+) pages", server.lines[0])[1]) if server.lines[0].startswith("built") else 0
    tab = browser.new_page()
    try:
        tab.goto(server.url + url)
        latencies = []
        for i in range(1, edits + 1):
            marker = f"Latency probe {i}"
            time.sleep(0.3)  # an editor does not save twice in the same instant
            text = retitle(claims, lang, marker)
            with tab.expect_event("domcontentloaded", timeout=30_000):
                start = time.perf_counter()
                claims.write_text(text, encoding="utf-8")
            end = time.perf_counter()
            while tab.locator("h1").first.text_content().strip() != marker:  # an earlier reload arrived first
                tab.wait_for_event("domcontentloaded", timeout=30_000)
                end = time.perf_counter()
            latencies.append((end - start) * 1000)
    finally:
        tab.close()
        server.stop()
    return latencies, server.rebuild_ms(), pages


def report(name: str, pages: int, latencies: list[float], rebuilds: list[int], target: int) -> None:
    """Print one tree's figures."""
    median = statistics.median(latencies)
    verdict = "met" if median < target else "MISSED"
    print(f"{name}: {pages} pages")
    print(f"  save-to-reload, median of {len(latencies)} edits: {median:.0f} ms "
          f"(min {min(latencies):.0f}, max {max(latencies):.0f}); target < {target} ms: {verdict}")
    if len(rebuilds) == len(latencies):
        rest = statistics.median(t - b for t, b in zip(latencies, rebuilds))
        print(f"  of which rebuild (server's figure), median {statistics.median(rebuilds):.0f} ms; "
              f"waiting for quiet, reload and page load, median {rest:.0f} ms")
    else:
        print(f"  {len(rebuilds)} rebuild lines for {len(latencies)} edits")


def main() -> int:
    """Measure both trees and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10, help="edits per tree (default: 10)")
    parser.add_argument("--checks", type=int, default=200, help="checks in the synthetic tree (default: 200)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}")
    with tempfile.TemporaryDirectory(prefix="tathya-bench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"python build.py serve, save-to-reload latency in headless Chromium ({os.cpu_count()} CPUs, load average {load})")
        for (content, name), target in ((shipped_tree(Path(tmp)), 300), (synthetic_tree(Path(tmp), args.checks), 500)):
            latencies, rebuilds, pages = measure(browser, content, args.edits)
            report(name, pages, latencies, rebuilds, target)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
