"""build(): load -> plan -> render -> write, and nothing else."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .cache import Cache, Record, digest, tree_digest
from .cards import draw_cards, left_out, plan_cards
from .errors import BuildFailed, ContentError
from .i18n import load_catalogues
from .load import Loaded, read_content
from .models import Site
from .parallel import fork_map
from .plan import Page, page_key, plan_pages
from .render import Renderer, template_error
from .search import SearchFailed, index_key, indexed, kept_index, make_index
from .write import Staging, read_static

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locales"
STATIC = ROOT / "static"
FORK_FROM = 40  # checks to read or draw; for fewer, starting worker processes costs more than it saves
CHUNK = 150     # pages per unit of drawing work, a check's pages kept together


@dataclass(frozen=True)
class BuildResult:
    loaded: Loaded
    pages: int
    written: int
    milliseconds: int
    cards: int = 0  # share images, drawn or kept
    notes: tuple[str, ...] = ()  # what the build did not stop for but an editor should know

    @property
    def site(self) -> Site:
        return self.loaded.site

    def summary(self, out: Path) -> str:
        """The one line a build ends with."""
        claims = sum(len(c.claims) for c in self.site.checks)
        langs = len(self.site.config.languages)
        cards = f" and {plural(self.cards, 'share card')}" if self.cards else ""
        return (f"built {plural(self.pages, 'page')}{cards} ({self.written} written) into {out}: {plural(len(self.site.checks), 'check')}, "
                f"{plural(claims, 'claim')}, {plural(langs, 'language')} in {self.milliseconds} ms")


def build(content: Path, out: Path, *, base_url: str | None = None, preview: bool = False, cache: Cache | None = None,
          jobs: int | None = None, progress=None, previous: Loaded | None = None,
          unchanged: Collection[str] = (), share_images: bool = True) -> BuildResult:
    """Build a content tree into `out`; on any error raise BuildFailed and leave `out` untouched.

    The preview passes the last build's `previous` and the checks it knows are
    `unchanged` (no file of theirs was saved), which are then not read again.
    """
    start = time.perf_counter()
    cache = Cache.open() if cache is None else cache
    staging = Staging(out, content, ROOT, whole=not preview)
    try:
        loaded = read_content(content, preview=preview, base_url=base_url, cache=cache, pool=reading_pool(jobs, progress),
                              previous=previous, unchanged=unchanged, share_images=share_images)
        pages = plan_pages(loaded.site)
        base = digest(cache.salt, theme_key(preview), loaded.settings)  # all that every page is drawn from
        renderer = make_renderer(loaded.site, preview, cache, base)
        readers = cache.checks_readers(base, renderer.checks_readers)
        records = cache.page_records(out)
        keys, todo = stale_pages(pages, loaded, records, out, base, readers)
        drawn = draw_pages(renderer, todo, staging, jobs, progress)
        cards = plan_cards(loaded.site, theme_css()) if loaded.site.config.share_images and not preview else []  # the preview never waits
        card_keys = {card.out_path: card.key for card in cards}
        drawn += [Drawn(*d) for d in draw_cards([c for c in cards if stale(records, str(out), c.out_path, card_keys[c.out_path])],
                                                staging, jobs, progress)]
        keys.update(card_keys)
        search_keys = {} if preview else index_search(pages, keys, drawn, records, staging, out, progress)  # never per save
        keys.update(search_keys)
        extra = extra_files(loaded.site)
        changed = [d.out_path for d in drawn if d.changed] + [rel for rel, data in sorted(extra.items()) if staging.write(rel, data)]
        produced = {p.out_path for p in pages} | set(card_keys) | set(search_keys) | set(extra)
        staging.commit(produced, changed)
    except OSError as exc:
        staging.abort()
        raise BuildFailed([environment_error(exc, out)]) from exc
    except BaseException:
        staging.abort()
        raise
    remember_pages(records, keys, drawn, produced)
    cache.save()
    html = sum(1 for p in pages if p.out_path.endswith((".html", ".xml")))
    return BuildResult(loaded, html, len(changed), round((time.perf_counter() - start) * 1000), len(cards),
                       tuple(left_out(cards)))


def reading_pool(jobs: int | None, progress=None):
    """How the checks the cache lacks are read: on several cores when they are many, counted as they are read."""
    def pool(task, items: list) -> list:
        done = [0]

        def tick(_) -> None:
            done[0] += 1
            if progress:
                progress(done[0], len(items))
        return fork_map(task, items, jobs if len(items) >= FORK_FROM else 1, on_result=tick)
    return pool


def plural(n: int, noun: str) -> str:
    """`1 check`, `2 checks`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def make_renderer(site: Site, preview: bool, cache: Cache, base: str) -> Renderer:
    """The renderer of this build, with the UI strings of every language (raises BuildFailed for a broken catalogue).

    Its compiled templates are kept under `base` and the language: all that Jinja may build into them.
    """
    sink: list[ContentError] = []
    catalogues = load_catalogues(LOCALES, site.config.languages, sink, preview)
    if sink:
        raise BuildFailed(sink)
    return Renderer(TEMPLATES, catalogues, site, preview, lambda lang: cache.bytecode(digest(base, lang)))


def theme_key(preview: bool) -> str:
    """A hash of the templates, the catalogues and the preview switch (tathya's code: Cache.salt)."""
    return digest(tree_digest(TEMPLATES, LOCALES), str(preview))


def every_check(loaded: Loaded) -> str:
    """A hash of every check in site order: part of the key of each page that may read site.checks."""
    return digest(*(loaded.keys[c.slug] for c in loaded.site.checks))


def stale_pages(pages: list[Page], loaded: Loaded, records: dict[str, Record], out: Path, base: str,
                readers: frozenset[str]) -> tuple[dict[str, str], list[Page]]:
    """Each page's key, and the pages to draw: those whose key changed or whose file is not the one written.

    A page drawn from a template that may read site.checks (`readers`) depends on every check.
    """
    every, folder = every_check(loaded), str(out)
    keys, todo = {}, []
    for page in pages:
        key = page_key(page, base, loaded.keys)
        key = keys[page.out_path] = digest(key, every) if page.template in readers else key
        if stale(records, folder, page.out_path, key):
            todo.append(page)
    return keys, todo


def stale(records: dict[str, Record], out: str, rel: str, key: str) -> bool:
    """Whether a file must be made again: its key changed, or the file is not the one the last build wrote."""
    record = records.get(rel)
    return record is None or record.key != key or not untouched(out, rel, record)


def untouched(out: str, rel: str, record: Record) -> bool:
    """Whether the file the last build wrote for a page is still there, as written."""
    try:
        st = os.stat(os.path.join(out, rel))
    except OSError:
        return False
    return st.st_size == record.size and st.st_mtime_ns == record.mtime_ns


class Drawn(NamedTuple):
    """A page drawn and staged."""

    out_path: str
    changed: bool      # its bytes differ from the file in the output folder
    size: int
    mtime_ns: int


def draw_pages(renderer: Renderer, pages: list[Page], staging: Staging, jobs: int | None, progress=None) -> list[Drawn]:
    """Draw and stage pages, a check's pages together, on several cores when they are many (raises BuildFailed)."""
    chunks = chunk_by_check(pages)
    checks = len({id(p.context.get("check")) for p in pages})
    renderer.compile_all()  # once, before any worker is forked
    done = [0]

    def report(result) -> None:
        done[0] += len(result[0])
        if progress:
            progress(done[0], len(pages))

    def draw(chunk: list[Page]) -> tuple[list, list[ContentError]]:
        drawn, errors = [], []
        for page in chunk:
            try:
                text = renderer.render(page)
            except Exception as exc:  # noqa: BLE001 - whatever a template raises is reported at its line
                errors.append(template_error(exc, TEMPLATES))
                continue
            changed = staging.write(page.out_path, text.encode("utf-8"))
            drawn.append(Drawn(page.out_path, changed, *staging.stamps[page.out_path]))
        return drawn, errors

    # Workers are forked with the pages in memory: only a chunk's number goes to them, never pages and checks.
    results = fork_map(lambda n: draw(chunks[n]), range(len(chunks)), jobs if checks >= FORK_FROM else 1, on_result=report)
    errors = {e for _, errs in results for e in errs}
    if errors:
        raise BuildFailed(sorted(errors, key=lambda e: (e.path, e.line)))
    return [item for drawn, _ in results for item in drawn]


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


def remember_pages(records: dict[str, Record], keys: dict[str, str], drawn: list[Drawn], produced: set[str]) -> None:
    """Record what each page drawn now was drawn from, and forget pages the site no longer has."""
    for d in drawn:
        records[d.out_path] = Record(keys[d.out_path], d.size, d.mtime_ns)
    for rel in set(records) - produced:
        del records[rel]


def index_search(pages: list[Page], keys: dict[str, str], drawn: list[Drawn], records: dict[str, Record], staging: Staging,
                 out: Path, progress=None) -> dict[str, str]:
    """Index the check pages with Pagefind and stage pagefind/ (added to `drawn`); each of its files' key.

    The last index is kept when it was made from the same pages (search.index_key) and is untouched.
    Pages are read from where this build left them: staged when drawn anew, else in `out`.
    """
    searched = indexed(pages)
    key = index_key(searched, keys)
    kept = kept_index(records, key, lambda rel, record: untouched(str(out), rel, record))
    if kept is not None:
        return dict.fromkeys(kept, key)
    fresh = {d.out_path for d in drawn if d.changed}
    place = lambda rel, target: link_or_copy(os.path.join(staging.root if rel in fresh else staging.out, rel), target)  # noqa: E731
    if progress:
        progress(0, 1)
    try:
        files = make_index(searched, place)
    except SearchFailed as exc:
        raise BuildFailed([ContentError(str(out / "pagefind"), 0, str(exc), "reinstall tathya's dependencies "
                                        "(pip install -e .), then build again")]) from exc
    if progress:
        progress(1, 1)
    for rel, data in sorted(files.items()):
        changed = staging.write(rel, data)
        drawn.append(Drawn(rel, changed, *staging.stamps[rel]))
    return dict.fromkeys(files, key)


def link_or_copy(source: str, target: str) -> None:
    """A hard link to a file (no bytes copied), or a copy where the two folders are on different disks."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def environment_error(exc: OSError, out: Path) -> ContentError:
    """A failure of the disk (full, read-only, permissions) as an error naming the file."""
    where = exc.filename or str(out)
    return ContentError(str(where), 0, f"cannot be written or read ({exc.strerror or exc})",
                        f"check the disk has space and {out} and its parent folder are writable, then build again")


def theme_css() -> str:
    """The theme's stylesheet, whose verdict colours the share cards take."""
    css = STATIC / "tathya.css"
    return css.read_text(encoding="utf-8") if css.is_file() else ""


def extra_files(site: Site) -> dict[str, bytes]:
    """Files that are not drawn from templates: static assets, .nojekyll, CNAME, the logo."""
    files = read_static(STATIC)
    files[".nojekyll"] = b""
    if site.config.cname:
        files["CNAME"] = site.config.cname.encode("ascii") + b"\n"
    if site.config.publisher.logo_path:  # under assets/content/: a logo never replaces a file of the site
        files[site.config.publisher.logo_path] = site.config.publisher.logo_data
    return files
