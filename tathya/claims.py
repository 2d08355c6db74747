"""The parts of claims.yaml: the checked article, claims, sources, figures, corrections."""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from .config import ID_RE, LANG_RE, URL_RE
from .errors import quote
from .extra import EMPTY, read_extra
from .models import CheckedArticle, Claim, Correction, Figure, SiteConfig, Source
from .yamlsrc import LOADER, Node, Reader

CLAIM_KEYS = ("id", "verdict", "claim", "quote", "reality", "sources")
SOURCE_KINDS = ("article", "post", "video", "forward", "speech", "image")  # what a check's source may be


def read_checked_article(read: Reader, node) -> CheckedArticle | None:
    """The `source:` mapping: the item being checked (an article, or what `kind` names), its publisher and date if known."""
    keys = read.mapping(node, "source", ("title",), ("publisher", "date", "url", "language", "kind"))
    if keys is None:
        return None
    values = dict(
        title=read.text(keys["title"], "source title"),
        publisher=read.text(keys["publisher"], "source publisher") if "publisher" in keys else None,
        date=read.date(keys["date"], "source date") if "date" in keys else None,
        url=read.url(keys["url"], "source url", URL_RE, "an http or https URL") if "url" in keys else None,
        language=read.pattern(keys["language"], "source language", LANG_RE, "a language code such as hi") if "language" in keys else None,
        kind=read_kind(read, keys["kind"]) if "kind" in keys else "article",
    )
    bad = [k for k, v in values.items() if v is None and (k in keys)]
    return None if bad else CheckedArticle(**values)


def read_kind(read: Reader, node) -> str | None:
    """source.kind: one of SOURCE_KINDS."""
    value = read.text(node, "source kind")
    if value is not None and value not in SOURCE_KINDS:
        read.fail(node, f"source kind {quote(value)} is not one tathya knows", f"use one of {', '.join(SOURCE_KINDS)}")
        return None
    return value


def read_claims(read: Reader, node, config: SiteConfig, preview: bool) -> tuple[Claim, ...] | None:
    """The claims list, with unique ids and known verdicts."""
    return read.items(node, "claims", lambda item: read_claim(read, item, config, preview), min_items=1,
                      unique=lambda claim: claim.id, duplicate=("claim id '{}' is used twice", "give each claim its own id"))


def read_claim(read: Reader, node, config: SiteConfig, preview: bool) -> Claim | None:
    """One claim of claims.yaml."""
    keys = read.mapping(node, "claim", CLAIM_KEYS, ("note", "figures", "extra"))
    if keys is None:
        return None
    langs = config.languages
    cid = read.pattern(keys["id"], "claim id", ID_RE, "lowercase a-z, 0-9 and '-', e.g. gpu-count")
    verdict_id = read.text(keys["verdict"], "verdict")
    verdict = config.verdict(verdict_id) if verdict_id else None
    if verdict_id and verdict is None:
        read.fail(keys["verdict"], f"unknown verdict {quote(verdict_id)}", "use one of " + ", ".join(v.id for v in config.verdicts))
    named = (lambda field: f"claim '{cid}' {field}") if cid else str  # as `status` and the preview name it
    fields = dict(
        id=cid,
        verdict=verdict,
        claim=read.localized(keys["claim"], named("claim"), langs, preview),
        quote=read.localized(keys["quote"], named("quote"), langs, preview),
        reality=read.localized(keys["reality"], named("reality"), langs, preview),
        sources=read_sources(read, keys["sources"]),
        note=read.localized(keys["note"], named("note"), langs, preview) if "note" in keys else None,
        figures=read_figures(read, keys["figures"], langs, preview) if "figures" in keys else (),
        extra=read_extra(read, keys["extra"]) if "extra" in keys else EMPTY,
    )
    if None in (v for k, v in fields.items() if k != "note") or ("note" in keys and fields["note"] is None):
        return None
    return Claim(line=read.line(keys["quote"]), **fields)


def read_sources(read: Reader, node) -> tuple[Source, ...] | None:
    """A claim's sources: http(s) URLs only."""
    return read.items(node, "sources", lambda item: read_source(read, item), min_items=1)


def read_source(read: Reader, node) -> Source | None:
    """One source of a claim."""
    keys = read.mapping(node, "source", ("title", "url"), ("publisher", "date", "archive_url"))
    if keys is None:
        return None
    url = lambda key: read.url(keys[key], f"source {key}", URL_RE, "an http or https URL") if key in keys else None  # noqa: E731
    values = dict(
        title=read.text(keys["title"], "source title"),
        url=url("url"),
        publisher=read.text(keys["publisher"], "source publisher") if "publisher" in keys else None,
        date=read.date(keys["date"], "source date") if "date" in keys else None,
        archive_url=url("archive_url"),
    )
    return Source(**values) if all(values[k] is not None for k in values if k in keys) else None


def read_figures(read: Reader, node, langs, preview) -> tuple[Figure, ...] | None:
    """Numbers to compare in a chart."""
    def figure(item) -> Figure | None:
        keys = read.mapping(item, "figure", ("label", "value", "unit"))
        if keys is None:
            return None
        label = read.localized(keys["label"], "figure label", langs, preview)
        value = read.number(keys["value"], "figure value")
        unit = read.text(keys["unit"], "figure unit")
        return None if None in (label, value, unit) else Figure(label, value, unit)
    return read.items(node, "figures", figure, min_items=1)


def read_corrections(read: Reader, node, langs, preview) -> tuple[Correction, ...] | None:
    """The public corrections log, newest first."""
    def correction(item) -> Correction | None:
        keys = read.mapping(item, "correction", ("date", "text"))
        if keys is None:
            return None
        when = read.date(keys["date"], "correction date")
        text = read.localized(keys["text"], "correction text", langs, preview)
        return Correction(when, text) if when and text else None
    corrections = read.items(node, "corrections", correction)
    return None if corrections is None else tuple(sorted(corrections, key=lambda c: c.date, reverse=True))


def lines_at(text: str, paths: Iterable[tuple]) -> list[int | None]:
    """The line of the key or list item each path of keys and indexes leads to in a YAML text (None: nowhere)."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        root = None
    return [line_at(root, path) for path in paths]


def line_at(node: Node | None, path: tuple) -> int | None:
    """The line of the key or list item a path of keys and indexes leads to from a node."""
    line = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            if pair is None:
                return None
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return None
    return line
