"""Drawing pages into the staging folder, on one core or several."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .errors import ContentError
from .i18n import MissingTranslation
from .parallel import fork_map
from .plan import Page
from .render import Renderer, template_error
from .write import Staging

PARALLEL_FROM = 600  # pages; below this, starting workers costs more than it saves
CHUNK = 150          # pages per unit of work, kept whole per check so its cards are drawn once


def draw_pages(renderer: Renderer, pages: list[Page], staging: Staging, templates: Path,
               jobs: int | None = None, progress=None) -> tuple[list[str], list[ContentError]]:
    """Draw and stage pages; return the files that changed and any template errors."""
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

    def draw(chunk: list[Page]) -> tuple[int, list[str], list[ContentError]]:
        changed, errors = [], []
        renderer.forget()  # a chunk holds whole checks: nothing drawn before is needed again
        for page in chunk:
            try:
                data = renderer.page(page).encode("utf-8")
            except (jinja2.TemplateError, MissingTranslation) as exc:
                errors.append(template_error(exc, templates))
                continue
            if staging.write(page.out_path, data):
                changed.append(page.out_path)
        return len(chunk), changed, errors

    results = fork_map(draw, chunks, jobs, on_result=report)
    if listing:
        results.append(draw(listing))
        report(results[-1])
    changed = [rel for r in results for rel in r[1]]
    errors = {e for r in results for e in r[2]}
    return changed, sorted(errors, key=lambda e: (e.path, e.line))


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
