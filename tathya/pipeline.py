"""build(): load -> plan -> render -> write, and nothing else."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import Cache, digest, page_base, page_key, reusable, tree_digest
from .draw import EarlyDraw, draw_pages
from .errors import BuildFailed, ContentError
from .i18n import load_catalogues
from .load import load_alone, load_site
from .models import Check, Site
from .plan import Page, plan_pages
from .render import Renderer
from .write import Staging, read_static

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locales"
STATIC = ROOT / "static"


@dataclass(frozen=True)
class BuildResult:
    site: Site
    pages: int
    written: int
    milliseconds: int

    @classmethod
    def of(cls, site: Site, pages: list[Page], written: int, start: float) -> BuildResult:
        """The result of a build that began at perf_counter() `start`."""
        html = sum(1 for p in pages if p.out_path.endswith((".html", ".xml")))
        return cls(site, html, written, round((time.perf_counter() - start) * 1000))

    def summary(self, out: Path) -> str:
        """The one line a build ends with."""
        claims = sum(len(c.claims) for c in self.site.checks)
        langs = len(self.site.config.languages)
        return (f"built {self.pages} pages ({self.written} written) into {out}: {len(self.site.checks)} checks, "
                f"{claims} claims, {langs} languages in {self.milliseconds} ms")


def build(content: Path, out: Path, *, base_url: str | None = None, preview: bool = False,
          cache: Cache | None = None, jobs: int | None = None, progress=None) -> BuildResult:
    """Build a content tree into `out`; on any error raise BuildFailed and leave `out` untouched."""
    start = time.perf_counter()
    cache = Cache.open() if cache is None else cache
    theme = theme_key(cache, preview)
    staging = Staging(out, content, ROOT, whole=not preview)
    try:
        # A build that reads many checks on several cores draws their pages as it reads them
        # (needs a cache on disk, where the workers store what they read).
        early = (EarlyDraw(out, staging, cache, TEMPLATES, LOCALES, theme, preview, bytecode_dir(cache), progress)
                 if cache.folder and jobs != 1 else None)
        site = load_site(content, preview=preview, base_url=base_url, cache=cache, early=early.start if early else None,
                         jobs=jobs)
        pages = plan_pages(site)
        written = write_pages(site, pages, content, out, cache, preview, jobs, progress, staging=staging, theme=theme,
                              early=early)
    except OSError as exc:
        staging.abort()
        raise BuildFailed([environment_error(exc, out)]) from exc
    except BaseException:
        staging.abort()
        raise
    cache.save()
    return BuildResult.of(site, pages, written, start)


def environment_error(exc: OSError, out: Path) -> ContentError:
    """A failure of the disk (full, read-only, permissions) as an error naming the file."""
    where = exc.filename or str(out)
    return ContentError(str(where), 0, f"cannot be written or read ({exc.strerror or exc})",
                        f"check the disk has space and {out} and its parent folder are writable, then build again")


def bytecode_dir(cache: Cache) -> Path | None:
    """Where compiled templates are kept: inside the cache folder, when there is one."""
    if cache.folder is None:
        return None
    folder = cache.folder / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def theme_key(cache: Cache, preview: bool) -> str:
    """A hash of the templates, the catalogues, tathya's code and the preview switch."""
    return digest(cache.salt, tree_digest(TEMPLATES, LOCALES), str(preview))


def write_pages(site: Site, pages: list[Page], content: Path, out: Path, cache: Cache, preview: bool, jobs, progress,
                trusted: frozenset[str] = frozenset(), staging: Staging | None = None, theme: str | None = None,
                early: EarlyDraw | None = None) -> int:
    """Draw the pages whose inputs changed, keep the others, and swap the new site in.

    Pages named in `trusted` are known to be unaffected (the preview knows which
    files were saved) and are kept without looking at them; pages `early` drew
    while the checks were read are only counted.
    """
    sink: list[ContentError] = list(early.errors) if early else []
    catalogues = early.catalogues if early and early.catalogues else load_catalogues(LOCALES, site.config.languages, sink)
    if sink:
        raise BuildFailed(sink)
    theme = theme or theme_key(cache, preview)
    handled = early.handled if early else {}
    keys = page_keys(site, [p for p in pages if p.out_path not in trusted and p.out_path not in handled], theme, pages)
    stamps = cache.page_stamps(out)
    own_staging = staging is None
    staging = staging or Staging(out, content, ROOT, whole=not preview)
    try:
        todo = [p for p in pages if p.out_path in keys and not reusable(out, p.out_path, keys[p.out_path], stamps)]
        todo = with_whole_checks(todo, site, cache, preview)
        renderer = Renderer(TEMPLATES, catalogues, site, preview, bytecode_dir(cache), cache, theme)
        changed, errors, stamped = draw_pages(renderer, todo, staging, TEMPLATES, jobs, progress)
        if errors:
            raise BuildFailed(errors)
        changed += early.changed if early else []
        extra = extra_files(site)
        changed += [rel for rel, data in sorted(extra.items()) if staging.write(rel, data)]
        produced = {p.out_path for p in pages} | set(extra)
        staging.commit(produced, changed)
    except BaseException:
        if own_staging:
            staging.abort()
        raise
    for rel in set(stamps) - produced:
        del stamps[rel]
    keys.update(handled)
    stamped.update(early.stamped if early else {})
    for rel, (size, mtime) in stamped.items():  # a page kept without drawing has its stamp already
        stamps[rel] = (keys[rel], size, mtime)
    return len(changed)


def with_whole_checks(pages: list[Page], site: Site, cache: Cache, preview: bool) -> list[Page]:
    """The pages to draw, each with the whole of its check: the cache hands out light copies."""
    whole: dict[str, Check] = {}
    drawn = []
    for page in pages:
        check = page.context.get("check")
        if check is None or check.complete:
            drawn.append(page)
            continue
        if check.slug not in whole:
            whole[check.slug] = cache.full_check(check.key) or read_again(check, site, preview)
        context = dict(page.context, check=whole[check.slug])
        if "claim" in context:
            context["claim"] = next(c for c in context["check"].claims if c.id == context["claim"].id)
        drawn.append(replace(page, context=context))
    return drawn


def read_again(check: Check, site: Site, preview: bool) -> Check:
    """A check whose whole copy was lost from the cache, read again from the files its key was made from."""
    full, errors = load_alone(check.path.parent, site.config, preview)
    if errors or full is None:
        raise BuildFailed(errors)
    return replace(full, key=check.key)


def page_keys(site: Site, pages: list[Page], theme: str, every_page: list[Page]) -> dict[str, str]:
    """A key for each of `pages` that changes whenever anything the page shows can change."""
    base = page_base(theme, site)
    every_check = digest(base, *(c.key for c in site.checks))
    every_url = digest(base, "\0".join(p.url for p in every_page))  # alternates follow from the URLs
    keys = {}
    for p in pages:
        if "check" in p.context:      # a check page or a claim page: that check alone
            scope = p.context["check"].key
        elif "checks" in p.context:   # home pages and feeds list every check
            scope = every_check
        elif "pages" in p.context:    # the sitemap lists every page
            scope = every_url
        else:                         # entry, about, 404, robots.txt: the site settings alone
            scope = base
        keys[p.out_path] = page_key(base, scope, p.template)
    return keys


def extra_files(site: Site) -> dict[str, bytes]:
    """Files that are not drawn from templates: static assets, .nojekyll, CNAME, the logo."""
    files = read_static(STATIC)
    files[".nojekyll"] = b""
    if site.config.cname:
        files["CNAME"] = site.config.cname.encode("ascii") + b"\n"
    if site.config.publisher.logo_path:  # under assets/content/: a logo never replaces a file of the site
        files[site.config.publisher.logo_path] = site.config.publisher.logo_data
    return files
