"""Watch folders by polling, and report each burst of saves once it has gone quiet."""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

Snapshot = dict[str, tuple[int, int, int]]

POLL_SECONDS = 0.05    # how often the folders are scanned while nothing happens
QUIET_SECONDS = 0.075  # after a change, scan again this much later; nothing new means the burst is over


def ignored(name: str) -> bool:
    """Editor swap, lock and backup files, and hidden files, which a build never reads."""
    return name.startswith((".", "#")) or name.endswith("~")


def snapshot(roots: list[Path]) -> Snapshot:
    """Every watched file's modification time, size and inode."""
    seen: Snapshot = {}
    folders = [str(root) for root in roots]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # removed, or not there yet: the next scan looks again
            continue
        for entry in entries:
            if ignored(entry.name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    st = entry.stat()
                    seen[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino)
            except OSError:  # removed between listing and stat: the next scan sees it gone
                continue
    return seen


def changed_paths(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files added, removed or modified between two snapshots, sorted."""
    return [Path(p) for p in sorted(before.keys() | after.keys()) if before.get(p) != after.get(p)]


class Watcher:
    """Calls `on_change(paths)` once per burst of changes; no change is ever lost.

    start() scans on a thread of its own, which also runs `on_change`, so a
    long rebuild never holds up the web server, and rebuilds run one at a time.
    The snapshot a rebuild starts from is remembered, so the saves that land
    while it runs show up as one difference on the next scan and get one
    rebuild together. Unlike livereload's watcher there is no pause after a reload.
    """

    def __init__(self, roots: list[Path], on_change: Callable[[list[Path]], None]):
        self.roots = roots
        self.on_change = on_change
        self.built = snapshot(roots)   # what the last rebuild saw
        self.latest = self.built       # what the last scan saw
        self.busy = False              # whether on_change is running
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="tathya-watch", daemon=True)

    def start(self) -> None:
        """Scan on the watcher's thread until stop()."""
        self.thread.start()

    def stop(self) -> None:
        """Ask the thread to stop; it finishes a rebuild that is running first (join `thread` to wait)."""
        self.stopping.set()

    def run(self) -> None:
        """Scan until stop(); an error in a scan or a rebuild is printed and scanning goes on."""
        delay = POLL_SECONDS
        while not self.stopping.wait(delay):
            try:
                delay = self.poll()
            except Exception:  # the preview must keep watching; the traceback says what broke
                traceback.print_exc()
                delay = POLL_SECONDS

    def poll(self) -> float:
        """One scan; returns how soon to scan again.

        A change is handed over when the next scan, QUIET_SECONDS later, saw
        nothing new: 75 to 125 ms after the last save of a burst.
        """
        now = snapshot(self.roots)
        if now != self.latest:
            self.latest = now
            return QUIET_SECONDS
        if now != self.built:
            paths = changed_paths(self.built, now)
            self.built = now
            self.busy = True
            try:
                self.on_change(paths)
            finally:
                self.busy = False
        return POLL_SECONDS
