"""In-process rebuilds for the preview: after a save, redraw only what the save affects."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from .cache import Cache, code_salt
from .errors import BuildFailed
from .load import Memo, load_alone
from .models import Site
from .pipeline import BuildResult, build, write_pages
from .plan import plan_pages

CHECK_FILE_PREFIXES = ("claims.yaml", "article.")


class Rebuilder:
    """A build kept in memory: the model, the plan and the cache live between saves.

    A save that touches only existing checks' files reloads just those checks and
    redraws their pages and the pages that list every check; any other save
    (site.yaml, a template, a UI string, a new or deleted check) rebuilds with
    the full pipeline, still reusing every unchanged check and page.
    """

    def __init__(self, content: Path, out: Path, *, base_url: str | None = None, preview: bool = True):
        self.content, self.out, self.base_url, self.preview = content, out, base_url, preview
        self.cache = Cache(None, code_salt())
        self.plans: dict = {}
        self.site: Site | None = None

    def build(self) -> BuildResult:
        """A full build (reusing what the cache holds)."""
        self.site = None
        result = build(self.content, self.out, base_url=self.base_url, preview=self.preview, cache=self.cache)
        self.site = result.site
        return result

    def rebuild(self, paths: list[Path]) -> BuildResult:
        """Rebuild after these files were saved; raise BuildFailed and leave the output as it was on errors."""
        slugs = self.edited_checks(paths)
        if slugs is None:  # also when there is no good build to start from
            return self.build()
        start = time.perf_counter()
        checks = {c.slug: c for c in self.site.checks}
        for slug in slugs:
            folder = self.content / "checks" / slug
            # The key first: a save landing between the two reads then leaves a key that the next rebuild sees change.
            key = Memo(None, self.site.key).key(folder, self.site.config.languages)
            check, errors = load_alone(folder, self.site.config, self.preview)
            if errors:
                self.site = None  # the next save rebuilds everything, so no error stays hidden
                raise BuildFailed(errors)
            checks[slug] = replace(check, key=key)
        site = replace(self.site, checks=tuple(checks[c.slug] for c in self.site.checks))
        pages = plan_pages(site, self.plans)
        trusted = frozenset(p.out_path for p in pages if "check" in p.context and p.context["check"].slug not in slugs)
        self.site = None
        written = write_pages(site, pages, self.content, self.out, self.cache, self.preview, 1, None, trusted)
        self.cache.save()
        self.site = site
        return BuildResult.of(site, pages, written, start)

    def edited_checks(self, paths: list[Path]) -> set[str] | None:
        """The slugs of existing checks whose own files are all that changed, else None."""
        if self.site is None:
            return None
        known = {c.slug for c in self.site.checks}
        checks_dir = (self.content / "checks").resolve()
        slugs = set()
        for path in paths:
            path = Path(path).resolve()
            if path.parent.parent != checks_dir or path.parent.name not in known or not path.parent.is_dir():
                return None
            if not path.name.startswith(CHECK_FILE_PREFIXES):
                continue  # a file the contract ignores
            slugs.add(path.parent.name)
        return slugs
