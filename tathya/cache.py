"""What a build can reuse from the last one, keyed by content hashes.

The cache lives in `.tathya-cache/` (or $TATHYA_CACHE_DIR) and holds two
things: loaded checks (with their rendered Markdown), keyed by the bytes of
their files; and, for each output folder, the key and file stamp of every page
written, so a page whose inputs did not change is linked from the previous
build instead of drawn again. Every key also covers the code and the
versions of the libraries that shape the output, so a new tathya or a new
Markdown never serves stale pages. A cache that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "markupsafe")
FORMAT = 2


def digest(*parts: bytes | str) -> str:
    """A short stable hash of some inputs."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def code_salt() -> str:
    """A hash of tathya's own code and the versions of the libraries that shape its output."""
    files = sorted(PACKAGE.glob("*.py"))
    versions = [f"{name}={version(name)}" for name in LIBRARIES]
    return digest(str(FORMAT), sys.version, *versions, *(p.read_bytes() for p in files))


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def tree_digest(*folders: Path) -> str:
    """A hash of every file under some folders (templates, catalogues, static files)."""
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


class Cache:
    """Loaded checks, rendered Markdown and page stamps, persisted between builds."""

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self.checks: dict[str, object] = {}
        self.pages: dict[str, dict[str, tuple]] = {}
        if folder is not None:
            self._read(folder / "cache.pickle")

    @classmethod
    def open(cls, folder: Path | None = None) -> Cache:
        """The cache in `folder`, $TATHYA_CACHE_DIR or ./.tathya-cache."""
        if folder is None:
            folder = Path(os.environ.get("TATHYA_CACHE_DIR") or ".tathya-cache")
        return cls(folder, code_salt())

    def _read(self, path: Path) -> None:
        """Load the saved cache unless it is missing, corrupt or from other code."""
        try:
            with path.open("rb") as fp:
                data = pickle.load(fp)
            if data["salt"] == self.salt:
                self.checks, self.pages = data["checks"], data["pages"]
        except Exception:  # noqa: BLE001 - a foreign or damaged cache is only a slower build
            pass

    def save(self) -> None:
        """Write the cache atomically; failure to write only costs speed next time."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("*\n")
            tmp = self.folder / f"cache.pickle.{os.getpid()}"
            with tmp.open("wb") as fp:
                pickle.dump({"salt": self.salt, "checks": self.checks, "pages": self.pages}, fp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / "cache.pickle")
        except OSError:
            pass

    def page_stamps(self, out: Path) -> dict[str, tuple]:
        """out_path -> (key, size, mtime_ns) of the pages last written to `out`."""
        return self.pages.setdefault(str(out.resolve()), {"stamps": {}, "files": []})["stamps"]

    def files(self, out: Path) -> list[str]:
        """Every file the last build wrote to `out` (empty when unknown)."""
        return self.pages.setdefault(str(out.resolve()), {"stamps": {}, "files": []})["files"]
