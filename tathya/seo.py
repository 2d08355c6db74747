"""What other sites read from a page: ClaimReview JSON-LD, share links, Open Graph locales."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from . import i18n
from .models import Check, Claim, SiteConfig
from .plan import claim_url

# What may stand in a URL as it is: RFC 3986's reserved and unreserved characters, and '%' of an escape.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
LONE_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
WORK_TYPES = {"post": "SocialMediaPosting", "video": "VideoObject", "image": "ImageObject"}  # schema.org type per source kind


def safe_url(url: str) -> str:
    """A URL with quotes, angle brackets, white space, backslashes and non-ASCII percent-encoded.

    Settings and the command line reach canonical URLs, feeds and JSON-LD as
    they are; encoded, no character of theirs can end an attribute, a tag or a line.
    """
    return quote(LONE_PERCENT_RE.sub("%25", url), safe=URL_SAFE)


def site_path(base_url: str) -> str:
    """The path of base_url, percent-encoded, starting with exactly one '/' (two would name another host)."""
    return "/" + safe_url(urlsplit(base_url).path).lstrip("/")


def outbound(url: str) -> str:
    """An http(s) link to another site, percent-encoded where needed; anything else becomes '#'."""
    return safe_url(url) if url.lower().startswith(("http://", "https://")) else "#"


def claim_review(config: SiteConfig, check: Check, claim: Claim, lang: str) -> dict:
    """One schema.org ClaimReview, with the properties Google's fact-check markup asks for."""
    rating = {"@type": "Rating", "bestRating": max(v.rating for v in config.verdicts), "worstRating": 1,
              "alternateName": claim.verdict.label[lang]}
    if claim.verdict.rating >= 1:  # an unverified claim carries its label only
        rating["ratingValue"] = claim.verdict.rating
    source = check.source
    known = {"datePublished": source.date.isoformat()} if source.date else {}  # a forward has neither date nor publisher
    if source.publisher:
        known["author"] = {"@type": "Organization", "name": source.publisher}
    appearance = {"@type": WORK_TYPES.get(source.kind, "CreativeWork"), "headline": source.title, **known}
    if source.url:
        appearance["url"] = outbound(source.url)
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": safe_url(config.base_url) + claim_url(lang, check, claim.id),
        "inLanguage": lang,
        "claimReviewed": claim.claim[lang],
        "datePublished": check.published.isoformat(),
        "author": publisher(config, lang),
        "reviewRating": rating,
        "itemReviewed": {"@type": "Claim", **known, "appearance": appearance},
    }
    if check.last_changed != check.published:
        review["dateModified"] = check.last_changed.isoformat()
    return review


def publisher(config: SiteConfig, lang: str) -> dict:
    """The fact-checking organisation as ClaimReview's author, with its logo when site.yaml gives one."""
    author = {"@type": "Organization", "name": config.publisher.name[lang], "url": outbound(config.publisher.url)}
    if config.publisher.logo_path:
        author["logo"] = {"@type": "ImageObject", "url": safe_url(config.base_url) + config.publisher.logo_path}
    return author


def json_ld(data) -> Markup:
    """JSON for a <script type="application/ld+json"> block that cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def share_links(url: str, text: str) -> dict[str, str]:
    """Share links that need no script."""
    u, t = quote(url, safe=""), quote(text, safe="")
    both = f"{t}%20{u}"  # quote(text + " " + url): percent-encoding goes character by character
    return {
        "whatsapp": f"https://wa.me/?text={both}",
        "x": f"https://twitter.com/intent/tweet?url={u}&text={t}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "email": f"mailto:?subject={t}&body={u}",
    }


def og_locale(lang: str) -> str:
    """Open Graph's locale form, e.g. hi_IN, en_US."""
    loc = i18n.locale_of(lang)
    territory = loc.territory or {"hi": "IN", "en": "US"}.get(loc.language, "")
    return f"{loc.language}_{territory}" if territory else loc.language
