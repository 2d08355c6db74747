"""What templates call, for one language: links, localised text, formatting, pieces drawn once."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from . import i18n, seo
from .cache import Cache
from .markdown import plain_text, render as render_md, render_inline
from .models import Check, Claim, Figure, Localized, Site, Verdict
from .plan import check_url, claim_url

# Links are written from the site root behind this marker, then made relative per page,
# so a rendered fragment (a claim card) reads the same on every page and is drawn once.
ROOT_MARK = "\x00/"
SLOT_RE = re.compile("\x00slot:([^\x00]*)\x00")  # a stand-in of Helpers._stamp, around its slot's name
# The entries of the lists of every check that the shipped templates ask h.check_fragment() for.
LIST_ENTRIES = ("_partials/check_item.html", "_partials/feed_entry.xml")
DEFAULT_TONES = ("true", "mostly-true", "misleading", "false", "unverified")


@lru_cache(maxsize=4096)
def plain_line(text: str) -> str:
    """Markdown as one line of plain text (a claim page asks twice: description and share text)."""
    return " ".join(plain_text(render_md(text)).split())


class Helpers:
    """What templates call, for one language: links, localised text, formatting."""

    def __init__(self, env: jinja2.Environment, lang: str):
        self.env = env
        self.lang = lang
        self.memo: dict = {}

    def bind(self, site: Site, preview: bool, catalogue: i18n.Catalogue, fragments: Cache | None = None, key: str = "") -> None:
        """Serve one build: its site, mode and UI strings, with nothing remembered from the last."""
        self.fragments = fragments
        self.fragment_key = key
        self.site = site
        self.config = site.config
        self.base_url = seo.safe_url(site.config.base_url)
        self.preview = preview
        self.gettext = catalogue.gettext
        self.ngettext = catalogue.ngettext
        self.memo = {}

    def translate(self, message: str) -> str:
        """A UI string in this language: the templates' _() and gettext()."""
        return self.gettext(message)

    def translate_plural(self, singular: str, plural: str, n: int) -> str:
        """The templates' ngettext()."""
        return self.ngettext(singular, plural, n)

    def _once(self, key, make):
        """A value computed once per build and language."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    # --- links -----------------------------------------------------------
    def rel(self, url: str) -> str:
        """A link to a site URL that works under any sub-path and from file:// (index.html spelled out)."""
        return ROOT_MARK + (url + "index.html" if url == "" or url.endswith("/") else url)

    def absolute(self, url: str) -> str:
        """The canonical absolute URL of a site URL (base_url percent-encoded: robots.txt is not escaped)."""
        return self.base_url + url

    def outbound(self, url: str) -> str:
        """A link to another site from the content or settings: http(s) only, percent-encoded where needed."""
        return seo.outbound(url)

    def asset(self, name: str) -> str:
        """A link to a static file under assets/."""
        return ROOT_MARK + "assets/" + name

    def check_url(self, check: Check, lang: str | None = None) -> str:
        return check_url(lang or self.lang, check)

    def claim_url(self, check: Check, claim: Claim, lang: str | None = None) -> str:
        return claim_url(lang or self.lang, check, claim.id)

    # --- text ------------------------------------------------------------
    def t(self, value: Localized | None) -> Markup:
        """Plain localised text, escaped, with a visible mark if the translation is pending."""
        if value is None:
            return Markup("")
        text = escape(value[self.lang])
        return text + self._pending(value) if value.pending else text

    def md(self, value: Localized | None, inline: bool = False) -> Markup:
        """Localised Markdown, rendered and sanitised: the one place HTML is trusted."""
        if value is None:
            return Markup("")
        html = Markup(render_inline(value[self.lang]) if inline else render_md(value[self.lang]))
        return html + self._pending(value) if value.pending else html

    def summary(self, check: Check) -> Markup:
        """A check's finding, rendered when it was loaded."""
        html = Markup(check.summary_html[self.lang])
        return html + self._pending(check.summary) if check.summary.pending else html

    def html(self, rendered: str) -> Markup:
        """HTML that the Markdown renderer already sanitised."""
        return Markup(rendered)

    def _pending(self, value: Localized) -> Markup:
        if self.lang not in value.pending:
            return Markup("")
        return Markup(' <span class="pending">[%s]</span>') % self.gettext("translation pending")

    def render(self, text: str) -> str:
        """Markdown source to sanitised HTML (escaped again where a template puts it in XML)."""
        return render_md(text)

    def render_inline(self, text: str) -> str:
        return render_inline(text)

    def plain(self, value: Localized) -> str:
        """Localised Markdown as one line of plain text, for meta tags."""
        return plain_line(value[self.lang])

    # --- formatting ------------------------------------------------------
    def lang_name(self, lang: str) -> str:
        """A language's name in itself, e.g. हिन्दी, English."""
        return i18n.language_name(lang)

    def date(self, value) -> str:
        return i18n.format_date(value, self.lang)

    def iso(self, value) -> str:
        return value.isoformat()

    def feed_time(self, value) -> str:
        """An Atom timestamp for a date (midnight UTC: no wall clock in the output)."""
        return f"{value.isoformat()}T00:00:00Z"

    def last_changed(self, checks) -> datetime.date:
        """When the newest change to any of the checks was made (a feed's <updated>)."""
        return max(check.last_changed for check in checks)

    def number(self, value) -> str:
        return i18n.format_number(value, self.lang)

    def amount(self, value, unit: str) -> str:
        """A figure with its unit; US dollars read the way each language writes them."""
        if unit.upper() in ("USD", "US$", "$"):
            return self.gettext("$%(amount)s") % {"amount": self.number(value)}
        return f"{self.number(value)} {unit}"

    def bars(self, figures: tuple[Figure, ...]) -> list[dict]:
        """Chart rows: label, value and bar length in percent of the largest."""
        top = max(abs(f.value) for f in figures) or 1
        return [{"label": f.label, "value": f.value, "unit": f.unit, "percent": round(100 * abs(f.value) / top, 2)} for f in figures]

    def tally(self, check: Check) -> list[tuple[Verdict, int]]:
        """How many of a check's claims got each verdict, in scale order, without the zeros."""
        counts: dict[str, int] = {}
        for claim in check.claims:
            counts[claim.verdict.id] = counts.get(claim.verdict.id, 0) + 1
        return [(v, counts[v.id]) for v in self.config.verdicts if v.id in counts]

    def verdict_tone(self, verdict: Verdict) -> str:
        """Which of the five icons and colours a verdict gets: by id on the default scale, else by rating."""
        if verdict.id in DEFAULT_TONES:
            return verdict.id
        ratings = sorted({v.rating for v in self.site.config.verdicts})
        if verdict.rating <= 0:
            return "unverified"
        rank = (verdict.rating - ratings[0]) / ((ratings[-1] - ratings[0]) or 1)
        return "true" if rank >= 0.99 else "mostly-true" if rank >= 0.6 else "misleading" if rank >= 0.25 else "false"

    # --- shared pieces, drawn once ------------------------------------------
    def chrome(self, name: str) -> Markup:
        """A piece of the page frame that is the same on every page of this language."""
        return self._once(("chrome", name), lambda: Markup(self.env.get_template(f"_partials/{name}.html").render().rstrip("\n")))

    def card(self, check: Check, claim: Claim, passage_href: str, heading: str = "h3") -> Markup:
        """A claim card (the claim_card macro), drawn once per claim and language.

        The check page and the claim page show the same card but for the heading's
        tag and the link back to the quoted passage, so the macro is called once with
        stand-ins for those two, and each page fills in its own.
        """
        return self._stamp(("card", check.slug, claim.id), {"heading": heading, "href": passage_href},
                           lambda marks: self.macro("_partials/claim_card.html", "claim_card")(
                               check, claim, marks["href"], heading=marks["heading"]))

    def lang_switch(self, page) -> Markup:
        """The list of a page's languages (the lang_switch macro), drawn once per language; each page fills in its links."""
        hrefs = {other: self.rel(page.alternates.get(other, other + "/")) for other in self.config.languages if other != self.lang}
        return self._stamp(("lang_switch",), hrefs, lambda marks: self.macro("_partials/lang_switch.html", "lang_switch")(marks))

    def macro(self, template: str, name: str):
        """A macro of a partial, imported once per language: `{% set m = h.macro(...) %}` in place of
        `{% from ... import m %}`, which Jinja redoes (at some 30 us) on every page it draws."""
        return getattr(self.env.get_template(template).module, name)

    def _stamp(self, key, slots: dict[str, str], draw) -> Markup:
        """A piece drawn once per build and key, with a stand-in for each slot that every use fills in.

        draw(marks) gets the stand-ins by slot name; they must only be printed, as
        {{ }} prints text: each use puts its escaped value where the stand-in was.
        """
        parts = self._once(key, lambda: SLOT_RE.split(str(draw({name: f"\x00slot:{name}\x00" for name in slots}))))
        # parts alternate: text, slot name, text, slot name, ..., text; joined once per use
        return Markup("".join([part if i % 2 == 0 else escape(slots[part]) for i, part in enumerate(parts)]))

    def check_fragment(self, template: str, check: Check) -> Markup:
        """A check's entry in a list of every check, kept between builds while the check is unchanged.

        The entries named in LIST_ENTRIES are drawn ahead, by the worker that reads
        the check, when a build reads checks on several cores (draw.EarlyDraw).
        """
        def draw() -> str:
            return self.env.get_template(template).render(check=check)
        key = self._fragment_key(template, check)
        return Markup(draw() if key is None else self.fragments.fragment(key, draw))

    def _fragment_key(self, template: str, check: Check) -> tuple | None:
        """Where a check's entry is kept in the build cache; None when there is no cache to keep it in."""
        return None if self.fragments is None or not check.key else (self.fragment_key, check.key, template)

    def check_list(self, template: str, checks) -> Markup:
        """Every check's entry (check_fragment), one per line: a list of a thousand checks in one call."""
        return Markup("".join(f"{self.check_fragment(template, check)}\n" for check in checks))

    def list_entries(self, check: Check) -> dict[tuple, str]:
        """Draw a check's LIST_ENTRIES now and return them by cache key, for the process that draws the lists.

        A template that fails here is skipped: the list that shows it fails again, with its error.
        """
        drawn = {}
        for template in LIST_ENTRIES:
            key = self._fragment_key(template, check)
            if key is None:
                break
            try:
                drawn[key] = str(self.check_fragment(template, check))
            except (jinja2.TemplateError, i18n.MissingTranslation):
                continue
        return drawn

    def share_links(self, url: str, text: str) -> dict[str, str]:
        return seo.share_links(url, text)

    def og_locale(self, lang: str) -> str:
        return seo.og_locale(lang)

    def claim_review(self, check: Check, claim: Claim) -> Markup:
        """ClaimReview JSON-LD for one claim, ready for a script block."""
        return self._once(("review", check.slug, claim.id),
                          lambda: seo.json_ld(seo.claim_review(self.site, check, claim, self.lang)))

    def claim_reviews(self, check: Check) -> Markup:
        """ClaimReview JSON-LD for every claim of a check: the claims' own, in a list."""
        return Markup("[%s]" % ",".join(self.claim_review(check, claim) for claim in check.claims))
