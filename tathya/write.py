"""Putting a build's files into the output folder: only a folder tathya owns, and all at once.

Before anything is touched, marker.py refuses places a build may never write
to and folders tathya did not make. A build then makes the whole new site beside the output folder (unchanged
files are hard links to the old ones, so they keep their timestamps) and swaps
the two folders: readers never see a mix of two builds, and a build that fails
or is killed leaves the old site as it was. The folder swapped out is kept as
the spare, `.site.tathya-spare`, which the next build brings up to date in
place (spare.py), so that it touches only what changed; without a spare the
new site is made in a staging folder of its own. The preview, whose folder only
its own server reads, moves the changed files into place instead.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .marker import claim_output, fill, lock_folder, made_files, read_marker, remove_file, remove_tree, replace_marker, same_bytes
from .spare import open_spare, spare_path

STAGING_KINDS = ("new", "old")


class Staging:
    """The files of one build on their way into `out`.

    `whole` builds a complete new site beside `out` (in the spare, when there is
    one) and swaps the folders; otherwise (the preview) changed files are moved
    into `out` one by one.
    """

    def __init__(self, out: Path, content: Path, tool: Path, whole: bool = True):
        claim_output(out, content, tool)
        self.out = str(out.resolve())
        self.whole = whole
        self.lock = lock_folder(os.path.dirname(self.out), out)
        self.spare, self.keep = None, None  # the spare brought up to date, or where the old site goes after the swap
        try:
            clean_leftovers(self.out)  # which may put back a site a killed build had moved aside
            self.previous = made_files(out, Path(self.out), every_file=whole)
            self.fresh = not self.previous
            if whole and not self.fresh:
                self.spare, self.keep = open_spare(self.out, out, self.previous), spare_path(self.out)
        except BaseException:
            self.release()
            raise
        self.root = self.spare.root if self.spare else sibling(self.out, "new")
        if not self.spare:
            os.makedirs(self.root)
            replace_marker(self.root, ())  # so that a build killed from here on leaves a folder the next one may delete
        self.folders = {self.root}
        self.stamps: dict[str, tuple[int, int]] = {}  # rel -> (size, mtime_ns) of each file this process staged or kept

    def write(self, rel: str, data: bytes) -> bool:
        """Stage one file; True when its bytes differ from the file already in `out`."""
        kept = None if self.fresh else same_bytes(os.path.join(self.out, rel), data)
        if kept:  # the old file stays: same bytes, same timestamp (the spare links it at the commit)
            self.stamps[rel] = (kept.st_size, kept.st_mtime_ns)
            if self.whole and not self.spare:
                self.link_old(rel)
            return False
        self.stamps[rel] = self.spare.write(rel, data) if self.spare else self.create(rel, data)
        return True

    def create(self, rel: str, data: bytes) -> tuple[int, int]:
        """Write a new file into the staging folder; its (size, mtime_ns), which moving it into `out` keeps."""
        target = os.path.join(self.root, rel)
        if os.path.dirname(target) not in self.folders:  # a claim page has a folder of its own: ask the disk once per folder
            self.make_folder(os.path.dirname(target))
        # O_EXCL: a staged file is always new, never a link to a file of the old site being written over.
        return fill(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), data)

    def link_old(self, rel: str) -> None:
        """Hard-link the old site's file into the staging folder."""
        target = os.path.join(self.root, rel)
        if os.path.dirname(target) not in self.folders:
            self.make_folder(os.path.dirname(target))
        os.link(os.path.join(self.out, rel), target)

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

    def commit(self, produced: set[str], changed: Iterable[str]) -> None:
        """Put the new site in place: swap whole folders, or move the changed files into `out`."""
        if self.spare:
            self.spare.finish(produced)  # which knows the files this build wrote from the spare's marker
            swap(self.root, self.out, keep=self.keep)
        elif self.whole or self.fresh:
            if not self.fresh:
                self.link_kept(produced)
            replace_marker(self.root, produced, old=None if self.fresh else self.out)
            swap(self.root, self.out, keep=self.keep)
        else:
            for rel in changed:
                target = os.path.join(self.out, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(os.path.join(self.root, rel), target)
            for rel in sorted(self.previous - produced):
                remove_file(self.out, rel)
            replace_marker(self.out, produced)
            remove_tree(self.root)
        self.release()

    def link_kept(self, produced: set[str]) -> None:
        """Link into the new site every file of the old one that this build kept without drawing it."""
        for rel in sorted(produced):
            try:
                self.link_old(rel)
            except FileExistsError:
                pass  # drawn by this build
            except FileNotFoundError:
                if not os.path.lexists(os.path.join(self.root, rel)):  # neither drawn nor in the old site
                    raise

    def abort(self) -> None:
        """Throw the staged files away (a spare stays, its marker listing all it holds); `out` was never touched."""
        try:
            if self.spare:
                self.spare.close()
            else:
                remove_tree(self.root)
        except OSError:
            pass  # the next build removes what is left
        self.release()

    def release(self) -> None:
        if self.spare:
            self.spare.close()
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def sibling(out: str, kind: str) -> str:
    """A staging folder's name beside `out`: .site.tathya-new-<pid> (git-ignored)."""
    return os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.tathya-{kind}-{os.getpid()}")


def clean_leftovers(out: str) -> None:
    """Finish what a killed build left beside `out`: restore a site moved aside, delete staging folders."""
    parent, prefix = os.path.dirname(out), f".{os.path.basename(out)}.tathya-"
    for name in sorted(os.listdir(parent)):
        kind = name[len(prefix):].split("-")[0] if name.startswith(prefix) else None
        path = os.path.join(parent, name)
        if kind not in STAGING_KINDS or read_marker(path) is None:
            continue
        if kind == "old" and not os.path.lexists(out):
            os.rename(path, out)  # killed between its two renames: the old site is still whole
        else:
            remove_tree(path)


RENAME_EXCHANGE = 2


def swap(new: str, out: str, keep: str | None = None) -> None:
    """Put the folder `new` at `out` with no moment of a mixed site; the folder that was there goes to `keep`, or away."""
    if not os.path.lexists(out):
        os.rename(new, out)
        return
    if exchange(new, out):
        old = new  # it holds the old site now
    else:
        old = sibling(out, "old")  # where renameat2 is missing, two renames; clean_leftovers() covers a kill between them
        os.rename(out, old)
        os.rename(new, out)
    if keep is None:
        remove_tree(old)
    elif old != keep:
        os.rename(old, keep)


def exchange(a: str, b: str) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_cwd = -100  # AT_FDCWD
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), RENAME_EXCHANGE) == 0


def read_static(static: Path) -> dict[str, bytes]:
    """The theme's static files, keyed by their path under assets/."""
    return {f"assets/{p.relative_to(static).as_posix()}": p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file() and not p.name.startswith(".")}
