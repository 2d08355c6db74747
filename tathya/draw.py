"""Drawing pages into the staging folder, on one core or several."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .errors import ContentError
from .i18n import MissingTranslation, load_catalogues
from .cache import page_base, page_key, reusable
from .parallel import fork_map
from .plan import Page, plan_check
from .render import Renderer, template_error
from .write import Staging

PARALLEL_FROM = 600  # pages; below this, starting workers costs more than it saves
CHUNK = 150          # pages per unit of work, kept whole per check so its cards are drawn once


def draw_pages(renderer: Renderer, pages: list[Page], staging: Staging, templates: Path,
               jobs: int | None = None, progress=None) -> tuple[list[str], list[ContentError], dict]:
    """Draw and stage pages; return the files that changed, any template errors, and the files' stamps."""
    # Pages listing every check are drawn here, so the entries they keep reach the build cache.
    listing = [p for p in pages if "checks" in p.context]
    chunks = chunk_by_check([p for p in pages if "checks" not in p.context])
    if len(pages) >= PARALLEL_FROM and jobs != 1:
        renderer.warm()
    else:
        jobs = 1
    done = [0]

    def report(result) -> None:
        done[0] += result[0]
        if progress:
            progress(done[0], len(pages))

    def draw(chunk: list[Page]) -> tuple[int, list[str], list[ContentError], dict]:
        return (len(chunk), *draw_run(renderer, chunk, staging, templates))

    results = fork_map(draw, chunks, jobs, on_result=report)
    if listing:
        results.append(draw(listing))
        report(results[-1])
    changed = [rel for r in results for rel in r[1]]
    errors = {e for r in results for e in r[2]}
    stamps = {rel: stamp for r in results for rel, stamp in r[3].items()}
    return changed, sorted(errors, key=lambda e: (e.path, e.line)), stamps


def draw_run(renderer: Renderer, pages: list[Page], staging: Staging,
             templates: Path) -> tuple[list[str], list[ContentError], dict[str, tuple[int, int]]]:
    """Draw pages of whole checks into the staging folder: the files that changed, template errors, and file stamps."""
    changed, errors, stamps = [], [], {}
    renderer.forget()  # nothing drawn before this run is needed again
    for page in pages:
        check = page.context.get("check")
        if check is not None and not check.complete:
            raise RuntimeError(f"internal error: {page.out_path} would be drawn from a light copy of its check")
        try:
            data = renderer.page(page).encode("utf-8")
        except (jinja2.TemplateError, MissingTranslation) as exc:
            errors.append(template_error(exc, templates))
            continue
        if staging.write(page.out_path, data):
            changed.append(page.out_path)
        stamps[page.out_path] = staging.stamps[page.out_path]
    return changed, errors, stamps


class EarlyDraw:
    """Draws each check's pages in the worker that reads it, when checks are read on several cores.

    The worker also stores the check in the cache and hands the main process a
    light copy (check.light()), so the main process never holds every article,
    nor copies them into the workers that draw.
    """

    def __init__(self, out: Path, staging: Staging, cache, templates: Path, locales: Path, theme: str, preview: bool,
                 bytecode: Path | None = None, progress=None):
        self.out, self.staging, self.cache, self.templates, self.locales = out, staging, cache, templates, locales
        self.theme, self.preview, self.bytecode = theme, preview, bytecode
        self.catalogues: dict = {}
        self.progress, self.done, self.total = progress, 0, 0
        self.stamps = cache.page_stamps(out)
        self.handled: dict[str, str] = {}   # out_path -> key of every page the workers drew or kept
        self.changed: list[str] = []
        self.stamped: dict[str, tuple[int, int]] = {}  # out_path -> (size, mtime_ns) of every page the workers drew
        self.errors: list[ContentError] = []

    def start(self, site) -> EarlyDraw | None:
        """Get ready in the main process, before the workers start: the site without its checks.

        None when a catalogue is broken: the checks are then read alone, and the
        build reports the catalogue's errors with the rest.
        """
        sink: list[ContentError] = []
        self.catalogues = load_catalogues(self.locales, site.config.languages, sink)
        if sink:
            self.catalogues = {}
            return None
        self.site = site
        self.base = page_base(self.theme, site)
        self.renderer = Renderer(self.templates, self.catalogues, site, self.preview, self.bytecode, self.cache, self.theme)
        self.renderer.warm()
        return self

    def __call__(self, check):
        """In a worker: draw one check's pages (those whose files are not already right) and store it."""
        pages = [p for lang in self.site.config.languages for p in plan_check(self.site, check, lang)]
        keys = {p.out_path: page_key(self.base, check.key, p.template) for p in pages}  # as pipeline.page_keys
        todo = [p for p in pages if not reusable(self.out, p.out_path, keys[p.out_path], self.stamps)]
        changed, errors, stamps = draw_run(self.renderer, todo, self.staging, self.templates)
        entries = self.renderer.list_entries(check)  # so that the main process only puts the lists together
        light = check.light()
        self.cache.write_check(check.key, check, light)
        return light, (keys, changed, errors, entries, stamps)

    def expect(self, checks: int) -> None:
        """How many checks the workers will read, for the progress counter."""
        self.total = checks

    def tick(self, result) -> None:
        """One check read (and drawn) by a worker."""
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def collect(self, made) -> None:
        """In the main process: what a worker did for one check."""
        keys, changed, errors, entries, stamps = made
        self.cache.fragments.update(entries)
        self.stamped.update(stamps)
        self.handled.update(keys)
        self.changed += changed
        self.errors += errors


def chunk_by_check(pages: list[Page]) -> list[list[Page]]:
    """Pages in runs of about CHUNK, never splitting one check's pages across runs."""
    chunks: list[list[Page]] = [[]]
    last = None
    for page in pages:
        check = page.context.get("check")
        if len(chunks[-1]) >= CHUNK and check is not last:
            chunks.append([])
        chunks[-1].append(page)
        last = check
    return [c for c in chunks if c]
