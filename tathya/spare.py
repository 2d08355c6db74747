"""The spare: the previous build, kept beside the output so that the next build only touches what changed.

After a swap the folder swapped out is not deleted but kept as
`.<name>.tathya-spare`. The next build brings it up to date in place (it writes
the pages that changed, hard-links the live site's file for every page it keeps
unless the spare's file already is that file, deletes what the new site no
longer has) and swaps it in; the live folder becomes the spare.

The spare's marker always lists every file in it, so a build killed at any
moment leaves nothing tathya cannot account for: before the spare is touched
the marker is replaced by one listing its files and the live site's, and each
file written later is first added to its end (one line, O_APPEND, from whichever
worker writes it), which also tells the commit what this build wrote. Files are
never changed in place, since most are hard links shared with the live site: a
file is unlinked and made anew. A spare that holds anything else is refused,
never deleted.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .marker import (MARKER, MARKER_NEW, OutputRefused, fill, list_files, read_marker, refuse_foreign, remove_file, remove_tree,
                     replace_marker)


def spare_path(out: str) -> str:
    """Where the folder a build swaps out is kept for the next one: .site.tathya-spare (git-ignored)."""
    return os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.tathya-spare")


def open_spare(out: str, shown: Path, previous: set[str]) -> Spare | None:
    """The spare beside `out`, ready to be brought up to date; None when there is none it can use."""
    path = spare_path(out)
    made = spare_files(path, shown.parent / os.path.basename(path))
    if made is None:
        return None
    if os.lstat(path).st_dev != os.lstat(out).st_dev:  # another file system: no hard links to the live site
        remove_tree(path)
        return None
    return Spare(out, path, made | previous)


def spare_files(path: str, shown: Path) -> set[str] | None:
    """The files a spare's marker lists, after checking it holds no others; None when there is no spare."""
    try:
        if not os.path.lexists(path):
            return None
        if os.path.islink(path) or not os.path.isdir(path):
            raise OutputRefused(shown, "is not a folder tathya made", "move it away or delete it, then build again")
        made = read_marker(path)
        if made is None and not os.listdir(path):
            os.rmdir(path)  # all that a kill while deleting a spare can leave without its marker
            return None
        present = list_files(path) if made is not None else set()
    except OSError as exc:
        raise OutputRefused(shown, f"cannot be read ({exc.strerror})", "check its permissions, or delete it") from exc
    if made is None:
        raise OutputRefused(shown, "was not made by tathya, but tathya keeps its previous build there",
                            "move it away or delete it, then build again")
    refuse_foreign(shown, present - made - {MARKER, MARKER_NEW}, "it is tathya's copy of the previous build, and the "
                   "next build would publish it: move them elsewhere, or delete the folder, then build again")
    return made


class Spare:
    """A spare being brought up to date, from any number of forked workers at once."""

    def __init__(self, out: str, root: str, known: set[str]):
        self.out, self.root, self.known = out, root, known
        self.start = replace_marker(self.root, known)  # where the lines for the files this build writes begin
        self.journal: int | None = os.open(os.path.join(self.root, MARKER), os.O_WRONLY | os.O_APPEND)

    def write(self, rel: str, data: bytes) -> tuple[int, int]:
        """Make one file anew, listed first; its (size, mtime_ns)."""
        self.note(rel)
        fd = self.make(rel, lambda target: os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        return fill(fd, data)  # the swap moves the folder, not the file: size and mtime stay

    def note(self, rel: str) -> None:
        """Add a file to the marker's list before it is made."""
        assert self.journal is not None, "the spare was finished"
        os.write(self.journal, f"{rel}\n".encode("utf-8"))

    def make(self, rel: str, create):
        """create(path) in place of whatever is at `rel`, making its folders when they are missing."""
        target = os.path.join(self.root, rel)
        clear(target)
        try:
            return create(target)
        except (FileNotFoundError, NotADirectoryError):
            make_folders(self.root, os.path.dirname(rel))
            return create(target)

    def keep(self, rel: str) -> None:
        """Make the spare's file the live site's own (a hard link), unless it already is."""
        live = os.path.join(self.out, rel)
        st = os.stat(live)  # a file neither drawn by this build nor in the old site stops it here
        try:
            mine = os.lstat(os.path.join(self.root, rel))
            if (mine.st_ino, mine.st_dev) == (st.st_ino, st.st_dev):
                return
        except OSError:
            pass
        if rel not in self.known:
            self.note(rel)
        self.make(rel, lambda target: os.link(live, target))

    def finish(self, produced: set[str]) -> None:
        """Make the spare hold exactly the new site: the kept files linked, the others deleted, an exact marker."""
        written = self.written()
        for rel in sorted(produced - written):
            self.keep(rel)
        for rel in sorted((self.known | written) - produced - {MARKER}):
            remove_file(self.root, rel)
        self.close()
        replace_marker(self.root, produced, old=self.out)

    def written(self) -> set[str]:
        """The files this build wrote, from the lines added to the marker since it began."""
        with open(os.path.join(self.root, MARKER), "rb") as fp:
            fp.seek(self.start)
            return set(fp.read().decode("utf-8").splitlines()) - {""}

    def close(self) -> None:
        if self.journal is not None:
            os.close(self.journal)
            self.journal = None


def clear(path: str) -> None:
    """Delete what is at `path` in the spare, if anything: a file, or a folder where a file goes now."""
    try:
        os.unlink(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except IsADirectoryError:
        shutil.rmtree(path)  # every file in it is listed in the marker, and none is a page of this build


def make_folders(root: str, rel: str) -> None:
    """Make the folder `rel` under `root`, first deleting a file that has a folder's place now."""
    path = root
    for part in rel.split("/"):
        path = os.path.join(path, part)
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isdir(path)):
            os.unlink(path)
    os.makedirs(os.path.join(root, rel), exist_ok=True)
