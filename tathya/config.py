"""content/site.yaml -> SiteConfig."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import babel

from .errors import ContentError
from .models import Localized, Publisher, SiteConfig, Verdict
from .yamlsrc import Reader, read_yaml_file

LANG_RE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
HOST = r"[^\s/?#\[\]@:]+(:[0-9]{1,5})?"  # a host name and port; no user info or IPv6 literal
URL_RE = re.compile(rf"https?://{HOST}([/?#][^\s]*)?")
BASE_URL_RE = re.compile(rf"https?://{HOST}(/[^\s?#]*)?/")
HOST_RE = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")

DEFAULT_VERDICTS = (
    ("true", 5, "सही", "True"),
    ("mostly-true", 4, "अधिकांशतः सही", "Mostly true"),
    ("misleading", 2, "भ्रामक", "Misleading"),
    ("false", 1, "गलत", "False"),
    ("unverified", 0, "अपुष्ट", "Unverified"),
)
SITE_KEYS = ("languages", "title", "description", "base_url", "publisher")
SITE_OPTIONAL = ("verdicts", "cname")


def load_config(content: Path, sink: list[ContentError], preview: bool = False, base_url: str | None = None) -> SiteConfig | None:
    """Read and check site.yaml; `base_url` overrides the file's for one build."""
    found = read_yaml_file(content / "site.yaml", sink, "create site.yaml with languages, title, description, base_url and publisher",
                           "write the site settings")
    if found is None:
        return None
    read, root = found
    keys = read.mapping(root, "site.yaml", SITE_KEYS, SITE_OPTIONAL)
    if keys is None:
        return None
    languages = read_languages(read, keys["languages"])
    if languages is None:
        return None
    loc = lambda key, **kw: read.localized(keys[key], key, languages, preview, **kw)  # noqa: E731
    config = dict(
        languages=languages,
        title=loc("title"),
        description=loc("description"),
        base_url=read.pattern(keys["base_url"], "base_url", BASE_URL_RE, "an absolute http(s) URL ending in '/'"),
        publisher=read_publisher(read, keys["publisher"], languages, preview, content),
        verdicts=read_verdicts(read, keys["verdicts"], languages, preview) if "verdicts" in keys else default_verdicts(languages),
        cname=read.pattern(keys["cname"], "cname", HOST_RE, "a domain name such as facts.example.org") if "cname" in keys else None,
    )
    if base_url is not None:
        config["base_url"] = base_url if BASE_URL_RE.fullmatch(base_url) else None
        if config["base_url"] is None:
            sink.append(ContentError("--base-url", 0, f"'{base_url}' is not valid", "use an absolute http(s) URL ending in '/'"))
    if config["verdicts"] is None:
        return None
    # The errors are recorded; stand-ins let the checks be read too, so one run reports everything.
    stand_in = dict(title=Localized({}), description=Localized({}), base_url="", publisher=Publisher(Localized({}), ""))
    return SiteConfig(**{key: stand_in[key] if value is None and key in stand_in else value for key, value in config.items()})


def read_languages(read: Reader, node) -> tuple[str, ...] | None:
    """The site's language codes, each a BCP 47 tag that Babel knows."""
    items = read.sequence(node, "languages", min_items=1)
    if items is None:
        return None
    codes = []
    for item in items:
        code = read.pattern(item, "language code", LANG_RE, "a BCP 47 code such as hi or en")
        if code is None:
            continue
        if code in codes:
            read.fail(item, f"language '{code}' is listed twice", "list each language once")
            continue
        try:
            babel.Locale.parse(code, sep="-")
        except (ValueError, babel.UnknownLocaleError):
            read.fail(item, f"language '{code}' is not a locale tathya knows", "use a BCP 47 code such as hi or en")
            continue
        codes.append(code)
    return tuple(codes) if len(codes) == len(items) else None


def read_publisher(read: Reader, node, languages, preview, content: Path) -> Publisher | None:
    """The fact-checking organisation."""
    keys = read.mapping(node, "publisher", ("name", "url"), ("logo",))
    if keys is None:
        return None
    name = read.localized(keys["name"], "publisher name", languages, preview, allow_plain=True)
    url = read.pattern(keys["url"], "publisher url", URL_RE, "an http(s) URL")
    logo = read.text(keys["logo"], "publisher logo") if "logo" in keys else None
    if logo is not None:
        rel = PurePosixPath(logo)
        if rel.is_absolute() or ".." in rel.parts or not (content / rel).is_file():
            read.fail(keys["logo"], f"publisher logo '{logo}' is not a file in the content folder", "give a path such as static/logo.svg relative to content/")
            return None
    if name is None or url is None:
        return None
    return Publisher(name, url, logo)


def read_verdicts(read: Reader, node, languages, preview) -> tuple[Verdict, ...] | None:
    """A custom rating scale, best first."""
    def verdict(item) -> Verdict | None:
        keys = read.mapping(item, "verdict", ("id", "rating", "label"))
        if keys is None:
            return None
        vid = read.pattern(keys["id"], "verdict id", ID_RE, "lowercase a-z, 0-9 and '-'")
        rating = read.number(keys["rating"], "verdict rating", integer=True)
        label = read.localized(keys["label"], "verdict label", languages, preview)
        return None if None in (vid, rating, label) else Verdict(vid, rating, label)
    return read.items(node, "verdicts", verdict, min_items=1, unique=lambda v: v.id,
                      duplicate=("verdict id '{}' is listed twice", "give each verdict its own id"))


def default_verdicts(languages: tuple[str, ...]) -> tuple[Verdict, ...]:
    """The contract's default scale; languages beyond hi and en get the English label."""
    return tuple(
        Verdict(vid, rating, Localized({lang: hi if lang.split("-")[0] == "hi" else en for lang in languages}))
        for vid, rating, hi, en in DEFAULT_VERDICTS
    )
