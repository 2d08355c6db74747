"""Putting a build's files into the output folder: only a folder tathya owns, and all at once.

Before anything is touched, claim_output() refuses places a build may never
write to (the root, a home folder, the content, a repository, a file), and
made_files() any folder tathya did not make. A folder tathya made holds a
marker file, `.tathya-site`, listing the files it made; a file that is not on
that list stops the build rather than being deleted.

A build then makes the whole new site beside the output folder (unchanged
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
import errno
import fcntl
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

MARKER = ".tathya-site"
MARKER_NEW = ".tathya-site.new"  # a marker on its way in; a killed build may leave it
HEADER = "tathya-site 1: this folder was made by tathya and is replaced whole by each build; the files it made:\n"
STAGING_KINDS = ("new", "old")


class OutputRefused(Exception):
    """The output folder may not be written to; nothing was touched (a usage error: exit 2)."""

    def __init__(self, out: Path | str, problem: str, fix: str):
        self.out, self.problem, self.fix = str(out), problem, fix
        super().__init__(f"{out}: {problem}; {fix}")


def claim_output(out: Path, content: Path, tool: Path) -> None:
    """Refuse a place a build may never write to, before anything is touched.

    Refused: the file system's root, a home folder or any folder above one, the
    content folder or a folder holding or inside it, a folder holding tathya
    itself (`tool`), and a file. made_files() then looks inside an existing folder.
    """
    real, home = out.resolve(), Path.home().resolve()
    places = [(real == Path(real.anchor), "is the root of the file system"),
              (real == home or real in home.parents, "is your home folder or holds it"),
              (real == content.resolve() or real in content.resolve().parents, "is the content folder or holds it"),
              (content.resolve() in real.parents, "is inside the content folder"),
              (real == tool or real in tool.parents, "holds tathya's own files")]
    for refused, problem in places:
        if refused:
            raise OutputRefused(out, problem, "build into a folder of its own, such as site (the default)")
    holder = next(p for p in real.parents if os.path.lexists(p))
    if not holder.is_dir():
        raise OutputRefused(out, f"cannot be made: {holder} is a file", "give --out a path whose folders are folders")
    if os.path.lexists(real) and not real.is_dir():
        raise OutputRefused(out, "is a file, not a folder", "give --out a folder name, or move the file away")


def made_files(out: Path, real: Path, every_file: bool) -> set[str]:
    """The files tathya made in the output folder (none when it is missing or empty), after checking it holds no others.

    Every file is looked at when `every_file`; the preview's own folder needs only its marker.
    """
    try:
        names = os.listdir(real) if os.path.isdir(real) else []
        if not names:
            return set()
        made = read_marker(real) if MARKER in names else None
        present = list_files(real) if every_file and made is not None else set()
    except OSError as exc:
        raise OutputRefused(out, f"cannot be read ({exc.strerror})", "check its permissions, or build into another folder") from exc
    if made is None:
        shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
        older = os.path.isfile(os.path.join(real, "assets", "tathya.css"))  # a site built before the marker existed
        raise OutputRefused(out, f"is not empty and was not made by tathya (it holds {shown})",
                            f"delete {out} if it is a site an older tathya built, then build again" if older else
                            "build into a new or empty folder, such as site (the default)")
    foreign = sorted(present - made - {MARKER})
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise OutputRefused(out, f"holds files tathya did not make: {shown}",
                            "each build replaces this folder whole, so move them elsewhere first "
                            "(the published site is only what the build makes)")
    return made


def read_marker(folder: Path | str) -> set[str] | None:
    """The files listed in a folder's marker, or None when the marker is not tathya's."""
    try:
        with open(os.path.join(folder, MARKER), encoding="utf-8") as fp:
            if fp.readline() != HEADER:
                return None
            return {line.rstrip("\n") for line in fp if line.strip()}
    except (OSError, UnicodeDecodeError):
        return None


def list_files(root: Path | str) -> set[str]:
    """Every file and symbolic link under `root`, as paths relative to it (links are not followed)."""
    found: set[str] = set()
    stack = [("", str(root))]
    while stack:
        rel, path = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    stack.append((name + "/", entry.path))
                else:
                    found.add(name)
    return found


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
                from .spare import open_spare, spare_path  # spare.py builds on this module

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
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            return len(data), os.fstat(fd).st_mtime_ns
        finally:
            os.close(fd)

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
            target = os.path.join(self.root, rel)
            folder = os.path.dirname(target)
            if folder not in self.folders:
                self.make_folder(folder)
            try:
                os.link(os.path.join(self.out, rel), target)
            except FileExistsError:
                pass  # drawn by this build
            except FileNotFoundError:
                if not os.path.lexists(target):  # neither drawn nor in the old site
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


def lock_folder(parent: str, out: Path) -> int | None:
    """Hold a lock on the output's parent folder, so two builds never write the same site at once."""
    os.makedirs(parent, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise OutputRefused(out, f"another tathya build is writing in the same folder ({parent}) right now",
                                "wait for that build to finish, then build again") from exc
        raise
    return fd


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


def marker_text(produced: Iterable[str]) -> str:
    """The marker that says tathya made a folder, listing the files it made."""
    return HEADER + "".join(f"{rel}\n" for rel in sorted(produced))


def replace_marker(folder: str, produced: Iterable[str], old: str | None = None) -> int:
    """Put a new marker in place in one step, never writing into the one there (it may be a hard link); its size.

    When the marker of the folder `old` says the same, it is linked instead: unchanged, it keeps its timestamp.
    """
    text = marker_text(produced).encode("utf-8")
    new = os.path.join(folder, MARKER_NEW)
    try:
        os.unlink(new)  # left by a killed build, and perhaps a link to a live marker
    except FileNotFoundError:
        pass
    if old is not None and same_bytes(os.path.join(old, MARKER), text):
        os.link(os.path.join(old, MARKER), new)
    else:
        with open(new, "xb") as fp:
            fp.write(text)
    os.replace(new, os.path.join(folder, MARKER))
    return len(text)


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


def remove_tree(path: str) -> None:
    """Delete a staging folder with its marker last, so that one a killed build half deleted is still known as tathya's."""
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    try:
        os.unlink(os.path.join(path, MARKER))
    except FileNotFoundError:
        pass
    os.rmdir(path)


def exchange(a: str, b: str) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_cwd = -100  # AT_FDCWD
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), RENAME_EXCHANGE) == 0


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
    """Delete one file of `out`, when it is there, and the folders left empty (a killed build may have left them)."""
    path = os.path.join(out, rel)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        return
    folder = os.path.dirname(path)
    while folder != out:
        try:
            os.rmdir(folder)  # refused while the folder holds anything
        except FileNotFoundError:
            pass
        except OSError:
            return
        folder = os.path.dirname(folder)


def read_static(static: Path) -> dict[str, bytes]:
    """The theme's static files, keyed by their path under assets/."""
    return {f"assets/{p.relative_to(static).as_posix()}": p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file() and not p.name.startswith(".")}
