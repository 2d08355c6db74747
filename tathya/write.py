"""Putting a build's files into site/: nothing is touched until every page is drawn.

New and changed files are first written to a staging folder beside `out`.
Only after the whole build succeeded are they moved into place (a fresh `out`
is renamed into place whole); files the build no longer makes are removed.
A failed build therefore leaves `out` exactly as it was, and a file whose
bytes did not change is never rewritten, so its timestamp survives.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


class Staging:
    """The files of one build on their way into `out`."""

    def __init__(self, out: Path):
        self.out = str(out.resolve())
        self.fresh = not os.path.isdir(self.out)
        self.root = os.path.join(os.path.dirname(self.out), f".{os.path.basename(self.out)}.staging-{os.getpid()}")
        shutil.rmtree(self.root, ignore_errors=True)
        os.makedirs(self.root)
        self.folders = {self.root}
        self.stamps: dict[str, tuple[int, int]] = {}  # rel -> (size, mtime_ns) of each file this process staged or kept

    def write(self, rel: str, data: bytes) -> bool:
        """Stage one file; True when its bytes differ from the file already in `out`."""
        if not self.fresh:
            kept = same_bytes(os.path.join(self.out, rel), data)
            if kept:
                self.stamps[rel] = (kept.st_size, kept.st_mtime_ns)
                return False
        target = os.path.join(self.root, rel)
        folder = os.path.dirname(target)
        if folder not in self.folders:  # a claim page has a folder of its own: ask the disk once per folder
            self.make_folder(folder)
        # os.open and os.write: a page is written in one call, without a buffered file object around it.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            self.stamps[rel] = (len(data), os.fstat(fd).st_mtime_ns)  # moving it into `out` keeps both
        finally:
            os.close(fd)
        return True

    def make_folder(self, folder: str) -> None:
        """Create a staging folder; its parent is usually known to exist already (no need to stat it)."""
        if os.path.dirname(folder) in self.folders:
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
        else:
            os.makedirs(folder, exist_ok=True)
        while folder not in self.folders:  # and its parents, which exist now too
            self.folders.add(folder)
            folder = os.path.dirname(folder)

    def commit(self, produced: set[str], changed: Iterable[str], previous: Iterable[str] = ()) -> None:
        """Move the changed files into `out` and remove the files this build did not make.

        `previous` lists the files the last build made, when known; otherwise
        the whole of `out` is searched for files to remove.
        """
        if self.fresh:
            os.replace(self.root, self.out)
            return
        for rel in changed:
            target = os.path.join(self.out, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(self.root, rel), target)
        previous = set(previous)
        if previous:
            for rel in sorted(previous - produced):
                remove_file(self.out, rel)
        else:
            remove_others(self.out, produced)
        shutil.rmtree(self.root, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staged files away; `out` was never touched."""
        shutil.rmtree(self.root, ignore_errors=True)


def same_bytes(path: str, data: bytes) -> os.stat_result | None:
    """The file's stat when it holds exactly `data`, else None."""
    try:
        st = os.stat(path)
        if st.st_size != len(data):
            return None
        with open(path, "rb") as fp:
            return st if fp.read() == data else None
    except OSError:
        return None


def remove_file(out: str, rel: str) -> None:
    """Delete one file of `out` and the folders it leaves empty."""
    path = os.path.join(out, rel)
    try:
        os.unlink(path)
        folder = os.path.dirname(path)
        while folder != out and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    except OSError:
        pass


def remove_others(out: str, produced: set[str]) -> None:
    """Delete files under `out` that the build did not make, and folders left empty."""
    for folder, dirs, files in os.walk(out, topdown=False):
        rel_folder = os.path.relpath(folder, out)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel not in produced:
                os.unlink(os.path.join(folder, name))
        if folder != out and not os.listdir(folder):
            os.rmdir(folder)


def read_static(static: Path) -> dict[str, bytes]:
    """The theme's static files, keyed by their path under assets/."""
    return {f"assets/{p.relative_to(static).as_posix()}": p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file() and not p.name.startswith(".")}
