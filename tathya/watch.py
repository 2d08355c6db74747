"""Watch folders by polling, and report each burst of saves once it has gone quiet."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tornado.ioloop import IOLoop

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

    The snapshot a rebuild starts from is remembered, so a save that lands while
    the rebuild runs shows up as a difference on the next scan and gets its own
    rebuild. Unlike livereload's watcher there is no pause after a reload.
    """

    def __init__(self, roots: list[Path], on_change: Callable[[list[Path]], None]):
        self.roots = roots
        self.on_change = on_change
        self.built = snapshot(roots)   # what the last rebuild saw
        self.latest = self.built       # what the last scan saw
        self.timer: object | None = None

    def start(self) -> None:
        """Scan on the running IOLoop until stop()."""
        self.timer = IOLoop.current().call_later(POLL_SECONDS, self.tick)

    def stop(self) -> None:
        """Stop scanning."""
        if self.timer is not None:
            IOLoop.current().remove_timeout(self.timer)
            self.timer = None

    def tick(self) -> None:
        """Scan, then schedule the next scan, even if the rebuild raised."""
        delay = POLL_SECONDS
        try:
            delay = self.poll()
        finally:
            self.timer = IOLoop.current().call_later(delay, self.tick)

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
            self.on_change(paths)
        return POLL_SECONDS
