"""Pages to text through Jinja: one fresh environment per language and build (filters in filters.py)."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from . import i18n
from .errors import ContentError
from .filters import Filters
from .models import Site
from .plan import Page

# Pages load nothing from elsewhere and run only the site's own script files.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'")
TEMPLATE_FILES = (".html", ".xml", ".txt")


class SiteView:
    """The site as templates see it (`site`), noting whether a page read the list of every check."""

    def __init__(self, site: Site):
        self._site = site
        self.read_checks = False

    @property
    def checks(self):
        """Every check, whole, newest first."""
        self.read_checks = True
        return self._site.checks

    @property
    def about(self):
        """The about pages by language."""
        return self._site.about

    @property
    def config(self):
        return self._site.config


class Renderer:
    """Draws the pages of one build: a fresh Jinja environment per language, so nothing outlives the build."""

    def __init__(self, templates: Path, catalogues: dict[str, i18n.Catalogue], site: Site, preview: bool = False,
                 bytecode=None):
        """`bytecode(lang)`, when given, is where each language's compiled templates are kept."""
        self.templates = templates
        self.site = SiteView(site)
        self.filters: dict[str, Filters] = {}
        self.envs: dict[str, jinja2.Environment] = {}
        for lang, catalogue in catalogues.items():
            filters = self.filters[lang] = Filters(lang, site.config, catalogue)
            env = self.envs[lang] = make_environment(templates, bytecode(lang) if bytecode else None)
            env.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=False)
            env.filters.update(filters.filters())
            env.globals.update(filters.functions(), config=site.config, site=self.site, lang=lang, preview=preview, csp=CSP)
            env.globals["_"] = catalogue.gettext  # `_` itself: the i18n extension's `_` calls gettext through a second call

    def compile_all(self) -> None:
        """Compile every template now (before forking, so that the workers share the work); errors wait for the page."""
        for env in self.envs.values():
            for name in env.list_templates(filter_func=lambda n: n.endswith(TEMPLATE_FILES)):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass

    def render(self, page: Page) -> tuple[str, bool]:
        """A page's text, and whether drawing it read the list of every check (raises Jinja's errors or MissingTranslation)."""
        self.filters[page.lang].page = page
        self.site.read_checks = False
        text = self.envs[page.lang].get_template(page.template).render(page.context, page=page)
        return text, self.site.read_checks


def make_environment(templates: Path, bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A strict, autoescaping Jinja environment with the i18n extension."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True, bytecode_cache=bytecode, auto_reload=False,  # a fresh environment per build
    )


def template_error(exc: Exception, templates: Path) -> ContentError:
    """A template or UI-string failure as a `path:line: problem` error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ContentError(str(templates / (exc.name or "?")), exc.lineno, f"template syntax error: {exc.message}", "fix the template")
    if isinstance(exc, i18n.MissingTranslation):
        path, problem = str(exc).split(": ", 1)
        return ContentError(path, 0, problem, "")
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.startswith(str(templates))), None)
    path, line = (where.filename, where.lineno) if where else (str(templates), 0)
    return ContentError(path, line, f"template error: {exc}", "fix the template")

