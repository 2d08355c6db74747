"""What a build can reuse from the last one, keyed by content hashes.

The cache lives in `.tathya-cache/` (or $TATHYA_CACHE_DIR) and holds loaded
checks (with their rendered Markdown), keyed by the bytes of their files;
fragments of pages drawn once (a check's entry in the home page list); and,
for each output folder, the key and file stamp of every page written, so a
page whose inputs did not change is kept instead of drawn again. Every key
also covers the code and the versions of the libraries that shape the output,
so a new tathya or a new Markdown never serves stale pages. A cache that
cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path

from .errors import BuildFailed, ContentError

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown", "nh3", "babel", "pyyaml", "markupsafe")
FORMAT = 6


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
    """Loaded checks, drawn fragments and page stamps, persisted between builds.

    Each check is kept in a file of its own (checks-*/<key>.pickle: first its light
    copy, with what lists of checks show, which is all a build reads of a check
    whose pages it keeps; then the whole check), so a build
    after one edit reads the others and writes just the one that changed.
    """

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self.checks: dict[str, object] = {}     # key -> Check, read or made in this process
        self.fragments: dict[tuple, str] = {}   # key -> HTML drawn once and reused
        self.pages: dict[str, dict] = {}        # output folder -> its page stamps and files
        self.used_checks: set[str] | None = None
        self.used_fragments: set[tuple] = set()
        self._new: set[str] = set()
        self._dir_made = False
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
                self.pages, self.fragments = data["pages"], data["fragments"]
        except Exception:  # noqa: BLE001 - a foreign or damaged cache is only a slower build
            pass

    def get_check(self, key: str):
        """A check loaded earlier from files with this hash, or None.

        From disk this is the check's light copy (what lists of checks show), which
        is all a build needs of the checks whose pages it keeps; full_check() has the rest.
        """
        if key not in self.checks and self.folder is not None:
            check = self._load(key, whole=False)
            if check is None:
                return None
            self.checks[key] = check
        return self.checks.get(key)

    def full_check(self, key: str):
        """The whole of a kept check, or None when it is not kept (or its file is damaged)."""
        check = self.checks.get(key)
        if check is not None and check.complete:
            return check
        return self._load(key, whole=True) if self.folder is not None else None

    def _load(self, key: str, whole: bool):
        try:
            with (self._check_dir / f"{key}.pickle").open("rb") as fp:
                light = pickle.load(fp)  # the light copy comes first, so reading it stops early
                check = pickle.load(fp) if whole else light
        except Exception:  # noqa: BLE001 - missing or damaged: the check is read afresh
            return None
        # A file renamed or copied over another's name holds another check: never use it for this one.
        return check if getattr(check, "key", None) == key else None

    def holds_no_checks(self) -> bool:
        """True when no check is kept, in memory or on disk (a cold build)."""
        if self.checks or self.folder is None:
            return not self.checks
        try:
            with os.scandir(self._check_dir) as entries:
                return next(entries, None) is None
        except OSError:
            return True

    def put_check(self, key: str, check) -> None:
        if key not in self.checks:
            self._new.add(key)
        self.checks[key] = check

    def write_check(self, key: str, check, light=None) -> None:
        """Store a check at once (from the worker that read it); only speed is lost if that fails."""
        if self.folder is None:
            return
        try:
            self._make_dir()
            self._dump_check(key, check, light)
        except OSError:
            pass

    def _make_dir(self) -> None:
        """The folder of kept checks (and the cache's .gitignore), made once per process that writes."""
        if not self._dir_made:
            self._check_dir.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.is_file():
                gitignore.write_text("*\n")
            self._dir_made = True

    def _dump_check(self, key: str, check, light=None) -> None:
        """One file per check: its light copy, then the whole check when this is one."""
        dump(self._check_dir / f"{key}.pickle", light or check.light(), *([check] if check.complete else []))

    def fragment(self, key: tuple, draw) -> str:
        """HTML drawn once for its key and reused by later builds."""
        self.used_fragments.add(key)
        if key not in self.fragments:
            self.fragments[key] = draw()
        return self.fragments[key]

    def save(self) -> None:
        """Write what changed; failure to write only costs speed next time."""
        if self.used_checks is not None:
            self.checks = {k: v for k, v in self.checks.items() if k in self.used_checks}
        if self.used_fragments:
            self.fragments = {k: v for k, v in self.fragments.items() if k in self.used_fragments}
            self.used_fragments = set()
        if self.folder is None:
            return
        self.pages = {out: record for out, record in self.pages.items() if os.path.isdir(out)}  # forget deleted outputs
        try:
            self._make_dir()
            for key in sorted(self._new & set(self.checks)):
                self._dump_check(key, self.checks[key])
            if self.used_checks is not None:
                for path in self._check_dir.iterdir():
                    if path.name.split(".")[0] not in self.used_checks:
                        path.unlink()
            for old in self.folder.glob("checks-*"):  # written by other code: never read again
                if old != self._check_dir:
                    shutil.rmtree(old, ignore_errors=True)
            dump(self.folder / "index.pickle", {"salt": self.salt, "pages": self.pages, "fragments": self.fragments})
        except OSError:
            pass
        self._new.clear()

    def page_stamps(self, out: Path) -> dict[str, tuple]:
        """out_path -> (key, size, mtime_ns) of the pages last written to `out`."""
        return self._record(out)["stamps"]

    def _record(self, out: Path) -> dict:
        return self.pages.setdefault(str(out.resolve()), {"stamps": {}})


def dump(path: Path, *values) -> None:
    """Pickle values one after the other to a file, atomically."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    with tmp.open("wb") as fp:
        for value in values:
            pickle.dump(value, fp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def reusable(out: Path, rel: str, key: str | None, stamps: dict[str, tuple]) -> bool:
    """Whether the previous build's file for this page is still right, by key and file stamp."""
    stamp = stamps.get(rel)
    if key is None or stamp is None or stamp[0] != key:
        return False
    try:
        st = os.stat(os.path.join(out, rel))
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == stamp[1:]


def page_key(base: str, scope: str, template: str) -> str:
    """A page's key: page_base(), the hash of what the page lists or shows, and its template."""
    return f"{base}:{scope}:{template}"  # the page's URL is what the key is stored under: no need to hash again


def page_base(theme: str, site) -> str:
    """The part of every page key that the theme, site.yaml and the about pages decide."""
    about = digest(*(f"{lang}\0{doc.title}\0{doc.body}" for lang, doc in sorted(site.about.items())))
    return digest(theme, site.key, about)
