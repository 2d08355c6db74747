"""The Jinja environment, its helpers, and drawing pages to text."""

from __future__ import annotations

import json
import posixpath
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from . import i18n
from .errors import ContentError
from .markdown import plain_text, render as render_md, render_inline
from .models import Check, Claim, Figure, Localized, Site, SiteConfig, Verdict
from .plan import Page, claim_url, check_url


# Pages load nothing from elsewhere and run only the site's own script files.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'")


def make_environment(templates: Path) -> jinja2.Environment:
    """The one Jinja environment: strict, autoescaping, with gettext switched per language."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )


def render_page(env: jinja2.Environment, catalogue: i18n.Catalogue, site: Site, page: Page, preview: bool = False) -> str:
    """A page's text in its language (raises Jinja's errors or MissingTranslation)."""
    env.install_gettext_callables(catalogue.gettext, catalogue.ngettext, newstyle=True)
    helpers = Helpers(site, page, preview, catalogue.gettext)
    context = dict(page.context, page=page, site=site, config=site.config, lang=page.lang, h=helpers, preview=preview, csp=CSP)
    return env.get_template(page.template).render(context)


def template_error(exc: Exception, templates: Path) -> ContentError:
    """A template or UI-string failure as a `path:line: problem` error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ContentError(str(templates / (exc.name or "?")), exc.lineno, f"template syntax error: {exc.message}", "fix the template")
    if isinstance(exc, i18n.MissingTranslation):
        return ContentError(str(exc).split(": ", 1)[0], 0, str(exc).split(": ", 1)[1], "")
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.startswith(str(templates))), None)
    path, line = (where.filename, where.lineno) if where else (str(templates), 0)
    return ContentError(path, line, f"template error: {exc}", "fix the template")


class Helpers:
    """What templates call: links, localised text, formatting. One per page."""

    def __init__(self, site: Site, page: Page, preview: bool, gettext):
        self.gettext = gettext
        self.site = site
        self.page = page
        self.lang = page.lang
        self.preview = preview

    # --- links -----------------------------------------------------------
    def rel(self, url: str) -> str:
        """A relative link from this page to a site URL; directory pages get index.html so file:// works."""
        target = url + "index.html" if url == "" or url.endswith("/") else url
        if self.page.out_path == "404.html":  # served at any depth: root-relative under the base path
            return urlsplit(self.site.config.base_url).path + (url if url.endswith("/") or url == "" else url)
        here = posixpath.dirname(self.page.out_path)
        return posixpath.relpath(target, here or ".")

    def absolute(self, url: str) -> str:
        """The canonical absolute URL of a site URL."""
        return self.site.config.base_url + url

    def asset(self, name: str) -> str:
        """A link to a static file under assets/."""
        return self.rel(f"assets/{name}")

    def check_url(self, check: Check, lang: str | None = None) -> str:
        return check_url(lang or self.lang, check)

    def claim_url(self, check: Check, claim: Claim, lang: str | None = None) -> str:
        return claim_url(lang or self.lang, check, claim.id)

    # --- text ------------------------------------------------------------
    def t(self, value: Localized | None) -> Markup:
        """Plain localised text, escaped, with a visible mark if the translation is pending."""
        if value is None:
            return Markup("")
        return escape(value[self.lang]) + self._pending(value)

    def md(self, value: Localized | None, inline: bool = False) -> Markup:
        """Localised Markdown, rendered and sanitised: the one place HTML is trusted."""
        if value is None:
            return Markup("")
        html = render_inline(value[self.lang]) if inline else render_md(value[self.lang])
        return Markup(html) + self._pending(value)

    def html(self, rendered: str) -> Markup:
        """Article HTML that load already rendered and sanitised."""
        return Markup(rendered)

    def _pending(self, value: Localized) -> Markup:
        if self.lang not in value.pending:
            return Markup("")
        return Markup(' <span class="pending">[%s]</span>') % self.gettext("translation pending")

    def lang_name(self, lang: str) -> str:
        """A language's name in itself, e.g. हिन्दी, English."""
        return i18n.locale_of(lang).get_display_name(i18n.locale_of(lang)) or lang

    def date(self, value) -> str:
        return i18n.format_date(value, self.lang)

    def iso(self, value) -> str:
        return value.isoformat()

    def number(self, value) -> str:
        return i18n.format_number(value, self.lang)

    def json_ld(self, data: Any) -> Markup:
        """JSON for a <script type="application/ld+json"> block that cannot close the tag."""
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

    def render(self, text: str) -> str:
        """Markdown source to sanitised HTML (escaped again where a template puts it)."""
        return render_md(text)

    def render_inline(self, text: str) -> str:
        return render_inline(text)

    def plain(self, value: Localized) -> str:
        """Localised Markdown as one line of plain text, for meta tags."""
        return " ".join(plain_text(render_md(value[self.lang])).split())

    def feed_time(self, value) -> str:
        """An Atom timestamp for a date (midnight UTC: no wall clock in the output)."""
        return f"{value.isoformat()}T00:00:00Z"

    def og_locale(self, lang: str) -> str:
        """Open Graph's locale form, e.g. hi_IN, en_US."""
        loc = i18n.locale_of(lang)
        territory = loc.territory or {"hi": "IN", "en": "US"}.get(loc.language, "")
        return f"{loc.language}_{territory}" if territory else loc.language

    def verdict_tone(self, verdict: Verdict) -> str:
        """The icon and colour family of a verdict, from its rating."""
        return tone(verdict, self.site.config.verdicts)

    def amount(self, value, unit: str) -> str:
        """A figure with its unit; US dollars read the way each language writes them."""
        number = self.number(value)
        if unit.upper() in ("USD", "US$", "$"):
            return self.gettext("$%(amount)s") % {"amount": number}
        return f"{number} {unit}"

    def share_links(self, url: str, text: str) -> dict[str, str]:
        """Share links that need no script."""
        q = lambda s: quote(s, safe="")  # noqa: E731
        return {
            "whatsapp": f"https://wa.me/?text={q(text + ' ' + url)}",
            "x": f"https://twitter.com/intent/tweet?url={q(url)}&text={q(text)}",
            "facebook": f"https://www.facebook.com/sharer/sharer.php?u={q(url)}",
            "email": f"mailto:?subject={q(text)}&body={q(url)}",
        }

    def claim_reviews(self, check: Check) -> list[dict]:
        """ClaimReview JSON-LD for every claim of a check."""
        return [self.claim_review(check, claim) for claim in check.claims]

    def claim_review(self, check: Check, claim: Claim) -> dict:
        """ClaimReview JSON-LD for one claim, after schema.org and Google's fact-check markup."""
        return claim_review(self.site, check, claim, self.lang)

    def bars(self, figures: tuple[Figure, ...]) -> list[dict]:
        """Chart rows: label, formatted value and bar length in percent of the largest."""
        top = max(abs(f.value) for f in figures) or 1
        return [{"label": f.label, "value": f.value, "unit": f.unit, "percent": round(100 * abs(f.value) / top, 2)} for f in figures]


def tone(verdict: Verdict, scale: tuple[Verdict, ...]) -> str:
    """Which of the five icons a verdict gets: by id on the default scale, else by rating."""
    if verdict.id in ("true", "mostly-true", "misleading", "false", "unverified"):
        return verdict.id
    ratings = sorted({v.rating for v in scale})
    if verdict.rating <= 0:
        return "unverified"
    rank = (verdict.rating - ratings[0]) / ((ratings[-1] - ratings[0]) or 1)
    return "true" if rank >= 0.99 else "mostly-true" if rank >= 0.6 else "misleading" if rank >= 0.25 else "false"


def claim_review(site: Site, check: Check, claim: Claim, lang: str) -> dict:
    """One schema.org ClaimReview object."""
    config: SiteConfig = site.config
    ratings = [v.rating for v in config.verdicts]
    rating = {"@type": "Rating", "bestRating": max(ratings), "worstRating": 1, "alternateName": claim.verdict.label[lang]}
    if claim.verdict.rating >= 1:
        rating["ratingValue"] = claim.verdict.rating
    appearance = {"@type": "CreativeWork", "headline": check.source.title, "datePublished": check.source.date.isoformat(),
                  "author": {"@type": "Organization", "name": check.source.publisher}}
    if check.source.url:
        appearance["url"] = check.source.url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": config.base_url + claim_url(lang, check, claim.id),
        "inLanguage": lang,
        "claimReviewed": claim.claim[lang],
        "datePublished": check.published.isoformat(),
        **({"dateModified": check.last_changed.isoformat()} if check.last_changed != check.published else {}),
        "author": {"@type": "Organization", "name": config.publisher.name[lang], "url": config.publisher.url},
        "reviewRating": rating,
        "itemReviewed": {"@type": "Claim", "datePublished": check.source.date.isoformat(),
                         "author": {"@type": "Organization", "name": check.source.publisher},
                         "appearance": appearance},
    }
