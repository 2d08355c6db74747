"""content/site.yaml -> SiteConfig."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import babel

from .errors import ContentError, Errors, quote
from .extra import EMPTY, read_extra
from .files import exists, read_bytes
from .models import Contact, Localized, Publisher, SiteConfig, Topic, Verdict
from .yamlsrc import Reader, read_yaml_file

LANG_RE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
HOST = r"[^\s/?#\[\]@:]+(:[0-9]{1,5})?"  # a host name and port; no user info or IPv6 literal (Reader.url refuses quotes)
EMAIL_RE = re.compile(r"[^@\s<>\"'&]+@[^@\s<>\"'&]+\.[^@\s<>\"'&]+")
PHONE_RE = re.compile(r"\+\d[\d \-]{6,18}\d")  # international form: + and 8 to 20 digits, spaces or hyphens between
URL_RE = re.compile(rf"https?://{HOST}([/?#][^\s]*)?")
PORT = r"(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?"
LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"  # of an ASCII host name (an IDN in its xn-- form)
HOST_RE = re.compile(rf"{LABEL}(\.{LABEL})+")
# Scheme, host, port and a path of unreserved characters and %-escapes: nothing that could end an attribute.
BASE_URL_RE = re.compile(rf"https?://{LABEL}(\.{LABEL})*{PORT}(/([A-Za-z0-9._~-]|%[0-9A-Fa-f]{{2}})*)*/")

DEFAULT_VERDICTS = (
    ("true", 5, "सही", "True"),
    ("mostly-true", 4, "अधिकांशतः सही", "Mostly true"),
    ("misleading", 2, "भ्रामक", "Misleading"),
    ("false", 1, "गलत", "False"),
    ("unverified", 0, "अपुष्ट", "Unverified"),
)
MAX_LOGO = 512 << 10  # bytes; a logo is shown small
LOGO_PATH_RE = re.compile(r"([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*")  # nothing hidden, no '..'
IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".gif": "GIF", ".svg": "SVG"}
MAGIC = {"PNG": re.compile(b"\x89PNG\r\n\x1a\n"), "JPEG": re.compile(b"\xff\xd8\xff"), "GIF": re.compile(b"GIF8[79]a"),
         "WebP": re.compile(b"RIFF....WEBP", re.S)}
SVG_FIX = ("remove it (an SVG logo may not have scripts, event handlers, javascript: URLs, <foreignObject>, "
           "external references or a DOCTYPE)")
SVG_DECLARATION_RE = re.compile(r"<!(DOCTYPE|ENTITY)", re.I)
XML_DECLARATION_RE = re.compile(r"<\?xml\s[^>]*\?>")
OTHER_ENCODING_RE = re.compile(r"encoding\s*=\s*[\"'](?!utf-?8[\"'])", re.I)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
LOCAL_REF_RE = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp)[;,])", re.I)
PAGE_SIZE = 20  # checks per list page when site.yaml does not say
SITE_KEYS = ("languages", "title", "description", "base_url", "publisher")
SITE_OPTIONAL = ("verdicts", "cname", "share_images", "page_size", "topics", "extra")


def load_config(content: Path, sink: list[ContentError], preview: bool = False, base_url: str | None = None,
                share_images: bool = True) -> SiteConfig | None:
    """Read and check site.yaml; `base_url` overrides the file's for one build, `share_images=False` its switch."""
    found = read_yaml_file(content / "site.yaml", content, sink, "create site.yaml with languages, title, description, base_url and publisher",
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
        share_images=read_switch(read, keys["share_images"], "share_images") if "share_images" in keys else True,
        page_size=read_page_size(read, keys["page_size"]) if "page_size" in keys else PAGE_SIZE,
        extra=read_extra(read, keys["extra"]) if "extra" in keys else EMPTY,
        topics=read_topics(read, keys["topics"], languages, preview) if "topics" in keys else (),
    )
    config["share_images"] = config["share_images"] and share_images
    if base_url is not None:
        config["base_url"] = base_url if BASE_URL_RE.fullmatch(base_url) else None
        if config["base_url"] is None:
            Errors("--base-url", sink=sink).add(0, f"{quote(base_url)} is not valid", "use an absolute http(s) URL ending in '/'")
    if config["verdicts"] is None:
        return None
    # The errors are recorded; stand-ins let the checks be read too, so one run reports everything.
    stand_in = dict(title=Localized({}), description=Localized({}), base_url="", publisher=Publisher(Localized({}), ""), extra=EMPTY,
                    topics=())
    return SiteConfig(**{key: stand_in[key] if value is None and key in stand_in else value for key, value in config.items()})


def read_page_size(read: Reader, node) -> int | None:
    """page_size: how many checks a list page shows, a whole number of at least 1."""
    value = read.number(node, "page_size", integer=True)
    if value is not None and value < 1:
        read.fail(node, f"page_size {value} is below 1", "write a whole number of checks per page, e.g. 20")
        return None
    return value


def read_switch(read: Reader, node, what: str) -> bool | None:
    """A yes-or-no setting, written true or false."""
    value = read.text(node, what)
    if value is not None and value not in ("true", "false"):
        read.fail(node, f"{what} {quote(value)} is not true or false", "write true or false")
        return None
    return None if value is None else value == "true"


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
    keys = read.mapping(node, "publisher", ("name", "url"), ("logo", "contact", "funding"))
    if keys is None:
        return None
    name = read.localized(keys["name"], "publisher name", languages, preview, allow_plain=True)
    url = read.url(keys["url"], "publisher url", URL_RE, "an http(s) URL")
    logo = read_logo(read, keys["logo"], content) if "logo" in keys else ("", b"")
    contact = read_contact(read, keys["contact"]) if "contact" in keys else False
    funding = read.localized(keys["funding"], "publisher funding", languages, preview) if "funding" in keys else False
    if None in (name, url, logo, contact, funding):
        return None
    return Publisher(name, url, logo[0] or None, logo[1], contact or None, funding or None)


def read_contact(read: Reader, node) -> Contact | None:
    """publisher.contact: how readers send a claim or ask for a correction."""
    keys = read.mapping(node, "publisher contact", (), ("email", "whatsapp", "url"))
    if keys is None:
        return None
    if not keys:
        read.fail(node, "publisher contact gives no way to reach the desk", "give at least one of email, whatsapp and url")
        return None
    values = dict(
        email=read.pattern(keys["email"], "contact email", EMAIL_RE, "an e-mail address such as desk@example.org") if "email" in keys else "",
        whatsapp=read.pattern(keys["whatsapp"], "contact whatsapp", PHONE_RE,
                              "a number in international form, e.g. +91 98765 43210") if "whatsapp" in keys else "",
        url=read.url(keys["url"], "contact url", URL_RE, "an http(s) URL") if "url" in keys else "",
    )
    return None if None in values.values() else Contact(**{k: v or None for k, v in values.items()})


def read_logo(read: Reader, node, content: Path) -> tuple[str, bytes] | None:
    """The logo's path under content/ and its bytes: an image of the type its name says, an SVG without active parts."""
    rel = read.text(node, "publisher logo")
    if rel is None:
        return None
    kind = IMAGE_TYPES.get(PurePosixPath(rel).suffix.lower())
    if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
        read.fail(node, f"publisher logo {quote(rel)} is not a file in the content folder", "give a path such as static/logo.svg relative to content/")
    elif not LOGO_PATH_RE.fullmatch(rel):
        read.fail(node, f"publisher logo {quote(rel)} is not a plain path",
                  "use letters, digits, '-', '_' and '.' in names separated by '/', e.g. static/logo.svg")
    elif kind is None:
        read.fail(node, f"publisher logo {quote(rel)} is not an image tathya accepts", "use a .png, .jpg, .jpeg, .webp, .gif or .svg file")
    elif not exists(content / rel):
        read.fail(node, f"publisher logo {quote(rel)} is not a file in the content folder", "give a path such as static/logo.svg relative to content/")
    elif (data := read_bytes(content / rel, content, Errors(content / rel, sink=read.errs.sink), MAX_LOGO)) is not None:
        problem = image_problem(data, kind)
        if problem is None:
            return rel, data
        read.fail(node, f"publisher logo {quote(rel)} {problem[0]}", problem[1])
    return None


def image_problem(data: bytes, kind: str) -> tuple[str, str] | None:
    """Why an image may not be published as the `kind` its name says (problem, fix), if it may not."""
    if kind == "SVG":
        return svg_problem(data)
    if not MAGIC[kind].match(data):
        return f"is not a {kind} image (its first bytes say otherwise)", f"save it again as {kind}, or name it for what it is"
    return None


def svg_problem(data: bytes) -> tuple[str, str] | None:
    """What keeps an SVG from being published as it is (problem, fix); such a file is refused, never cleaned."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    declaration = XML_DECLARATION_RE.match(text or "")
    if text is None or "\0" in text or declaration and OTHER_ENCODING_RE.search(declaration.group()):
        return "is not UTF-8 text", "save it as UTF-8"
    if SVG_DECLARATION_RE.search(text):  # before parsing: entities are how XML bombs expand
        return "contains a DOCTYPE or entity declaration", SVG_FIX
    if "<?" in text[declaration.end() if declaration else 0:]:
        return "contains a processing instruction (<?...?>)", SVG_FIX
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return f"is not well-formed XML ({exc})", "save it again as plain SVG"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "is not an SVG image (its outer element is not <svg>)", "save it again as plain SVG"
    found = next(filter(None, map(active_part, root.iter())), None)
    return (f"contains {found}", SVG_FIX) if found else None


def active_part(element: ElementTree.Element) -> str | None:
    """What in one SVG element could run a script or fetch something when the file is opened, if anything."""
    name = element.tag.rsplit("}", 1)[-1]
    if name in ("script", "foreignObject"):
        return f"a <{name}> element"
    styles = [element.text or ""] if name == "style" else []
    for attribute, value in element.attrib.items():
        attribute = attribute.rsplit("}", 1)[-1]
        if attribute.lower().startswith("on"):
            return f"an event handler attribute {quote(attribute)}"
        if "javascript:" in re.sub(r"[\x00-\x20]", "", value).lower():
            return "a javascript: URL"
        if attribute in ("href", "src") and not LOCAL_REF_RE.match(value):
            return f"an external reference {quote(value.strip())}"
        styles.append(value)
    for style in styles:
        if "\\" in style:  # a CSS escape can spell url( or @import
            return "a CSS escape (\\)"
        if "@import" in style.lower():
            return "an external reference '@import'"
        external = [target for target in CSS_URL_RE.findall(style) if not LOCAL_REF_RE.match(target)]
        if external:
            return f"an external reference {quote(external[0].strip())}"
    return None


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


def read_topics(read: Reader, node, languages, preview) -> tuple[Topic, ...] | None:
    """The subjects checks can be filed under: each an id and a label per language."""
    def topic(item) -> Topic | None:
        keys = read.mapping(item, "topic", ("id", "label"))
        if keys is None:
            return None
        tid = read.pattern(keys["id"], "topic id", ID_RE, "lowercase a-z, 0-9 and '-'")
        label = read.localized(keys["label"], "topic label", languages, preview)
        return None if None in (tid, label) else Topic(tid, label)
    return read.items(node, "topics", topic, unique=lambda t: t.id,
                      duplicate=("topic id '{}' is listed twice", "give each topic its own id"))


def default_verdicts(languages: tuple[str, ...]) -> tuple[Verdict, ...]:
    """The contract's default scale; languages beyond hi and en get the English label."""
    return tuple(
        Verdict(vid, rating, Localized({lang: hi if lang.split("-")[0] == "hi" else en for lang in languages}))
        for vid, rating, hi, en in DEFAULT_VERDICTS
    )
