"""build(): load -> plan -> render -> write, and nothing else."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import BuildFailed, ContentError
from .i18n import MissingTranslation, load_catalogues
from .load import load_site
from .models import Site
from .plan import plan_pages
from .render import Renderer, template_error
from .write import read_static, write_site

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

    def summary(self, out: Path) -> str:
        """The one line a build ends with."""
        claims = sum(len(c.claims) for c in self.site.checks)
        langs = len(self.site.config.languages)
        return (f"built {self.pages} pages ({self.written} written) into {out}: {len(self.site.checks)} checks, "
                f"{claims} claims, {langs} languages in {self.milliseconds} ms")


def build(content: Path, out: Path, *, base_url: str | None = None, preview: bool = False) -> BuildResult:
    """Build a content tree into `out`; on any error raise BuildFailed and leave `out` untouched."""
    start = time.perf_counter()
    site = load_site(content, preview=preview, base_url=base_url)
    files = render_site(site, content, preview)
    written = write_site(files, out)
    pages = sum(1 for name in files if name.endswith((".html", ".xml")))
    return BuildResult(site, pages, written, round((time.perf_counter() - start) * 1000))


def render_site(site: Site, content: Path, preview: bool = False) -> dict[str, bytes]:
    """Every output file's bytes, keyed by its path under site/."""
    sink: list[ContentError] = []
    catalogues = load_catalogues(LOCALES, site.config.languages, sink)
    if sink:
        raise BuildFailed(sink)
    renderer = Renderer(TEMPLATES, catalogues, site, preview)
    files: dict[str, bytes] = {}
    for page in plan_pages(site):
        try:
            files[page.out_path] = renderer.page(page).encode("utf-8")
        except (jinja2.TemplateError, MissingTranslation) as exc:
            sink.append(template_error(exc, TEMPLATES))
    if sink:
        raise BuildFailed(sink)
    files.update(read_static(STATIC))
    files[".nojekyll"] = b""
    if site.config.cname:
        files["CNAME"] = site.config.cname.encode("ascii") + b"\n"
    if site.config.publisher.logo:
        files[site.config.publisher.logo] = (content / site.config.publisher.logo).read_bytes()
    return files
