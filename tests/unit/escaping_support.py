"""Reading a built site as browsers, feed readers and search engines read it, to find markup that came from input.

audit_site() parses every HTML page with html.parser, every JSON-LD block with
json.loads and every XML file with xml.etree (and the HTML a feed carries as
text, as a feed reader renders it), and lists what a content or settings value
could have smuggled in: an element, an event handler, a javascript: URL, a
refresh, or a script block that ends early. It also collects every text, attribute
value and JSON-LD string, so a test can see that a value arrived intact, as text.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# The only scripts the templates write: the site's own files (Pagefind's UI is one, under pagefind/), and ClaimReview JSON-LD.
OWN_SCRIPTS = ("assets/tathya.js", "assets/livereload.js", "assets/search.js", "pagefind/pagefind-ui.js")
# The one form the templates write: the header's search box (its action is the search page's URL).
OWN_FORM = {"class": "site-search", "role": "search"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "background", "data"}
# Elements that no template or Markdown writes; their presence means input became markup.
FOREIGN = {"img", "iframe", "object", "embed", "form", "base", "style", "tathya-evil"}


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    strings: set[str] = field(default_factory=set)  # texts, attribute values and JSON-LD strings, unescaped

    def has(self, value: str) -> bool:
        """Whether a value reached the output whole, as text."""
        return any(value in s for s in self.strings)


class PageParser(HTMLParser):
    """Records what a page's markup holds that input must never produce."""

    def __init__(self, where: str, findings: Findings):
        super().__init__(convert_charrefs=True)
        self.where, self.findings = where, findings
        self.script: dict | None = None  # the open <script>'s attributes and text

    def problem(self, what: str) -> None:
        self.findings.problems.append(f"{self.where}: {what}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        own_form = tag == "form" and all(attributes.get(k) == v for k, v in OWN_FORM.items()) \
            and (attributes.get("action") or "").endswith(("search/", "search/index.html"))
        if tag in FOREIGN and not own_form:
            self.problem(f"<{tag}> element {attrs}")
        for name, value in attrs:
            value = value or ""
            self.findings.strings.add(value)
            if name.startswith("on"):
                self.problem(f"event handler {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and "".join(value.split()).lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problem(f"{name}={value!r} on <{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() not in ("", "content-security-policy"):
            self.problem(f"<meta http-equiv={attributes['http-equiv']!r}>")
        if tag == "script":
            if attributes.get("type") != "application/ld+json" and not (attributes.get("src") or "").endswith(OWN_SCRIPTS):
                self.problem(f"foreign script {attrs}")
            self.script = {"attrs": attributes, "text": []}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"].append(data)
        else:
            self.findings.strings.add(data)

    def handle_endtag(self, tag):
        if tag != "script" or self.script is None:
            return
        text, attributes, self.script = "".join(self.script["text"]), self.script["attrs"], None
        if attributes.get("type") != "application/ld+json":
            if text.strip():
                self.problem(f"inline script {text[:80]!r}")
            return
        if "<" in text or ">" in text:  # json_ld() spells them \u003c, \u003e: nothing can close the block
            self.problem(f"raw < or > in JSON-LD {text[:80]!r}")
        try:
            data = json.loads(text)
        except ValueError as exc:
            self.problem(f"JSON-LD does not parse ({exc}): {text[:120]!r}")
            return
        self.findings.strings.update(json_strings(data))


def json_strings(data) -> list[str]:
    """Every string in a JSON value, keys aside."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in json_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in json_strings(value)]
    return []


def audit_html(text: str, where: str, findings: Findings) -> None:
    parser = PageParser(where, findings)
    parser.feed(text)
    parser.close()
    if parser.script is not None:
        findings.problems.append(f"{where}: a <script> is never closed")


def audit_xml(text: str, where: str, findings: Findings) -> None:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        findings.problems.append(f"{where}: not well-formed XML ({exc})")
        return
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in FOREIGN or name == "script":
            findings.problems.append(f"{where}: <{name}> element in XML")
        findings.strings.update(v for v in element.attrib.values())
        if element.text:
            findings.strings.add(element.text)
        if element.get("type") == "html" and element.text:  # a feed reader renders it as HTML
            audit_html(element.text, f"{where} <{name} type=html>", findings)


def audit_site(folder: Path) -> Findings:
    """What every page, feed, sitemap and JSON-LD block of a built site lets through."""
    findings = Findings()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or rel.startswith(("assets/", "pagefind/")):
            continue
        if rel.endswith(".html"):
            audit_html(path.read_text(encoding="utf-8"), rel, findings)
        elif rel.endswith(".xml"):
            audit_xml(path.read_text(encoding="utf-8"), rel, findings)
        elif rel == "robots.txt":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and line.split(":", 1)[0] not in ("User-agent", "Allow", "Disallow", "Sitemap"):
                    findings.problems.append(f"robots.txt: unexpected line {line!r}")
    return findings


class ShapeParser(HTMLParser):
    """The elements of a page with their attribute names, in order: its markup without the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_endtag(self, tag):
        self.shape.append(("/" + tag,))


def structure(folder: Path) -> dict[str, list[tuple]]:
    """Every HTML and XML file of a built site as its elements and attribute names (see ShapeParser)."""
    shapes = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.endswith(".html") and not rel.startswith(("assets/", "pagefind/")):
            parser = ShapeParser()
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
            shapes[rel] = parser.shape
        elif rel.endswith(".xml"):
            root = ET.fromstring(path.read_bytes())
            shapes[rel] = [(e.tag, tuple(sorted(e.attrib))) for e in root.iter()]
    return shapes


def render_site(site, folder: Path) -> None:
    """Draw every page of a Site object as the build would, into `folder`: no settings validation, no cache."""
    from tathya import pipeline
    from tathya.i18n import load_catalogues
    from tathya.plan import plan_pages
    from tathya.render import Renderer

    sink: list = []
    catalogues = load_catalogues(pipeline.LOCALES, site.config.languages, sink)
    assert sink == []
    renderer = Renderer(pipeline.TEMPLATES, catalogues, site)
    for page in plan_pages(site):
        path = folder / page.out_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(renderer.render(page), encoding="utf-8")
