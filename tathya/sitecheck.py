"""`build.py check --offline`: a built site's links, #fragments, HTML, JSON-LD, XML and sizes, without network."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from .errors import ContentError
from .parallel import fork_map

SHARE_KB = 300  # WhatsApp drops a larger link preview image
PAGE_KB = 400  # twice the shipped sample's largest page (a 19-claim check in Hindi, 194 KB)
SITE_MB = 500  # half of GitHub Pages' 1 GB limit on a published site
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
OPTIONAL_END = frozenset("html head body p li dt dd tr td th thead tbody tfoot colgroup option optgroup rp rt".split())  # HTML closes these itself
LINK_ATTRIBUTES = frozenset(("href", "src", "xlink:href"))
FIX_LINK = "fix the template or content that writes it, or build again"
FIX_HTML = "close the tag in the template, or in the article's HTML"


@dataclass
class Page:
    """What one built page holds: its ids, its links and the problems found while reading it."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)
    share_images: list[tuple[int, str]] = field(default_factory=list)  # og:image, also among links
    problems: list[tuple[int, str, str]] = field(default_factory=list)


class PageReader(HTMLParser):
    """Reads one page with the standard library's html.parser: ids, links, tag nesting, JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.open = Page(), []  # open: (tag, line) of each element not closed yet
        self.json_ld: list[str] | None = None  # the text of the JSON-LD script being read, and its line
        self.json_ld_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's id and links; remember it as open unless it is void."""
        self.handle_startendtag(tag, attrs)
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self.json_ld, self.json_ld_line = [], self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's id (or an anchor's name) and the URLs of its link attributes."""
        line = self.getpos()[0]
        for name, value in attrs:
            if name == "id" or (name == "name" and tag == "a"):
                if value in self.page.ids and name == "id":
                    self.page.problems.append((line, f"id {value!r} is used twice", "give each element its own id"))
                self.page.ids.add(value or "")
            elif name in LINK_ATTRIBUTES and value is not None:
                self.page.links.append((line, value.strip()))
        if tag == "meta" and ("property", "og:image") in attrs:
            url = (dict(attrs).get("content") or "").strip()
            self.page.links.append((line, url))
            self.page.share_images.append((line, url))

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element; a mismatch is reported against the tag it should close."""
        line = self.getpos()[0]
        if tag == "script" and self.json_ld is not None:
            self.check_json_ld()
        if not any(name == tag for name, _ in self.open):
            self.page.problems.append((line, f"</{tag}> closes no open <{tag}>", FIX_HTML))
            return
        while self.open:
            name, opened = self.open.pop()
            if name == tag:
                return
            if name not in OPTIONAL_END:
                self.page.problems.append((opened, f"<{name}> is not closed before </{tag}> on line {line}", FIX_HTML))

    def handle_data(self, data: str) -> None:
        """Collect the text of a JSON-LD script."""
        if self.json_ld is not None:
            self.json_ld.append(data)

    def check_json_ld(self) -> None:
        """The JSON-LD script just closed must parse as JSON."""
        try:
            json.loads("".join(self.json_ld or []))
        except ValueError as exc:
            self.page.problems.append((self.json_ld_line, f"JSON-LD does not parse: {exc}", "fix the JSON-LD the template writes (seo.py or the template)"))
        self.json_ld = None

    def read(self, text: str) -> Page:
        """Read a whole page; every element still open at its end is unclosed."""
        self.feed(text)
        self.close()
        for name, opened in [(name, opened) for name, opened in self.open if name not in OPTIONAL_END]:
            self.page.problems.append((opened, f"<{name}> is never closed", FIX_HTML))
        return self.page


def read_page(path: Path) -> Page:
    """Parse one built HTML page."""
    return PageReader().read(path.read_text(encoding="utf-8", errors="replace"))


def read_xml(path: Path) -> Page:
    """Parse one built XML file (feed, sitemap) with expat: its href attributes and <loc> URLs, or why it does not parse."""
    page, parser, text = Page(), expat.ParserCreate(), []

    def start(name: str, attrs: dict[str, str]) -> None:
        text.clear()
        if "href" in attrs:
            page.links.append((parser.CurrentLineNumber, attrs["href"]))

    def end(name: str) -> None:
        if name == "loc":
            page.links.append((parser.CurrentLineNumber, "".join(text).strip()))

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text.append
    try:
        parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as exc:
        page.problems.append((exc.lineno, f"XML does not parse: {expat.errors.messages[exc.code]}", "fix the template that writes it"))
    return page


def resolve(url: str, page: str, base_url: str) -> tuple[str, str] | None:
    """A link's target as (site-relative path, fragment); None for another site's; ("..", "") when it leaves the site."""
    base_path = urlsplit(base_url).path or "/"
    if url.startswith(base_url):
        url = base_path + url[len(base_url):]
    elif urlsplit(url).scheme or url.startswith("//"):
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return ("..", "")
        path = path[len(base_path):]
    elif path:
        path = posixpath.join(posixpath.dirname(page), path)
    else:
        path = page
    path = posixpath.normpath(path + "index.html" if path.endswith("/") or not path else path)
    return (path if path != ".." and not path.startswith("../") else "..", unquote(parts.fragment))


def link_problem(url: str, rel: str, base_url: str, pages: dict[str, Page], files: set[str]) -> tuple[str, str] | None:
    """What is wrong with one link of page `rel`, as (problem, fix), or None."""
    target = resolve(url, rel, base_url)
    if target is None:
        return None
    path, fragment = target
    if path == "..":
        return (f"link {url!r} leads out of the site", FIX_LINK)
    if path not in files and path + "/index.html" in files:
        path += "/index.html"
    if path not in files:
        return (f"link {url!r}: no file {path} in the built site", FIX_LINK)
    if fragment and path in pages and fragment not in pages[path].ids:
        return (f"link {url!r}: no id {fragment!r} in {path}", "link to an id the page has, or give the element that id")
    return None


def share_image_problem(path: Path) -> str | None:
    """What is wrong with a share image for chat apps: not a 1200x630 PNG, or over 300 KB (WhatsApp drops it)."""
    with path.open("rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return "is not a PNG"
    size = (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big"))
    if size != (1200, 630):
        return f"is {size[0]}x{size[1]}, not 1200x630"
    if path.stat().st_size > SHARE_KB * 1024:
        return f"is {path.stat().st_size / 1024:.0f} KB, over {SHARE_KB} KB"
    return None


def size_problems(sizes: dict[str, int], page_kb: float, site_mb: float) -> list[ContentError]:
    """A page over the page budget, and a site over the site budget."""
    problems = [ContentError(rel, 0, f"page is {size / 1024:.0f} KB, over the budget of {page_kb:g} KB",
                             "split the check or shorten it, or raise --max-page-kb")
                for rel, size in sizes.items() if rel.endswith(".html") and size > page_kb * 1024]
    total = sum(sizes.values())
    if total > site_mb * 1024 * 1024:
        problems.append(ContentError(".", 0, f"site is {total / 1024 / 1024:.0f} MB, over the budget of {site_mb:g} MB",
                                     "remove large files from static/ or content/, or raise --max-site-mb"))
    return problems


def check_site(root: Path, base_url: str, *, page_kb: float = PAGE_KB, site_mb: float = SITE_MB,
               shown_as: str = "") -> tuple[list[ContentError], str]:
    """Every problem of the built site in `root` (its paths shown under `shown_as`), and a summary line."""
    sizes = {p.relative_to(root).as_posix(): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}
    html = [rel for rel in sizes if rel.endswith(".html")]
    pages = dict(zip(html, fork_map(read_page, [root / rel for rel in html], 1 if len(html) < 400 else None)))
    pages.update({rel: read_xml(root / rel) for rel in sizes if rel.endswith(".xml")})
    problems, files = size_problems(sizes, page_kb, site_mb), set(sizes)
    for rel, page in pages.items():
        problems += [ContentError(rel, line, problem, fix) for line, problem, fix in page.problems]
        for line, url in page.links:
            found = link_problem(url, rel, base_url, pages, files)
            if found:
                problems.append(ContentError(rel, line, *found))
        for line, url in page.share_images:
            target = resolve(url, rel, base_url)
            found = share_image_problem(root / target[0]) if target and target[0] in files else None
            if found:
                problems.append(ContentError(rel, line, f"share image {target[0]} {found}", "build again to draw it"))
    problems = sorted({replace(p, path=posixpath.normpath(posixpath.join(shown_as, p.path))) for p in problems})
    return problems, summary(sizes, len(html), len(problems))


def built_for(root: Path) -> str | None:
    """The address a site was built for: the first <loc> of its sitemap (the entry page's URL), if it has one."""
    try:
        text = (root / "sitemap.xml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    start = text.find("<loc>")
    end = text.find("</loc>", start)
    return text[start + 5:end].strip() if start >= 0 and end > start else None


def address_hint(root: Path, base_url: str) -> str | None:
    """When the site was built for another address than the one it is checked against, what to pass instead."""
    built = built_for(root)
    if built and built != base_url and built.endswith("/"):
        return (f"(the site was built for {built} but is checked against {base_url}; "
                f"check it with --base-url {built}, as it was built)")
    return None


def summary(sizes: dict[str, int], page_count: int, problem_count: int) -> str:
    """One line: what was checked, the largest page, and how many problems."""
    html = {rel: size for rel, size in sizes.items() if rel.endswith(".html")}
    largest = max(html, key=html.__getitem__, default=None)
    biggest = f"; largest page {largest}, {html[largest] / 1024:.0f} KB" if largest else ""
    found = f"{problem_count} problem{'s' if problem_count != 1 else ''}" if problem_count else "no problems"
    return f"site checked offline: {page_count} pages, {len(sizes)} files, {sum(sizes.values()) / 1024:.0f} KB{biggest}: {found}"
