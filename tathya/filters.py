"""The filters and functions templates use, for one language of one build (docs/templates.md lists them)."""

from __future__ import annotations

from collections.abc import Mapping

import jinja2
from babel.lists import format_list
from markupsafe import Markup, escape

from . import i18n, seo
from .markdown import plain_text, render, render_inline
from .models import Check, Claim, Figure, Localized, SiteConfig, Topic, Verdict
from .plan import Page, check_url, claim_url, list_url, topic_root, verdict_root

DEFAULT_TONES = ("true", "mostly-true", "misleading", "false", "unverified")


def tone_of(verdict: Verdict, scale: tuple[Verdict, ...]) -> str:
    """A verdict's tone (icon and colour): its id on the default scale, else its place on the scale's ratings."""
    if verdict.id in DEFAULT_TONES:
        return verdict.id
    ratings = sorted({v.rating for v in scale})
    if verdict.rating <= 0:
        return "unverified"
    rank = (verdict.rating - ratings[0]) / ((ratings[-1] - ratings[0]) or 1)
    return "true" if rank >= 0.99 else "mostly-true" if rank >= 0.6 else "misleading" if rank >= 0.25 else "false"


def verdict_counts(check: Check, scale: tuple[Verdict, ...]) -> list[tuple[Verdict, int]]:
    """How many of a check's claims got each verdict of the scale, in scale order, without the zeros."""
    counts: dict[str, int] = {}
    for claim in check.claims:
        counts[claim.verdict.id] = counts.get(claim.verdict.id, 0) + 1
    return [(v, counts[v.id]) for v in scale if v.id in counts]


class Filters:
    """What templates call, bound to one language, the site settings and the page being drawn."""

    def __init__(self, lang: str, config: SiteConfig, catalogue: i18n.Catalogue):
        self.lang, self.config, self.catalogue = lang, config, catalogue
        self.base_url = seo.safe_url(config.base_url)
        self.page: Page | None = None  # set by the renderer before it draws each page
        self.reviews: dict[tuple[str, str], dict] = {}  # a claim's ClaimReview, made once in this build

    def filters(self) -> dict:
        return {"t": self.text, "md": self.markdown, "plain": self.plain, "date": self.date, "number": self.number,
                "amount": self.amount, "names": self.names, "lang_name": i18n.language_name, "og_locale": seo.og_locale, "tone": self.tone,
                "rel": self.rel, "absolute": self.absolute, "outbound": seo.outbound}

    def functions(self) -> dict:
        return {"check_url": self.check_url, "claim_url": self.claim_url, "topic_url": self.topic_url,
                "verdict_url": self.verdict_url, "verdict_counts": self.verdict_counts, "bars": bars,
                "share_links": seo.share_links, "json_ld": self.json_ld}

    # --- links ---------------------------------------------------------------
    @jinja2.pass_context  # the link depends on the page drawn: Jinja must not work it out once, when it compiles
    def rel(self, context, url: str) -> str:
        """A site URL ("hi/", "assets/x.css") as a link from the page being drawn: works under any sub-path and from file://."""
        if url == "" or url.endswith("/"):
            url += "index.html"
        if self.page.out_path == "404.html":  # served at any depth: from the site's root
            return seo.site_path(self.config.base_url) + url
        return "../" * self.page.out_path.count("/") + url

    def absolute(self, url: str) -> str:
        """A site URL as an absolute one under base_url (for canonical links, feeds and sharing)."""
        return self.base_url + url

    def check_url(self, check: Check, lang: str | None = None) -> str:
        """The site URL of a check's page, in this language or `lang`."""
        return check_url(lang or self.lang, check)

    def claim_url(self, check: Check, claim: Claim, lang: str | None = None) -> str:
        """The site URL of a claim's page, in this language or `lang`."""
        return claim_url(lang or self.lang, check, claim.id)

    def topic_url(self, topic: Topic) -> str:
        """The site URL of a topic's list of checks (its first page)."""
        return list_url(self.lang, 1, topic_root(topic.id))

    def verdict_url(self, verdict: Verdict) -> str:
        """The site URL of the list of every claim with this verdict (its first page)."""
        return list_url(self.lang, 1, verdict_root(verdict.id))

    # --- text ----------------------------------------------------------------
    def text(self, value: Localized | str | None) -> Markup:
        """Localised text in this language, escaped, marked when its translation is pending."""
        if value is None:
            return Markup("")
        return self._in_own_language(value, escape(self._local(value))) + self._pending(value)

    def markdown(self, value: Localized | str | None, inline: bool = False) -> Markup:
        """Localised Markdown (or a Markdown string) as sanitised HTML; `inline` without the paragraph around it."""
        if value is None:
            return Markup("")
        text = self._local(value)
        html = Markup(render_inline(text) if inline else render(text))
        return self._in_own_language(value, html, "span" if inline else "div") + self._pending(value)

    def plain(self, value: Localized | str) -> str:
        """Localised Markdown as one line of plain text (for meta tags and share text)."""
        return " ".join(plain_text(render(self._local(value))).split())

    def _local(self, value: Localized | Mapping | str) -> str:
        """A text in this language: of a Localized, or of an `extra` mapping keyed by language ({hi: ..., en: ...})."""
        if isinstance(value, Localized) or (isinstance(value, Mapping) and self.lang in value):
            return value[self.lang]
        return value

    def _in_own_language(self, value, html: Markup, tag: str = "span") -> Markup:
        """A stand-in text (preview only) inside an element saying which language it is in."""
        if not isinstance(value, Localized) or self.lang not in value.pending:
            return html
        lang = next((code for code, _ in value.text if code not in value.pending), self.lang)
        return Markup('<%s lang="%s">%s</%s>') % (tag, lang, html, tag)

    def _pending(self, value) -> Markup:
        if not isinstance(value, Localized) or self.lang not in value.pending:
            return Markup("")
        return Markup(' <span class="pending">[%s]</span>') % self.catalogue.gettext("translation pending")

    # --- formatting ----------------------------------------------------------
    def date(self, value) -> str:
        """A date in this language's long form: 15 अप्रैल 2025, April 15, 2025."""
        return i18n.format_date(value, self.lang)

    def number(self, value) -> str:
        """A number with this language's grouping; large ones in words (55.76 लाख)."""
        return i18n.format_number(value, self.lang)

    def names(self, values) -> str:
        """Names joined as this language joins a list: A, B और C; A, B, and C."""
        return format_list(list(values), locale=i18n.locale_of(self.lang))

    def amount(self, value, unit: str) -> str:
        """A figure with its unit; US dollars read the way each language writes them."""
        if unit.upper() in ("USD", "US$", "$"):
            return self.catalogue.gettext("$%(amount)s") % {"amount": self.number(value)}
        return f"{self.number(value)} {unit}"

    def tone(self, verdict: Verdict) -> str:
        """Which of the five icons and colours a verdict gets: by id on the default scale, else by rating."""
        return tone_of(verdict, self.config.verdicts)

    def verdict_counts(self, check: Check) -> list[tuple[Verdict, int]]:
        """How many of a check's claims got each verdict, in scale order, without the zeros."""
        return verdict_counts(check, self.config.verdicts)

    def json_ld(self, check: Check, claim: Claim | None = None) -> Markup:
        """ClaimReview JSON-LD for one claim, or a list of every claim's when none is given, for a script block."""
        if claim is not None:
            return seo.json_ld(self.review(check, claim))
        return seo.json_ld([self.review(check, c) for c in check.claims])

    def review(self, check: Check, claim: Claim) -> dict:
        key = (check.slug, claim.id)
        if key not in self.reviews:
            self.reviews[key] = seo.claim_review(self.config, check, claim, self.lang)
        return self.reviews[key]


def bars(figures: tuple[Figure, ...]) -> list[dict]:
    """Chart rows: label, value, unit and bar length in percent of the largest."""
    top = max(abs(f.value) for f in figures) or 1
    return [{"label": f.label, "value": f.value, "unit": f.unit, "percent": round(100 * abs(f.value) / top, 2)} for f in figures]
