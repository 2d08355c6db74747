"""What a build can reuse from the last one, keyed by content hashes.

The cache lives in `.tathya-cache/` (or $TATHYA_CACHE_DIR) and holds loaded
checks (with their rendered articles), keyed by the bytes of their files, and,
for each output folder, a record of every page written: its key (a hash of
everything the page was drawn from) and its file's size and time. A page whose key is the same and whose
file is untouched is kept instead of drawn again. Every key also covers the
code and the versions of the libraries that shape the output, so a new tathya
or a new Markdown never serves stale pages. A cache that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import jinja2

from .errors import BuildFailed, ContentError

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "markupsafe")
FORMAT = 8


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


class Record(NamedTuple):
    """What the last build wrote for one page."""

    key: str            # hash of what the page was drawn from (pipeline.stale_pages)
    size: int
    mtime_ns: int


class Cache:
    """Loaded checks and page records, persisted between builds.

    Each check is kept in a file of its own (checks-*/<key>.pickle), so a build
    after one edit writes just the one that changed.
    """

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self.checks: dict[str, object] = {}     # key -> Check, read or made in this process
        self.pages: dict[str, dict[str, Record]] = {}  # output folder -> out_path -> record
        self._kept: set[str] | None = None
        self._new: set[str] = set()
        self._bytecode: dict[str, jinja2.BytecodeCache] = {}
        self._scopes: set[str] = set()  # those used since the last save
        self._readers: tuple[str, frozenset[str]] = ("", frozenset())
        if folder is not None:
            self._read(folder / "index.pickle")

    @classmethod
    def open(cls, folder: Path | None = None) -> Cache:
        """The cache in `folder`, $TATHYA_CACHE_DIR or ./.tathya-cache."""
        if folder is None:
            folder = Path(os.environ.get("TATHYA_CACHE_DIR") or ".tathya-cache")
        if os.path.lexists(folder) and not folder.is_dir():
            raise BuildFailed([ContentError(str(folder), 0, "is the build cache's place, but it is not a folder",
                                            "delete it (the cache is made again), or set TATHYA_CACHE_DIR to a folder")])
        return cls(folder, code_salt())

    @property
    def _check_dir(self) -> Path:
        return self.folder / f"checks-{self.salt[:16]}"

    def _read(self, path: Path) -> None:
        """Load the saved index unless it is missing, corrupt or from other code."""
        try:
            with path.open("rb") as fp:
                data = pickle.load(fp)
            if data["salt"] == self.salt:
                self.pages = data["pages"]
        except Exception:  # noqa: BLE001 - a foreign or damaged cache is only a slower build
            pass

    def get_check(self, key: str):
        """A check loaded earlier from files with this hash, or None."""
        if key not in self.checks and self.folder is not None:
            try:
                with (self._check_dir / f"{key}.pickle").open("rb") as fp:
                    stored = pickle.load(fp)
            except Exception:  # noqa: BLE001 - missing or damaged: the check is read afresh
                return None
            if not isinstance(stored, Stored) or stored.key != key:  # a file copied over another's name holds another check
                return None
            self.checks[key] = stored.check
        return self.checks.get(key)

    def put_check(self, key: str, check) -> None:
        """Keep a check read from files with this hash."""
        self.checks[key] = check
        self._new.add(key)

    def keep_checks(self, keys: Iterable[str]) -> None:
        """The checks of this build: the others are forgotten when the cache is saved."""
        self._kept = set(keys)

    def bytecode(self, scope: str) -> jinja2.BytecodeCache:
        """Where compiled templates are kept for one `scope`: a hash of all that Jinja may build into them
        (code, templates, catalogues, settings and language: it works out filters of constants, such as
        `{{ 'sitemap.xml'|absolute }}`, when it compiles)."""
        self._scopes.add(scope)
        if scope not in self._bytecode:
            self._bytecode[scope] = (MemoryBytecode() if self.folder is None
                                     else DiskBytecode(str(self.folder / "jinja" / scope[:32])))
        return self._bytecode[scope]

    def checks_readers(self, base: str, find) -> frozenset[str]:
        """The templates that may read site.checks, found by find() once for the templates that `base` covers."""
        if self._readers[0] != base:
            self._readers = (base, find())
        return self._readers[1]

    def page_records(self, out: Path) -> dict[str, Record]:
        """out_path -> Record of the pages last written to `out`."""
        return self.pages.setdefault(str(out.resolve()), {})

    def save(self) -> None:
        """Write what changed; failure to write only costs speed next time."""
        if self._kept is not None:
            self.checks = {k: v for k, v in self.checks.items() if k in self._kept}
        self._bytecode = {scope: kept for scope, kept in self._bytecode.items() if scope in self._scopes}
        self._scopes = set()
        if self.folder is None:
            return
        self.pages = {out: records for out, records in self.pages.items() if os.path.isdir(out)}  # forget deleted outputs
        try:
            self._check_dir.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.is_file():
                gitignore.write_text("*\n")
            for key in sorted(self._new & set(self.checks)):
                dump(self._check_dir / f"{key}.pickle", Stored(key, self.checks[key]))
            if self._kept is not None:
                for path in self._check_dir.iterdir():
                    if path.name.split(".")[0] not in self._kept:
                        path.unlink()
            for old in self.folder.glob("checks-*"):  # other code's: never read again
                if old != self._check_dir:
                    shutil.rmtree(old, ignore_errors=True)
            for old in [*self.folder.glob("jinja-*"), *self.folder.glob("jinja/*")]:  # compiled for other settings or code
                if old.name not in {scope[:32] for scope in self._bytecode}:
                    shutil.rmtree(old, ignore_errors=True)
            dump(self.folder / "index.pickle", {"salt": self.salt, "pages": self.pages})
        except OSError:
            pass
        self._new.clear()


class Stored(NamedTuple):
    """A check as kept on disk, with the key it was kept under (a file renamed over another's is noticed)."""

    key: str
    check: object


def dump(path: Path, value) -> None:
    """Pickle a value to a file, atomically."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    with tmp.open("wb") as fp:
        pickle.dump(value, fp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class DiskBytecode(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the build cache; one that cannot be read or written only costs speed."""

    def __init__(self, folder: str):
        super().__init__(folder)
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable, truncated or damaged: the template is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.folder, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


class MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the preview's builds (Jinja's documented extension point)."""

    def __init__(self):
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()
