"""content/ -> Site, collecting every ContentError before anything is built."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, digest
from .claims import read_checked_article, read_claims, read_corrections
from .config import load_config
from .errors import BuildFailed, ContentError, Errors
from .extra import EMPTY, read_extra
from .files import decode, exists, outside, read_bytes, read_text
from .models import Check, Document, Site, SiteConfig
from .quotes import annotate_articles
from .yamlsrc import Reader, parse_yaml, yaml_document

SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
CHECK_KEYS = ("title", "summary", "published", "source", "claims")
CHECK_OPTIONAL = ("updated", "corrections", "authors", "topics", "extra")
RECORD = "translations.yaml"  # status.py's translation record, which only the preview reads
MISSING = b"\0missing"  # what a missing file counts as in a check's key


@dataclass(frozen=True)
class Loaded:
    """A loaded site, with the hashes of what it was read from (what each page's freshness is judged by)."""

    site: Site
    settings: str                # site.yaml as read, the about pages and the build options
    keys: Mapping[str, str]      # check slug -> hash of the settings and the bytes of the check's files


@dataclass(frozen=True)
class CheckFiles:
    """The bytes of one check folder's files (None for a file that could not be read), read once."""

    folder: Path
    data: Mapping[str, bytes | None]  # None: missing, or unreadable (and the reason recorded already)
    key: str
    missing: frozenset[str]


def load_site(content: Path, preview: bool = False, base_url: str | None = None) -> Site:
    """Read and check the whole content tree; raise BuildFailed with every error."""
    return read_content(content, preview=preview, base_url=base_url).site


def read_content(content: Path, *, preview: bool = False, base_url: str | None = None, cache: Cache | None = None,
                 pool: Callable | None = None, previous: Loaded | None = None, unchanged: Collection[str] = (),
                 share_images: bool = True) -> Loaded:
    """Read and check the content tree, reusing checks the cache holds; raise BuildFailed with every error.

    `pool(task, items)` runs the reading of the checks the cache lacks (by default here,
    one after the other). Checks named in `unchanged` are taken from `previous` unread,
    when the settings are the same (the preview knows which files were saved).
    """
    sink: list[ContentError] = []
    if not content.is_dir():
        raise BuildFailed([ContentError(str(content), 0, "is not a folder" if content.exists() else "does not exist",
                                        "give --content the folder that holds site.yaml")])
    config = load_config(content, sink, preview, base_url, share_images)
    if config is None:
        raise BuildFailed(sink)
    about = {lang: doc for lang in config.languages if (doc := load_about(content, lang, sink))}
    settings = digest(repr(config), repr(sorted(about.items())), str(preview))  # as read (--base-url included)
    folders = check_folders(content, sink) or []
    # Taken unread only when the settings are the same and the folder is still there.
    unchanged = set() if previous is None or previous.settings != settings else set(unchanged) & {f.name for f in folders}
    files = [read_check_files(folder, content, config, settings, sink, preview) for folder in folders if folder.name not in unchanged]
    fresh = [f for f in files if cache is None or cache.get_check(f.key) is None]
    results = (pool or (lambda task, items: [task(i) for i in items]))(lambda f: parse_check(f, config, preview), fresh)
    for found, (check, errors) in zip(fresh, results):
        sink += errors
        if cache is not None and check is not None:
            cache.put_check(found.key, check)
    if sink:
        raise BuildFailed(sink)
    keys = {f.folder.name: f.key for f in files} | {slug: previous.keys[slug] for slug in unchanged if slug in previous.keys}
    parsed = {f.key: check for f, (check, _) in zip(fresh, results)}
    checks = [parsed.get(f.key) or cache.get_check(f.key) for f in files]
    checks += [c for c in previous.site.checks if c.slug in unchanged] if unchanged else []
    if cache is not None:
        cache.keep_checks(keys.values())
    return Loaded(Site(config, newest_first(checks), about), settings, keys)


def newest_first(checks: list[Check]) -> tuple[Check, ...]:
    """Checks by publication date, newest first; slug breaks ties so output is stable."""
    return tuple(sorted(checks, key=lambda c: (-c.published.toordinal(), c.slug)))


def check_folders(content: Path, sink: list[ContentError]) -> list[Path] | None:
    """The valid check folders in content/checks/ (hidden ones skipped), sorted; None after recording why there are none."""
    root = content / "checks"
    errs = Errors(root, sink=sink)
    if outside(root, content):
        errs.add(0, "is a symbolic link to a folder outside the content folder", "replace it with the folder itself")
        return None
    try:
        names = os.listdir(root) if os.path.isdir(root) else []
    except OSError as exc:
        errs.add(0, f"cannot be read ({exc.strerror})", "check the folder is readable")
        return None
    folders = sorted(root / name for name in names if not name.startswith(".") and os.path.isdir(root / name))
    if not folders:
        errs.add(0, "has no check folders", "add checks/<slug>/ with claims.yaml and one article.<lang>.md per language")
    valid = []
    for folder in folders:
        if outside(folder, content):
            Errors(folder, sink=sink).add(0, "is a symbolic link to a folder outside the content folder", "replace it with the folder itself")
        elif not SLUG_RE.fullmatch(folder.name) or folder.name == "about":
            Errors(folder, sink=sink).add(0, f"folder name '{folder.name}' is not a valid slug", "rename it with lowercase a-z, 0-9 and '-' (not 'about')")
        else:
            valid.append(folder)
    return valid


def read_check_files(folder: Path, content: Path, config: SiteConfig, settings: str, sink: list[ContentError],
                     preview: bool = False) -> CheckFiles:
    """A check folder's claims.yaml and articles, read once; their bytes make the check's key.

    The preview reads the translation record too: its stale banners change with it.
    """
    names = ["claims.yaml", *(f"article.{lang}.md" for lang in config.languages), *([RECORD] if preview else [])]
    missing = frozenset(name for name in names if not exists(folder / name))
    data = {name: None if name in missing else read_bytes(folder / name, content, Errors(folder / name, sink=sink)) for name in names}
    key = digest(settings, folder.name, *(MISSING if value is None else value for value in data.values()))
    return CheckFiles(folder, data, key, missing)


def parse_check(files: CheckFiles, config: SiteConfig, preview: bool) -> tuple[Check | None, list[ContentError]]:
    """One check and its own errors, from the bytes of its files (so that it can be read in another process)."""
    sink: list[ContentError] = []
    check = load_check(files, config, sink, preview)
    return (check, sink) if not sink else (None, sink)


def load_check(files: CheckFiles, config: SiteConfig, sink: list[ContentError], preview: bool) -> Check | None:
    """One check folder: claims.yaml plus its articles."""
    folder, path = files.folder, files.folder / "claims.yaml"
    articles = {lang: doc for lang in config.languages if (doc := load_article(files, lang, sink, preview))}
    errs = Errors(path, sink=sink)
    if files.data["claims.yaml"] is None:
        if "claims.yaml" in files.missing:
            errs.add(0, "is missing", "create claims.yaml with title, summary, published, source and claims")
        return None
    found = yaml_document(decode(files.data["claims.yaml"], errs), errs,
                          "write the fact-check: title, summary, published, source and claims")
    if found is None:
        return None
    read, root = found
    keys = read.mapping(root, "claims.yaml", CHECK_KEYS, CHECK_OPTIONAL)
    if keys is None:
        return None
    langs = config.languages
    loc = lambda node, what: read.localized(node, what, langs, preview)  # noqa: E731
    fields = dict(
        title=loc(keys["title"], "title"),
        summary=loc(keys["summary"], "summary"),
        published=read.date(keys["published"], "published"),
        source=read_checked_article(read, keys["source"]),
        claims=read_claims(read, keys["claims"], config, preview),
        updated=read.date(keys["updated"], "updated") if "updated" in keys else None,
        corrections=read_corrections(read, keys["corrections"], langs, preview) if "corrections" in keys else (),
        authors=read.items(keys["authors"], "authors", lambda node: read.text(node, "author")) if "authors" in keys else (),
        extra=read_extra(read, keys["extra"]) if "extra" in keys else EMPTY,
        topics=read.items(keys["topics"], "topics", lambda node: read.choice(node, "topic", {t.id: t for t in config.topics},
                                                                             "topics are defined in site.yaml"),
                          unique=lambda t: t.id, duplicate=("topic '{}' is listed twice", "list each topic once"))
        if "topics" in keys else (),
    )
    if None in (v for k, v in fields.items() if k != "updated") or ("updated" in keys and fields["updated"] is None):
        return None
    stand_ins = [lang for lang in langs if lang not in articles and f"article.{lang}.md" in files.missing] if preview else []
    if not articles and stand_ins:  # nothing to stand in with
        for lang in stand_ins:
            Errors(folder / f"article.{lang}.md", sink=sink).add(0, "is missing (the check needs an article in at least one language)",
                                                                 f"add the {lang} article as article.{lang}.md")
    if len(articles) + len(stand_ins) < len(langs) or not articles:
        return None
    html = annotate_articles(articles, fields["claims"], errs)
    original = next(lang for lang in langs if lang in articles)
    html.update(dict.fromkeys(stand_ins, html[original]))  # the preview shows the original, marked pending
    return Check(slug=folder.name, path=path, article_html=html, pending_articles=frozenset(stand_ins),
                 stale=stale_translations(folder, config) if preview else (), **fields)


def stale_translations(folder: Path, config: SiteConfig) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The preview's stale banners: per translated language, what changed in the original since it was marked done."""
    from .status import stale_units  # status reads checks through this module

    try:
        stale = stale_units(folder, config)
    except BuildFailed:  # a broken record is `build.py status`'s to report; the preview shows no banner for it
        return ()
    return tuple((lang, tuple(changes)) for lang, changes in stale.items() if changes)


def load_article(files: CheckFiles, lang: str, sink: list[ContentError], preview: bool = False) -> Document | None:
    """article.<lang>.md of a check folder, which every language needs (the preview stands in for a missing one)."""
    path = files.folder / f"article.{lang}.md"
    errs = Errors(path, sink=sink)
    if files.data[path.name] is None:
        if path.name in files.missing and not preview:
            errs.add(0, "is missing (the check needs an article in every language of site.yaml)", f"add the {lang} article as article.{lang}.md")
        return None
    text = decode(files.data[path.name], errs)
    return None if text is None else parse_document(path, text, errs)


def load_about(content: Path, lang: str, sink: list[ContentError]) -> Document | None:
    """about.<lang>.md, when it exists."""
    path = content / f"about.{lang}.md"
    if not exists(path):
        return None
    errs = Errors(path, sink=sink)
    text = read_text(path, content, errs)
    return None if text is None else parse_document(path, text, errs)


def parse_document(path: Path, text: str, errs: Errors) -> Document | None:
    """A Markdown file's text with optional front matter holding only `title`."""
    errs.lines = text.splitlines()
    match = FRONT_MATTER_RE.match(text)
    if not match:
        if text.startswith("---\n"):
            errs.add(1, "front matter is not closed", "end it with a line of three dashes: ---")
            return None
        return Document(path, None, text, 1)
    body_line = match.group(0).count("\n") + 1
    title = None
    if (match.group(1) or "").strip():
        read = Reader(errs, offset=1)
        root = parse_yaml(match.group(1), errs, offset=1)
        keys = read.mapping(root, "front matter", (), ("title",)) if root is not None else None
        if keys is None:
            return None
        if "title" in keys and (title := read.text(keys["title"], "title")) is None:
            return None
    return Document(path, title, text[match.end():], body_line)
