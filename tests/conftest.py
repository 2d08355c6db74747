"""Shared fixtures: a headless Chromium (Debian's, driven by Playwright), a static server on 127.0.0.1; Hypothesis's CI profile."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("TATHYA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"
# Without these, Chromium keeps trying to reach hosts this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]

# Hypothesis loads its built-in "ci" profile wherever CI is set (to anything), and that profile
# is derandomized: every CI run would replay the same examples and never find a new case.
# Registering "ci" again replaces it (and takes effect at once if it is already loaded); this
# one keeps the rest of the built-in profile (no deadline, no example database, slow tests
# allowed) but draws new examples each run, and a failure prints the @reproduce_failure
# blob that replays it. max_examples is for tests that set none of their own.
settings.register_profile("ci", settings.get_profile("ci"), derandomize=False, max_examples=200, print_blob=True)
if IN_CI:
    settings.load_profile("ci")


TOOL_FILES = ("build.py", "pyproject.toml", "tathya", "templates", "locales", "static", ".github")


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the tool and its theme (no content/), as a desk's fork starts: its build.py runs its own tathya/."""
    repo = tmp_path / "fork"
    repo.mkdir()
    for name in TOOL_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo / name,
                                                              **({"ignore": shutil.ignore_patterns("__pycache__")} if source.is_dir() else {}))
    return repo


def need(condition: bool, reason: str) -> None:
    """Skip on a developer machine that lacks a tool; fail in CI, where every test must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser and checker tests never skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium shared by the session's browser tests."""
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture
def static_server():
    """Start a static file server on 127.0.0.1; call it with (folder, prefix) to get the site's base URL."""
    servers = []

    def start(folder: Path, prefix: str = "/") -> str:
        root = folder.parent / f"{folder.name}-served"
        mount = root / prefix.strip("/") if prefix.strip("/") else root
        mount.parent.mkdir(parents=True, exist_ok=True)
        if not mount.exists():
            mount.symlink_to(folder.resolve(), target_is_directory=True)
        handler = functools.partial(QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix if prefix.endswith('/') else prefix + '/'}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh browser page that records console errors in page.console_errors."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()
