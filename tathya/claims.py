"""The parts of claims.yaml: the checked article, claims, sources, figures, corrections."""

from __future__ import annotations

from .config import ID_RE, LANG_RE, URL_RE
from .models import CheckedArticle, Claim, Correction, Figure, SiteConfig, Source
from .yamlsrc import Reader

CLAIM_KEYS = ("id", "verdict", "claim", "quote", "reality", "sources")


def read_checked_article(read: Reader, node) -> CheckedArticle | None:
    """The `source:` mapping: the article being checked."""
    keys = read.mapping(node, "source", ("title", "publisher", "date"), ("url", "language"))
    if keys is None:
        return None
    values = dict(
        title=read.text(keys["title"], "source title"),
        publisher=read.text(keys["publisher"], "source publisher"),
        date=read.date(keys["date"], "source date"),
        url=read.pattern(keys["url"], "source url", URL_RE, "an http or https URL") if "url" in keys else None,
        language=read.pattern(keys["language"], "source language", LANG_RE, "a language code such as hi") if "language" in keys else None,
    )
    bad = [k for k, v in values.items() if v is None and (k in keys)]
    return None if bad else CheckedArticle(**values)


def read_claims(read: Reader, node, config: SiteConfig, preview: bool) -> tuple[Claim, ...] | None:
    """The claims list, with unique ids and known verdicts."""
    items = read.sequence(node, "claims", min_items=1)
    if items is None:
        return None
    claims: list[Claim] = []
    for item in items:
        claim = read_claim(read, item, config, preview)
        if claim and claim.id in {c.id for c in claims}:
            read.fail(item, f"claim id '{claim.id}' is used twice", "give each claim its own id")
        elif claim:
            claims.append(claim)
    return tuple(claims) if len(claims) == len(items) else None


def read_claim(read: Reader, node, config: SiteConfig, preview: bool) -> Claim | None:
    """One claim of claims.yaml."""
    keys = read.mapping(node, "claim", CLAIM_KEYS, ("note", "figures"))
    if keys is None:
        return None
    langs = config.languages
    cid = read.pattern(keys["id"], "claim id", ID_RE, "lowercase a-z, 0-9 and '-', e.g. gpu-count")
    verdict_id = read.text(keys["verdict"], "verdict")
    verdict = config.verdict(verdict_id) if verdict_id else None
    if verdict_id and verdict is None:
        read.fail(keys["verdict"], f"unknown verdict '{verdict_id}'", "use one of " + ", ".join(v.id for v in config.verdicts))
    fields = dict(
        id=cid,
        verdict=verdict,
        claim=read.localized(keys["claim"], "claim", langs, preview),
        quote=read.localized(keys["quote"], "quote", langs, preview),
        reality=read.localized(keys["reality"], "reality", langs, preview),
        sources=read_sources(read, keys["sources"]),
        note=read.localized(keys["note"], "note", langs, preview) if "note" in keys else None,
        figures=read_figures(read, keys["figures"], langs, preview) if "figures" in keys else (),
    )
    if None in (v for k, v in fields.items() if k != "note") or ("note" in keys and fields["note"] is None):
        return None
    return Claim(line=read.line(keys["quote"]), **fields)


def read_sources(read: Reader, node) -> tuple[Source, ...] | None:
    """A claim's sources: http(s) URLs only."""
    items = read.sequence(node, "sources", min_items=1)
    if items is None:
        return None
    sources = []
    for item in items:
        keys = read.mapping(item, "source", ("title", "url"), ("publisher", "date", "archive_url"))
        if keys is None:
            continue
        url = lambda key: read.pattern(keys[key], f"source {key}", URL_RE, "an http or https URL") if key in keys else None  # noqa: E731
        values = dict(
            title=read.text(keys["title"], "source title"),
            url=url("url"),
            publisher=read.text(keys["publisher"], "source publisher") if "publisher" in keys else None,
            date=read.date(keys["date"], "source date") if "date" in keys else None,
            archive_url=url("archive_url"),
        )
        if all(values[k] is not None for k in values if k in keys):
            sources.append(Source(**values))
    return tuple(sources) if len(sources) == len(items) else None


def read_figures(read: Reader, node, langs, preview) -> tuple[Figure, ...] | None:
    """Numbers to compare in a chart."""
    items = read.sequence(node, "figures", min_items=1)
    if items is None:
        return None
    figures = []
    for item in items:
        keys = read.mapping(item, "figure", ("label", "value", "unit"))
        if keys is None:
            continue
        label = read.localized(keys["label"], "figure label", langs, preview)
        value = read.number(keys["value"], "figure value")
        unit = read.text(keys["unit"], "figure unit")
        if None not in (label, value, unit):
            figures.append(Figure(label, value, unit))
    return tuple(figures) if len(figures) == len(items) else None


def read_corrections(read: Reader, node, langs, preview) -> tuple[Correction, ...] | None:
    """The public corrections log, newest first."""
    items = read.sequence(node, "corrections")
    if items is None:
        return None
    corrections = []
    for item in items:
        keys = read.mapping(item, "correction", ("date", "text"))
        if keys is None:
            continue
        when = read.date(keys["date"], "correction date")
        text = read.localized(keys["text"], "correction text", langs, preview)
        if when and text:
            corrections.append(Correction(when, text))
    if len(corrections) < len(items):
        return None
    return tuple(sorted(corrections, key=lambda c: c.date, reverse=True))
