"""content/ -> Site, collecting every ContentError before anything is built."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from html import escape
from pathlib import Path

from .cache import Cache, digest
from .claims import read_checked_article, read_claims, read_corrections
from .config import load_config
from .errors import BuildFailed, ContentError, Errors
from .files import exists, outside, read_bytes, read_text
from .markdown import Annotator, normalise, render
from .models import Check, Document, Site, SiteConfig
from .parallel import fork_map
from .yamlsrc import Reader, parse_yaml, read_yaml_file

SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PARALLEL_FROM = 40  # checks to read; fewer are read faster in this process
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
CHECK_KEYS = ("title", "summary", "published", "source", "claims")


def load_site(content: Path, preview: bool = False, base_url: str | None = None, cache: Cache | None = None,
              early=None, jobs: int | None = None) -> Site:
    """Read and check the whole content tree; raise BuildFailed with every error.

    With a cache, a check whose files are byte for byte those of an earlier
    load (under the same site.yaml and code) is taken from it, already checked.
    `early`, when given, is asked for a function to pass each check through in
    the worker that reads it, when checks are read on several cores (see draw.EarlyDraw).
    `jobs` caps the processes that read checks (one per core by default).
    """
    sink: list[ContentError] = []
    if not content.is_dir():
        raise BuildFailed([ContentError(str(content), 0, "is not a folder" if content.exists() else "does not exist",
                                        "give --content the folder that holds site.yaml")])
    config = load_config(content, sink, preview, base_url)
    checks = about = None
    if config is not None:
        key = digest(repr(config), str(preview))  # the settings as read (--base-url included), not the file again
        about = {lang: doc for lang in config.languages if (doc := load_about(content, lang, sink))}
        start = (lambda: early(Site(config, (), about, key))) if early else None
        checks = load_checks(content, config, sink, preview, Memo(cache, key), start, jobs)
    if sink or config is None or checks is None:
        raise BuildFailed(sink)
    return Site(config, checks, about, key)


class Memo:
    """The checks of the last load, by the hash of their files."""

    def __init__(self, cache: Cache | None, site_key: str):
        self.cache = cache
        self.site_key = site_key
        self.used: set[str] = set()

    def key(self, folder: Path, languages: tuple[str, ...]) -> str:
        names = ["claims.yaml", *(f"article.{lang}.md" for lang in languages)]
        return digest(self.site_key, str(folder), *(file_bytes(folder / name, folder.parent.parent) for name in names))

    def get(self, key: str | None) -> Check | None:
        return self.cache.get_check(key) if self.cache and key else None

    def empty(self) -> bool:
        """True when no check was ever kept: every check is read, and its key made where it is read."""
        return self.cache is None or self.cache.holds_no_checks()

    def keep(self, check: Check, stored: bool = True) -> None:
        """Count a check as part of this load; `stored` False when its worker already wrote it to the cache."""
        self.used.add(check.key)
        if self.cache and stored:
            self.cache.put_check(check.key, check)

    def save(self) -> None:
        """Remember this load's checks, forgetting those no longer in the tree."""
        if self.cache:
            self.cache.used_checks = self.used


def file_bytes(path: Path, content: Path) -> bytes:
    """A file's bytes for a cache key; one that cannot be read makes a key no earlier load had."""
    data = read_bytes(path, content, Errors(path)) if exists(path) else None
    return b"\0missing" if data is None else data


def load_checks(content: Path, config: SiteConfig, sink: list[ContentError], preview: bool, memo: Memo,
                early=None, jobs: int | None = None) -> tuple[Check, ...] | None:
    """Every check folder under content/checks/, sorted by slug."""
    folders = check_folders(content, sink)
    if not folders:
        return None
    valid = []
    cold = memo.empty()
    for folder in folders:
        if outside(folder, content):
            Errors(folder, sink=sink).add(0, "is a symbolic link to a folder outside the content folder", "replace it with the folder itself")
        elif not SLUG_RE.fullmatch(folder.name) or folder.name == "about":
            Errors(folder, sink=sink).add(0, f"folder name '{folder.name}' is not a valid slug", "rename it with lowercase a-z, 0-9 and '-' (not 'about')")
        else:
            valid.append((folder, None if cold else memo.key(folder, config.languages)))
    missing = [(folder, key) for folder, key in valid if memo.get(key) is None]
    parallel = len(missing) >= PARALLEL_FROM and jobs != 1
    finish = early() if parallel and early else None
    if finish:
        finish.expect(len(missing))
    results = fork_map(lambda item: load_one(item, config, preview, memo, finish), missing, jobs if parallel else 1,
                       on_result=finish.tick if finish else None)
    loaded = {folder: result for (folder, _), result in zip(missing, results)}
    checks = []
    for folder, key in valid:
        check, errors = loaded[folder][:2] if folder in loaded else (memo.get(key), [])
        sink += errors
        if finish and folder in loaded and loaded[folder][2] is not None:
            finish.collect(loaded[folder][2])
        if check and not errors:
            checks.append(check)
            memo.keep(check, stored=not (finish and folder in loaded))
    if not sink:
        memo.save()
    return tuple(checks)


def check_folders(content: Path, sink: list[ContentError]) -> list[Path] | None:
    """The folders in content/checks/ but hidden ones, sorted; None after recording why there are none."""
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
    return folders


def load_one(item: tuple[Path, str | None], config: SiteConfig, preview: bool, memo: Memo, finish=None):
    """(check, errors, what `finish` made of it) for one check folder and its key (made here when None)."""
    folder, key = item
    key = key or memo.key(folder, config.languages)  # before reading: a save in between then changes the key next time
    check, errors = load_alone(folder, config, preview)
    made = None
    if check and not errors:
        check = replace(check, key=key)
        if finish:
            check, made = finish(check)
    return check, errors, made


def load_alone(folder: Path, config: SiteConfig, preview: bool) -> tuple[Check | None, list[ContentError]]:
    """One check and its own errors (so that it can be loaded in another process)."""
    sink: list[ContentError] = []
    check = load_check(folder, config, sink, preview)
    return check, sink


def load_check(folder: Path, config: SiteConfig, sink: list[ContentError], preview: bool) -> Check | None:
    """One check folder: claims.yaml plus its articles."""
    path = folder / "claims.yaml"
    articles = {lang: doc for lang in config.languages if (doc := load_article(folder, lang, sink))}
    found = read_yaml_file(path, folder.parent.parent, sink, "create claims.yaml with title, summary, published, source and claims",
                           "write the fact-check: title, summary, published, source and claims")
    if found is None:
        return None
    read, root = found
    errs = read.errs
    keys = read.mapping(root, "claims.yaml", CHECK_KEYS, ("updated", "corrections"))
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
    )
    if None in (v for k, v in fields.items() if k != "updated") or ("updated" in keys and fields["updated"] is None):
        return None
    if len(articles) < len(langs):
        return None
    return Check(slug=folder.name, path=path,
                 article_html=annotate_articles(articles, fields["claims"], errs),
                 summary_html={lang: render(fields["summary"][lang]) for lang in langs}, **fields)


def annotate_articles(articles: dict[str, Document], claims, errs: Errors) -> dict[str, str]:
    """Each article rendered, with every claim's quote marked and linked to its card."""
    rendered = {}
    for lang, doc in articles.items():
        headline = f'<p class="article-headline">{escape(doc.title)}</p>\n' if doc.title else ""
        annotator = Annotator(headline + render(doc.body))
        for claim in claims:
            if not annotator.mark(claim.id, claim.quote[lang]):
                short = normalise(claim.quote[lang])
                short = short if len(short) <= 80 else short[:77] + "..."
                errs.add(claim.line, f"claim '{claim.id}': the {lang} quote is not in article.{lang}.md: \"{short}\"",
                         f"copy the passage exactly as it appears in article.{lang}.md")
        rendered[lang] = annotator.result()
    return rendered


def load_article(folder: Path, lang: str, sink: list[ContentError]) -> Document | None:
    """article.<lang>.md of a check folder, which every language needs."""
    path = folder / f"article.{lang}.md"
    if not exists(path):
        Errors(path, sink=sink).add(0, "is missing (the check needs an article in every language of site.yaml)", f"add the {lang} article as article.{lang}.md")
        return None
    return load_document(path, folder.parent.parent, sink)


def load_about(content: Path, lang: str, sink: list[ContentError]) -> Document | None:
    """about.<lang>.md, when it exists."""
    path = content / f"about.{lang}.md"
    return load_document(path, content, sink) if exists(path) else None


def load_document(path: Path, content: Path, sink: list[ContentError]) -> Document | None:
    """A Markdown file inside `content` with optional front matter holding only `title`."""
    errs = Errors(path, sink=sink)
    text = read_text(path, content, errs)
    if text is None:
        return None
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
