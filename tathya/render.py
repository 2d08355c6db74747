"""Pages to text through Jinja: one fresh environment per language and build (filters in filters.py)."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from . import i18n
from .errors import ContentError
from .filters import Filters
from .models import Site
from .plan import Page

# Pages load nothing from elsewhere and run only the site's own script files; the header's search form
# goes to the site's own search page.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'")
# The search page also compiles Pagefind's WebAssembly (its script files are the site's own, under pagefind/).
SEARCH_CSP = CSP.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")
TEMPLATE_FILES = (".html", ".xml", ".txt")


class Renderer:
    """Draws the pages of one build: a fresh Jinja environment per language, so nothing outlives the build."""

    def __init__(self, templates: Path, catalogues: dict[str, i18n.Catalogue], site: Site, preview: bool = False,
                 bytecode=None):
        """`bytecode(lang)`, when given, is where each language's compiled templates are kept."""
        self.templates = templates
        self.filters: dict[str, Filters] = {}
        self.envs: dict[str, jinja2.Environment] = {}
        for lang, catalogue in catalogues.items():
            filters = self.filters[lang] = Filters(lang, site.config, catalogue)
            env = self.envs[lang] = make_environment(templates, bytecode(lang) if bytecode else None)
            env.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=False,
                                          pgettext=catalogue.pgettext, npgettext=catalogue.npgettext)
            env.filters.update(filters.filters())
            env.globals.update(filters.functions(), config=site.config, site=site, lang=lang, preview=preview, csp=CSP,
                               search_csp=SEARCH_CSP)
            env.globals["_"] = catalogue.gettext  # `_` itself: the i18n extension's `_` calls gettext through a second call

    def compile_all(self) -> None:
        """Compile every template now (before forking, so that the workers share the work); errors wait for the page."""
        for env in self.envs.values():
            for name in env.list_templates(filter_func=lambda n: n.endswith(TEMPLATE_FILES)):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass

    def render(self, page: Page) -> str:
        """A page's text (raises what its templates raise: Jinja's errors, MissingTranslation, any other)."""
        self.filters[page.lang].page = page
        return self.envs[page.lang].get_template(page.template).render(page.context, page=page)

    def checks_readers(self) -> frozenset[str]:
        """The templates that may read site.checks, found in their source (so a page drawn from one depends on every check).

        A template may read them when it uses `site` other than as `site.about` or
        `site.config`, or extends, includes or imports one that may (or a template
        it names only at run time, when any may). One that cannot be parsed counts too.
        """
        env = next(iter(self.envs.values()))
        names = env.list_templates(filter_func=lambda n: n.endswith(TEMPLATE_FILES))
        readers, uses = set(), {}
        for name in names:
            try:
                tree = env.parse(env.loader.get_source(env, name)[0], name)
            except jinja2.TemplateError:
                readers.add(name)
                continue
            if reads_site(tree):
                readers.add(name)
            uses[name] = list(meta.find_referenced_templates(tree))
        while True:
            more = {name for name, used in uses.items() if name not in readers
                    and any(u in readers or (u is None and readers) for u in used)}
            if not more:
                return frozenset(readers)
            readers |= more


def reads_site(tree: nodes.Template) -> bool:
    """Whether a template uses the name `site` for anything but `site.about` and `site.config`."""
    harmless = {id(node.node) for node in tree.find_all(nodes.Getattr)
                if isinstance(node.node, nodes.Name) and node.attr in ("about", "config")}
    return any(node.name == "site" and id(node) not in harmless for node in tree.find_all(nodes.Name))


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
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.startswith(str(templates))), None)
    path, line = (where.filename, where.lineno) if where else (str(templates), 0)
    if isinstance(exc, i18n.MissingTranslation):  # reported at the catalogue, with the template line that asked
        used = f" (used at {path}:{line})" if where and not exc.line else ""
        return ContentError(exc.path, exc.line, exc.problem + used, exc.fix)
    return ContentError(path, line, f"template error: {str(exc).rstrip('.')}", "fix the template")

