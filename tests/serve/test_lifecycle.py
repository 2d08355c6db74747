"""Starting, rebuilding and stopping: one line per burst of saves, a warning for all interfaces, a clean Ctrl-C."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_support import ROOT, Server


def test_a_burst_of_saves_gives_one_rebuild(server, content):
    files = ["site.yaml", "about.en.md", "checks/moon-cheese/claims.yaml", "checks/moon-cheese/article.en.md",
             "checks/moon-cheese/article.hi.md"]
    for name in files:  # five saves within about 50 ms, like an editor's "save all"
        with (content / name).open("a", encoding="utf-8") as f:
            f.write("\n")
        time.sleep(0.01)
    server.wait_for(" changed: ")
    time.sleep(1.0)  # long enough for a second rebuild to show, were the burst split
    assert len(server.rebuild_lines()) == 1
    assert re.fullmatch(r"content/about\.en\.md, content/checks/moon-cheese/article\.en\.md, "
                        r"content/checks/moon-cheese/article\.hi\.md and 2 more changed: 0 files rewritten \(26 pages\) in \d+ ms",
                        server.rebuild_lines()[0])


def test_ctrl_c_stops_cleanly_and_removes_the_preview_folder(content):
    published = ROOT / "site"
    before = published.stat().st_mtime_ns if published.exists() else None
    server = Server(content)
    built = re.fullmatch(r"built 26 pages \(\d+ written\) into (.+)/site: 1 check, 2 claims, 2 languages in \d+ ms", server.lines[0])
    folder = Path(built[1])
    assert folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("tathya-preview-")
    assert (folder / "site/en/moon-cheese/index.html").is_file()
    assert server.stop() == 0
    assert server.lines[-1] == "stopped"
    assert "Traceback" not in server.output()
    assert not folder.exists()
    assert (published.stat().st_mtime_ns if published.exists() else None) == before  # site/ untouched


def test_listening_on_all_interfaces_prints_a_warning(content):
    server = Server(content, "--host", "0.0.0.0")
    try:
        assert server.lines[0] == ("warning: listening on all interfaces (0.0.0.0): anyone who can reach this machine "
                                   "can open the preview; leave out --host to keep it on this machine")
    finally:
        assert server.stop() == 0


def test_a_port_outside_0_to_65535_is_a_usage_error_naming_port(content):
    for port in ("70000", "65536", "-1", "eighty", "８０"):
        done = subprocess.run([sys.executable, "build.py", "serve", "--content", str(content), "--port", port],
                              cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert (done.returncode, done.stdout) == (2, ""), port
        assert done.stderr.splitlines()[-1] == (
            f"tathya serve: error: argument --port: {port!r} is not a port number; use 0 to 65535 (0 picks a free one)")
