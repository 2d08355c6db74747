"""The preview's builds: the same build(), with a cache kept in memory and the names of the files saved."""

from __future__ import annotations

from pathlib import Path

from .cache import Cache, code_salt
from .load import Loaded
from .pipeline import BuildResult, build

CHECK_FILE_PREFIXES = ("claims.yaml", "article.", "translations.yaml")


class Rebuilder:
    """Builds a preview again after each save, through build() like any build.

    The cache (checks, compiled templates, page records) lives in memory for the
    session. A save that touches only existing checks' files tells build() which
    checks were not touched, so it does not read theirs again; every page's
    freshness is judged by the same rules as in any build.
    """

    def __init__(self, content: Path, out: Path, *, base_url: str | None = None, preview: bool = True):
        self.content, self.out, self.base_url, self.preview = content, out, base_url, preview
        self.cache = Cache(None, code_salt())
        self.loaded: Loaded | None = None

    def build(self, unchanged: frozenset[str] = frozenset(), jobs: int | None = None) -> BuildResult:
        """Build, reading again every check but those in `unchanged`; raise BuildFailed and keep the output on errors."""
        previous, self.loaded = self.loaded, None  # after a failure, the next build reads everything
        result = build(self.content, self.out, base_url=self.base_url, preview=self.preview, cache=self.cache,
                       jobs=jobs, previous=previous, unchanged=unchanged)
        self.loaded = result.loaded
        return result

    def rebuild(self, paths: list[Path]) -> BuildResult:
        """Build after these files were saved, in this process (the server's threads run beside it: no forking)."""
        return self.build(self.untouched_checks(paths), jobs=1)

    def untouched_checks(self, paths: list[Path]) -> frozenset[str]:
        """The checks none of whose files was saved, when the saves touched only existing checks' files; else none."""
        if self.loaded is None:
            return frozenset()
        known = {c.slug for c in self.loaded.site.checks}
        checks_dir = (self.content / "checks").resolve()
        edited = set()
        for path in paths:
            path = Path(path).resolve()
            if path.parent.parent != checks_dir or path.parent.name not in known or not path.parent.is_dir():
                return frozenset()
            if path.name.startswith(CHECK_FILE_PREFIXES):
                edited.add(path.parent.name)
        return frozenset(known - edited)
