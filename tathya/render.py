"""The Jinja environments and drawing pages to text (the helpers templates call are in helpers.py)."""

from __future__ import annotations

import traceback
from pathlib import Path
from types import BuiltinMethodType, MethodType

import jinja2
import markupsafe

from . import i18n, seo
from .cache import Cache, digest, tree_digest
from .errors import ContentError
from .helpers import ROOT_MARK, Helpers
from .models import Site
from .plan import Page

# Pages load nothing from elsewhere and run only the site's own script files.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'")


class HelperContext(jinja2.runtime.Context):
    """Jinja's context, calling the helpers' methods (and built-in methods) straight away.

    On every call from a template, Jinja asks the callable whether it wants the
    context passed in: three attribute lookups, which fail for the helpers and
    cost more than many helpers take to run. A page makes some hundred such calls.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own spelling, so that no keyword can clash)
        # Built-in methods (a dict's items(), say) cannot carry Jinja's marker either.
        if type(__obj) is BuiltinMethodType or (type(__obj) is MethodType and type(__obj.__self__) is Helpers):
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Jinja does: it must not end the template's generator
                return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_escape_inner = getattr(markupsafe, "_escape_inner", None)  # MarkupSafe 3's C escaping, which escape() wraps


def escape_output(value) -> str:
    """markupsafe.escape() for what a template prints, as the str Jinja joins rather than a Markup.

    Jinja passes every printed value through escape() and joins the results at
    once; building a Markup for each (some 2,000 a check) cost more than the escaping.
    """
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class Template(jinja2.Template):
    """A compiled template whose printed values are escaped by escape_output()."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if _escape_inner is not None:  # the name the compiled code prints through (see Jinja's CodeGenerator)
            namespace["escape"] = escape_output
        return super()._from_namespace(environment, namespace, globals)


class Environment(jinja2.Environment):
    """Jinja's environment, with tathya's context and template class, and without a per-template layer of globals."""

    context_class = HelperContext
    template_class = Template

    def make_globals(self, d):
        """The environment's globals themselves, when a template brings none of its own.

        Jinja lays an empty dict over them (a ChainMap) for every template, and
        copies the whole chain into each page's context: 20 us a page. No
        template here has globals of its own, and none are ever set through one.
        """
        return self.globals if not d else super().make_globals(d)


def make_environment(templates: Path, bytecode: Path | None = None) -> jinja2.Environment:
    """A strict, autoescaping Jinja environment; compiled templates kept in `bytecode` if given."""
    return Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True, cache_size=-1, auto_reload=False,  # environment() drops edited templates
        bytecode_cache=QuietBytecodeCache(str(bytecode)) if bytecode else None,
    )


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk; a folder that vanished or cannot be written only costs speed."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable, truncated or damaged: the template is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


# One environment per templates folder and language, kept for the life of the process so
# that a rebuild (the preview's, or the next test's) does not compile the templates again.
# Jinja caches imported partials with the globals they first saw, so every global is
# stable: `h` and gettext are the same objects for good, and each build rebinds `h`.
_ENVIRONMENTS: dict[tuple[str, str, str], jinja2.Environment] = {}
_VERSIONS: dict[tuple[str, str, str], str] = {}


def environment(templates: Path, lang: str, bytecode: Path | None = None, version: str = "") -> jinja2.Environment:
    """The lasting environment of one language, its compiled templates dropped when `version` changes.

    `version` is a hash of the templates folder: checking it once per build costs
    less than Jinja's auto_reload, which looks at each template's file on every use.
    """
    key = (str(templates), lang, str(bytecode))
    if _VERSIONS.get(key) != version and key in _ENVIRONMENTS:
        _ENVIRONMENTS[key].cache.clear()
    _VERSIONS[key] = version
    if key not in _ENVIRONMENTS:
        env = make_environment(templates, bytecode)
        h = Helpers(env, lang)
        env.install_gettext_callables(h.translate, h.translate_plural, newstyle=False)
        # `_` straight to the helper: the i18n extension's own `_` passes through a second call.
        env.globals.update(h=h, lang=lang, csp=CSP, _=h.translate)
        _ENVIRONMENTS[key] = env
    return _ENVIRONMENTS[key]


class Renderer:
    """Draws the pages of one site; fragments shared by pages are drawn once per language."""

    def __init__(self, templates: Path, catalogues: dict[str, i18n.Catalogue], site: Site, preview: bool = False,
                 bytecode: Path | None = None, fragments: Cache | None = None, theme: str = ""):
        self.site = site
        self.envs = {}
        version = theme or tree_digest(templates)
        for lang, catalogue in catalogues.items():
            env = environment(templates, lang, bytecode, version)
            env.globals["h"].bind(site, preview, catalogue, fragments, digest(theme, site.key, lang, str(preview)))
            env.globals.update(site=site, config=site.config, preview=preview)
            self.envs[lang] = env
        # 404.html links from the site's root; the prefix is put into href attributes after autoescaping, so it is escaped here.
        self.base_path = str(markupsafe.escape(seo.site_path(site.config.base_url)))

    def forget(self) -> None:
        """Drop fragments remembered for pages already drawn (a new run of checks starts)."""
        for env in self.envs.values():
            env.globals["h"].memo.clear()

    def list_entries(self, check) -> dict[tuple, str]:
        """A check's entries in the lists of every check, in every language, drawn now (see Helpers.list_entries)."""
        return {key: html for env in self.envs.values() for key, html in env.globals["h"].list_entries(check).items()}

    def warm(self) -> None:
        """Compile every template now, so that forked workers share the work.

        A template that does not compile is left: drawing a page with it reports the error.
        """
        for env in self.envs.values():
            for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".xml", ".txt"))):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass

    def page(self, page: Page) -> str:
        """A page's text in its language (raises Jinja's errors or MissingTranslation)."""
        text = self.envs[page.lang].get_template(page.template).render(page.context, page=page)
        # 404.html is served at any depth, so its links start from the site's base path.
        prefix = self.base_path if page.out_path == "404.html" else "../" * page.out_path.count("/")
        return text.replace(ROOT_MARK, prefix)


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
