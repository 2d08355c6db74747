"""Which folders a build may write to: the places refused, tathya's marker file, the lock; deleting its own files.

Before anything is touched, claim_output() refuses places a build may never
write to (the root, a home folder, the content, a repository, a file), and
made_files() any folder tathya did not make. A folder tathya made holds a
marker file, `.tathya-site`, listing the files it made; a file that is not on
that list stops the build rather than being deleted.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

MARKER = ".tathya-site"
MARKER_NEW = ".tathya-site.new"  # a marker on its way in; a killed build may leave it
HEADER = "tathya-site 1: this folder was made by tathya and is replaced whole by each build; the files it made:\n"


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
    refuse_foreign(out, present - made - {MARKER}, "each build replaces this folder whole, so move them elsewhere "
                   "first (the published site is only what the build makes)")
    return made


def refuse_foreign(out: Path | str, foreign: set[str], fix: str) -> None:
    """Refuse a folder that holds files tathya did not make, naming the first three."""
    if foreign:
        names = sorted(foreign)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        raise OutputRefused(out, f"holds files tathya did not make: {shown}", fix)


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


def fill(fd: int, data: bytes) -> tuple[int, int]:
    """Write all of `data` to a new file open as `fd`, and close it; its (size, mtime_ns)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return len(data), os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
