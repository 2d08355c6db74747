"""Driving a real `python build.py serve` on 127.0.0.1, started as editors start it."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "golden" / "mini" / "input"
HELD = Path(__file__).with_name("held_rebuilds.py")  # build.py serve whose rebuilds wait for a gate file
URL_RE = re.compile(r"^serving (http://127\.0\.0\.1:(\d+)/mini/) \(Ctrl-C to stop\)$")


class Server:
    """One preview server process and every line it has printed (stdout and stderr together)."""

    def __init__(self, content: Path, *args: str, script: Path = ROOT / "build.py", env: dict[str, str] | None = None):
        self.content = content
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.proc = subprocess.Popen([sys.executable, str(script), "serve", "--content", str(content), "--port", "0", *args],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                                     env={**os.environ, **(env or {})})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            match = URL_RE.match(self.wait_for(r"^serving ", timeout=30))
            assert match, self.output()
        except AssertionError:
            self.stop()
            raise
        self.url, self.port = match.group(1), int(match.group(2))

    def _read(self) -> None:
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()

    def wait_for(self, pattern: str, timeout: float = 10, start: int = 0) -> str:
        """The first line from `start` on that matches `pattern`, waiting for it to be printed."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = next((line for line in self.lines[start:] if regex.search(line)), None)
                if found is not None:
                    return found
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise AssertionError(f"no line matching {pattern!r}:\n{self.output()}")
                self.changed.wait(0.05)

    def output(self) -> str:
        """Everything printed so far."""
        with self.changed:
            return "\n".join(self.lines)

    def rebuild_lines(self) -> list[str]:
        """The one-line reports of rebuilds after saves."""
        with self.changed:
            return [line for line in self.lines if " changed: " in line]

    def stop(self) -> int:
        """Ctrl-C, as an editor stops it; the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.reader.join(5)
            self.proc.stdout.close()


def get(server: Server, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """One raw GET: status, headers and body; the path is sent unnormalised."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def wait_for_rebuild(server: Server, count: int, timeout: float = 10) -> str:
    """The count-th rebuild line, once printed."""
    deadline = time.monotonic() + timeout
    while len(server.rebuild_lines()) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(server.rebuild_lines()) >= count, server.output()
    return server.rebuild_lines()[count - 1]


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file, as an editor's save does."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
