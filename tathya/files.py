"""Reading content files: only ordinary files inside content/, within size limits."""

from __future__ import annotations

import os
import stat
import unicodedata
from functools import lru_cache
from pathlib import Path

from .errors import Errors

MAX_FILE = 1 << 20  # bytes read from one content file: ten times the largest claims.yaml shipped
MAX_BRACKETS = 1000  # '[' in one file: Python-Markdown's link search grows with their square (1,000 take 0.5 s)
NOT_FILES = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket",
             stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def nfc(text: str) -> str:
    """Text in Unicode's NFC form (checking is much quicker than normalising text that already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def exists(path: Path) -> bool:
    """True when anything has this name, a broken link or an unreadable file too (reading it says what is wrong)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def outside(path: Path, root: Path) -> bool:
    """True when `path`, its symbolic links followed, is not inside the folder `root`."""
    top = real_folder(os.path.abspath(root))
    try:
        return os.path.commonpath([os.path.realpath(path), top]) != top
    except ValueError:  # another drive
        return True


@lru_cache(maxsize=64)
def real_folder(root: str) -> str:
    """An absolute folder path with its symbolic links followed, worked out once per process (a change only refuses more)."""
    return os.path.realpath(root)


def size_text(size: int) -> str:
    """1048576 -> '1 MiB', 524288 -> '512 KiB'."""
    return f"{size >> 20} MiB" if size % (1 << 20) == 0 else f"{size >> 10} KiB"


def read_bytes(path: Path, root: Path, errs: Errors, limit: int = MAX_FILE) -> bytes | None:
    """A regular file's bytes; a link out of `root`, a pipe, a device or more than `limit` bytes is refused."""
    if outside(path, root):
        if os.path.islink(path):
            errs.add(0, "is a symbolic link to a file outside the content folder", "replace it with the file itself")
        else:
            errs.add(0, "is inside a symbolic link to a folder outside the content folder", "replace the link with the folder itself")
        return None
    real, data = os.path.realpath(path), b""
    try:
        info = os.stat(real)
        if stat.S_ISREG(info.st_mode) and info.st_size <= limit:  # checked before opening: opening a FIFO waits for a writer
            with os.fdopen(os.open(real, OPEN_FLAGS), "rb") as fp:
                info = os.fstat(fp.fileno())  # what was opened, should the name have changed hands meanwhile
                data = fp.read(limit + 1) if stat.S_ISREG(info.st_mode) else b""
    except OSError as exc:
        errs.add(0, f"cannot be read ({exc.strerror})", "check the file exists and is readable")
        return None
    if not stat.S_ISREG(info.st_mode):
        errs.add(0, f"is {NOT_FILES.get(stat.S_IFMT(info.st_mode), 'not a regular file')}, not a file", "replace it with an ordinary file")
        return None
    size = max(info.st_size, len(data))
    if size > limit:
        errs.add(0, f"is larger than {size_text(limit)} ({size:,} bytes)", "make it smaller")
        return None
    return data


def read_text(path: Path, root: Path, errs: Errors) -> str | None:
    """A UTF-8 file inside `root` as NFC text with LF line ends (a BOM and CRLF accepted)."""
    data = read_bytes(path, root, errs)
    return None if data is None else decode(data, errs)


def decode(data: bytes, errs: Errors) -> str | None:
    """A file's bytes as read_text() gives them: NFC text with LF line ends, or None after saying why not."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errs.add(0, f"is not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")
        return None
    if "\x00" in raw:
        errs.add(raw[: raw.index("\x00")].count("\n") + 1, "contains a NUL character", "remove it (the file may not be text)")
        return None
    text = nfc(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if text.count("[") > MAX_BRACKETS:
        at = text.replace("[", "\0", MAX_BRACKETS).index("[")
        errs.add(text.count("\n", 0, at) + 1, f"has more than {MAX_BRACKETS:,} '[' characters, which Markdown takes too long to read",
                 "remove the ones that are not links (a link needs one pair)")
        return None
    return text
