"""`build.py status`: what each check lacks in each language, and which translations are stale.

A translation is stale when the original-language text it was made from has
changed since it was marked done. content/checks/<slug>/translations.yaml
records, per translated language and unit of text (`article`, `title`,
`claims.<id>.quote`, ...), a hash of the original text as it was then; the
build never reads that file. Texts are read as a preview reads them: the
claims.yaml readers of claims.py, with missing languages allowed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .claims import read_claims, read_corrections
from .config import load_config
from .errors import BuildFailed, ContentError, Errors
from .files import exists, read_text
from .i18n import locale_of
from .load import CHECK_KEYS, CHECK_OPTIONAL, RECORD, check_folders
from .models import Localized, SiteConfig
from .yamlsrc import Reader, parse_yaml, read_yaml_file

HEADER = """\
# Translation record, written by `python build.py status --mark-done SLUG [LANG]`; commit it, do not edit it.
# For each translated text of this check it holds a hash of the original-language text the translation was
# made from when it was marked done. `python build.py status` reports a translation as stale when that text
# has changed since. The build ignores this file.
"""
Record = dict[str, dict[str, str]]  # language -> unit name -> hash of the original text


@dataclass(frozen=True)
class Unit:
    """One translated text of a check: the article, or one localised field of claims.yaml."""

    name: str              # e.g. "claims.kerala-onset.quote"
    what: str              # e.g. "quote of claim 'kerala-onset'"
    path: Path             # the file that holds it (for the article: the original's)
    line: int              # its line there, 0 for none
    text: dict[str, str]   # language -> text, for the languages that have it


@dataclass(frozen=True)
class LanguageStatus:
    """One check in one language."""

    missing: list[str]     # where a text is missing, e.g. "content/checks/x/claims.yaml:12: title has no en text"
    stale: list[tuple[str, str]]  # (unit name, what changed)
    unrecorded: list[str]  # unit names never marked done (all of them when the check has no record)
    recorded: bool         # whether translations.yaml exists


def fingerprint(text: str) -> str:
    """A short hash of a text; runs of white space count as one space, so rewrapping a paragraph changes nothing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def language(lang: str) -> str:
    """A language's English name, e.g. Hindi (the code when Babel has none)."""
    return locale_of(lang).get_display_name("en") or lang


def read_units(folder: Path, config: SiteConfig, content: Path, sink: list[ContentError]) -> list[Unit]:
    """Every translated text of a check folder, in the order of its files; problems reading them go to `sink`."""
    langs = config.languages
    articles = {lang: folder / f"article.{lang}.md" for lang in langs}
    texts = {lang: read_text(path, content, Errors(path, sink=sink)) for lang, path in articles.items() if exists(path)}
    units = [Unit("article", "article", articles[langs[0]], 0, {k: v for k, v in texts.items() if v is not None})]
    found = read_yaml_file(folder / "claims.yaml", content, sink, "create claims.yaml with title, summary, published, source and claims",
                           "write the fact-check: title, summary, published, source and claims")
    if found is None:
        return units
    read, root = found
    keys = read.mapping(root, "claims.yaml", CHECK_KEYS, CHECK_OPTIONAL)
    if keys is None:
        return units
    field = lambda name, what, node, value: Unit(name, what, folder / "claims.yaml", read.line(node), present(value))  # noqa: E731
    for key in ("title", "summary"):
        value = read.localized(keys[key], key, langs, True)
        units += [field(key, key, keys[key], value)] if value is not None else []
    claims = read_claims(read, keys["claims"], config, True) or ()
    for node, claim in zip(keys["claims"].value, claims):
        nodes, at = mapping(node), f"claims.{claim.id}."
        for key, what in (("claim", "wording"), ("quote", "quote"), ("reality", "reality"), ("note", "note")):
            if getattr(claim, key) is not None:
                units.append(field(at + key, f"{what} of claim '{claim.id}'", nodes[key], getattr(claim, key)))
        for n, (figure_node, figure) in enumerate(zip(nodes["figures"].value if claim.figures else (), claim.figures), 1):
            units.append(field(f"{at}figures.{n}.label", f"label of figure {n} of claim '{claim.id}'", mapping(figure_node)["label"], figure.label))
    corrections = read_corrections(read, keys["corrections"], langs, True) if "corrections" in keys else None
    nodes = sorted(keys["corrections"].value, key=lambda n: mapping(n)["date"].value, reverse=True) if corrections else ()
    for n, (node, correction) in enumerate(zip(nodes, corrections or ())):
        same_day = sum(c.date == correction.date for c in corrections[:n])  # two on one day: the second is .../2
        day = f"{correction.date}" + (f"/{same_day + 1}" if same_day else "")
        units.append(field(f"corrections.{day}.text", f"correction of {day}", mapping(node)["text"], correction.text))
    return units


def mapping(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    """A mapping node's values by key (the readers have checked it is one)."""
    return {key.value: value for key, value in node.value}


def present(value: Localized) -> dict[str, str]:
    """The texts a localised field really has (not the preview's fallbacks)."""
    return {lang: text for lang, text in value.text if lang not in value.pending}


def read_record(folder: Path, content: Path, sink: list[ContentError]) -> Record | None:
    """translations.yaml of a check folder, or None when there is none (or after recording why it is unreadable)."""
    path = folder / RECORD
    if not exists(path):
        return None
    errs, before = Errors(path, sink=sink), len(sink)
    text = read_text(path, content, errs)
    root = parse_yaml(text, errs) if text is not None else None
    fix = f"delete it and run `python build.py status --mark-done {folder.name}`"
    if text is not None and root is None and len(sink) == before:
        return {}  # only the comment: nothing recorded
    record: Record = {}
    if isinstance(root, yaml.MappingNode):
        for lang, units in root.value:
            if isinstance(units, yaml.MappingNode) and all(isinstance(n, yaml.ScalarNode) for pair in units.value for n in pair):
                record[lang.value] = {unit.value: digest.value for unit, digest in units.value}
            else:
                Reader(errs).fail(lang, "is not a translation record (a language, then one `unit: hash` line per text)", fix)
    elif root is not None:
        Reader(errs).fail(root, "is not a translation record (a language, then one `unit: hash` line per text)", fix)
    return record


def write_record(folder: Path, record: Record) -> None:
    """Write translations.yaml whole or not at all (a hidden temporary file, which the preview ignores, renamed over it)."""
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000) if record else ""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{RECORD}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as fp:
            fp.write(HEADER + body)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, folder / RECORD)
    except BaseException:
        os.unlink(temporary)
        raise


def language_status(units: list[Unit], record: Record | None, lang: str, config: SiteConfig, folder: Path) -> LanguageStatus:
    """What one language of a check lacks, and (for a translation) which of its texts are stale or never marked done."""
    original = config.languages[0]
    missing = [where_missing(unit, lang, folder) for unit in units if lang not in unit.text]
    if lang == original:
        return LanguageStatus(missing, [], [], record is not None)
    done = (record or {}).get(lang, {})
    translated = [u for u in units if lang in u.text and original in u.text]
    stale = [(u.name, f"the {language(original)} {u.what} changed since the {language(lang)} was marked done")
             for u in translated if u.name in done and done[u.name] != fingerprint(u.text[original])]
    return LanguageStatus(missing, stale, [u.name for u in translated if u.name not in done], record is not None)


def where_missing(unit: Unit, lang: str, folder: Path) -> str:
    """Where a missing text belongs, as `path:line: what is missing`."""
    if unit.name == "article":
        return f"{folder / f'article.{lang}.md'}: does not exist"
    return f"{unit.path}:{unit.line}: {unit.name} has no {lang} text"


def read_check(folder: Path, config: SiteConfig) -> tuple[list[Unit], Record | None]:
    """A check folder's texts and its translation record; raise BuildFailed when they cannot be read."""
    sink: list[ContentError] = []
    content = folder.parent.parent
    units, record = read_units(folder, config, content, sink), read_record(folder, content, sink)
    if sink:
        raise BuildFailed(sink)
    return units, record


def stale_units(check_folder: Path, config: SiteConfig) -> dict[str, list[str]]:
    """Per translated language, what changed in the original since that translation was marked done (empty lists when nothing did)."""
    units, record = read_check(check_folder, config)
    return {lang: [what for _, what in language_status(units, record, lang, config, check_folder).stale]
            for lang in config.languages[1:]}


def mark_done(folder: Path, config: SiteConfig, langs: tuple[str, ...]) -> list[str]:
    """Record the original text behind each translation of `langs` as it is now; one line per language says what was recorded."""
    units, record = read_check(folder, config)
    record = {lang: (record or {}).get(lang, {}) for lang in config.languages[1:]}
    lines = []
    for lang in langs:
        earlier = {u.name: record[lang][u.name] for u in units if u.name in record[lang]}  # texts not translated now keep theirs
        record[lang] = earlier | {u.name: fingerprint(u.text[config.languages[0]]) for u in units
                                  if lang in u.text and config.languages[0] in u.text}
        gaps = sum(lang not in u.text for u in units)
        done = len(record[lang])
        lines.append(f"{folder.name} {lang}: marked done ({done} text{'s' * (done != 1)})" + (f"; {gaps} still missing" if gaps else ""))
    write_record(folder, {lang: units for lang, units in record.items() if units})
    return lines


def report(folders: list[Path], config: SiteConfig) -> tuple[list[str], bool]:
    """The status lines of every check, and whether anything is missing or stale."""
    lines, totals = [], {"missing": 0, "stale": 0, "not recorded": 0, "never recorded": 0}
    for folder in folders:
        units, record = read_check(folder, config)
        for lang in config.languages:
            status = language_status(units, record, lang, config, folder)
            lines += [f"{folder.name} {lang}{' (original)' if lang == config.languages[0] else ''}: " + counts(status, lang == config.languages[0], folder.name)]
            lines += [f"  missing: {m}" for m in status.missing] + [f"  stale: {unit}: {what}" for unit, what in status.stale]
            lines += [f"  not recorded: {u}" for u in status.unrecorded] if status.recorded else []
            totals["missing"] += len(status.missing)
            totals["stale"] += len(status.stale)
            totals["not recorded"] += len(status.unrecorded) if status.recorded else 0
            totals["never recorded"] += not status.recorded and lang != config.languages[0]
    plural = "s" if len(folders) != 1 else ""
    lines.append(f"status: {len(folders)} check{plural}, " + ", ".join(f"{n} {what}" for what, n in totals.items() if n or "recorded" not in what))
    return lines, bool(totals["missing"] or totals["stale"])


def counts(status: LanguageStatus, original: bool, slug: str) -> str:
    """`0 missing, 1 stale`, and what is not recorded yet."""
    if original:
        return f"{len(status.missing)} missing"
    text = f"{len(status.missing)} missing, {len(status.stale)} stale"
    if not status.recorded:
        return text + f", never recorded (`python build.py status --mark-done {slug}` records it)"
    return text + (f", {len(status.unrecorded)} not recorded" if status.unrecorded else "")


def main(content: Path, strict: bool = False, slug: str | None = None, lang: str | None = None) -> int:
    """Print the status of every check (or mark one done); 1 with `strict` when anything is missing or stale, 2 for an unknown name."""
    try:
        return run(content, strict, slug, lang)
    except BuildFailed as exc:  # its report would say "site not written", which is beside the point here
        n = len(exc.errors)
        print("\n".join([*map(str, exc.errors), f"status failed: {n} error{'s' * (n != 1)}; nothing was written"]), file=sys.stderr)
        return 1


def run(content: Path, strict: bool, slug: str | None, lang: str | None) -> int:
    """main(), raising BuildFailed when the content cannot be read."""
    sink: list[ContentError] = []
    config = load_config(content, sink, True)
    folders = check_folders(content, sink) if config is not None else None
    if sink or config is None or folders is None:
        raise BuildFailed(sink)
    if slug is None:
        lines, bad = report(folders, config)
        print("\n".join(lines))
        return 1 if strict and bad else 0
    by_slug = {folder.name: folder for folder in folders}
    translated = config.languages[1:]
    if slug not in by_slug:
        print(f"error: unknown check '{slug}'; the checks are: {', '.join(by_slug)}", file=sys.stderr)
        return 2
    if lang is not None and lang not in translated:
        why = "is the original language" if lang == config.languages[0] else "is not a language of site.yaml"
        print(f"error: '{lang}' {why}; the translated languages are: {', '.join(translated)}", file=sys.stderr)
        return 2
    print("\n".join(mark_done(by_slug[slug], config, (lang,) if lang else translated)))
    return 0
