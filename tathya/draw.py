"""Drawing pages into the staging folder, on one core or several."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import jinja2

from .errors import ContentError
from .i18n import MissingTranslation
from .plan import Page
from .render import Renderer, template_error
from .write import Staging

PARALLEL_FROM = 600  # pages; below this, starting workers costs more than it saves
CHUNK = 150          # pages per unit of work, kept whole per check so its cards are drawn once
_job: tuple | None = None  # what forked workers inherit


def draw_pages(renderer: Renderer, pages: list[Page], staging: Staging, templates: Path,
               jobs: int | None = None, progress=None) -> tuple[list[str], list[ContentError]]:
    """Draw and stage pages; return the files that changed and any template errors."""
    global _job
    jobs = jobs or (os.cpu_count() or 1)
    chunks = chunk_by_check(pages)
    _job = (renderer, staging, templates, chunks)
    try:
        if jobs > 1 and len(pages) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
            renderer.warm()
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = list(_collect(pool.imap_unordered(_draw_chunk, range(len(chunks))), len(pages), progress))
        else:
            results = list(_collect(map(_draw_chunk, range(len(chunks))), len(pages), progress))
        changed = [rel for r in results for rel in r[1]]
        errors = [e for r in results for e in r[2]]
    finally:
        _job = None
    return changed, sorted(set(errors), key=lambda e: (e.path, e.line))


def _collect(results, total: int, progress):
    """Pass results through, reporting pages done so far."""
    done = 0
    for result in results:
        done += result[0]
        if progress:
            progress(done, total)
        yield result


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


def _draw_chunk(index: int) -> tuple[int, list[str], list[ContentError]]:
    """Draw one run of pages (in a worker, or in the main process)."""
    renderer, staging, templates, chunks = _job
    changed, errors = [], []
    for page in chunks[index]:
        try:
            data = renderer.page(page).encode("utf-8")
        except (jinja2.TemplateError, MissingTranslation) as exc:
            errors.append(template_error(exc, templates))
            continue
        if staging.write(page.out_path, data):
            changed.append(page.out_path)
    return len(chunks[index]), changed, errors
