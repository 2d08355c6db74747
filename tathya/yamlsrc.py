"""Reading YAML nodes into checked values, with the line of every problem.

Values are read from the parser's nodes, not from PyYAML's constructed
objects, so `verdict: false` stays the string "false", a title of `2025`
stays text, and every error can name the line it came from.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import yaml

from .errors import Errors, quote
from .files import exists, read_text
from .models import Localized
from .slips import empty_text, yaml_slip

Node = yaml.Node
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
NULL_TAG = "tag:yaml.org,2002:null"
NULLS = frozenset({"~", "null", "Null", "NULL", ""})  # YAML 1.1's plain nulls, as PyYAML's resolver reads them
MAX_DEPTH = 50  # nested lists and mappings in one YAML document; the contract needs seven
PROPERTY_RE = re.compile(r"[&*]")  # how an anchor and an alias begin
NODE_STARTS = frozenset("[{,:?-\n\r\x85\u2028\u2029\ufeff")  # what may stand before one (spaces aside): YAML 1.1's line breaks too
UNSAFE_URL_RE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\"'<>\\`]")  # characters a URL cannot hold unescaped


class NodeResolver(yaml.resolver.BaseResolver):
    """Tags only as far as tathya reads them (a plain null, or text): PyYAML's own resolver, trying bools,
    numbers and dates on every scalar that tathya reads from the nodes anyway, took a quarter of the time."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return NULL_TAG if value in NULLS and implicit[0] else self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node, current_index) -> None:  # no path resolvers to follow
        pass

    def ascend_resolver(self) -> None:
        pass


class PureLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, NodeResolver):
    """PyYAML's own parser and composer, with tathya's resolver: for where libyaml is missing."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        NodeResolver.__init__(self)

    def fetch_flow_collection_start(self, TokenClass):
        # libyaml's limit and message; past it, PyYAML's scanner takes time quadratic in the depth
        if self.flow_level >= 1000:
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


if hasattr(yaml, "CSafeLoader"):  # libyaml: the same nodes, ten times faster
    class LOADER(yaml.cyaml.CParser, NodeResolver):
        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            NodeResolver.__init__(self)
else:
    LOADER = PureLoader


def parse_yaml(text: str, errs: Errors, offset: int = 0) -> Node | None:
    """The document's root node, or None after recording the syntax error, an anchor or too deep a nesting."""
    anchor = first_anchor(text) if may_have_anchor(text) else None
    if anchor is not None:
        errs.add(anchor + offset, "YAML anchors and aliases (&name, *name) are not supported", "write the value out in full")
        return None
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        line, column, problem, fix = yaml_slip(text, exc)
        errs.add(line + 1 + offset, problem, fix, column)
        return None
    except yaml.YAMLError as exc:
        errs.add(offset + 1, f"invalid YAML: {exc}", "fix the syntax")
        return None
    except RecursionError:  # PyYAML's own composer recurses at every level (libyaml stops at 1000 itself)
        errs.add(0, f"YAML is nested more than {MAX_DEPTH} levels deep", "flatten it")
        return None
    deep = too_deep(root)
    if deep is not None:
        errs.add(deep.start_mark.line + 1 + offset, f"YAML is nested more than {MAX_DEPTH} levels deep", "flatten it")
        return None
    return root


def may_have_anchor(text: str) -> bool:
    """False when no '&' or '*' stands where a node can begin: Markdown's *emphasis* spares parsing twice."""
    for match in PROPERTY_RE.finditer(text):
        before = text[max(0, match.start() - 200):match.start()].rstrip(" \t")
        if not before or before[-1] in NODE_STARTS or before.rsplit(None, 1)[-1].startswith("!"):  # '!' begins a tag
            return True
    return False


def first_anchor(text: str) -> int | None:
    """The line of the first anchor or alias: refused, as aliases can repeat a value a billion times."""
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return event.start_mark.line + 1
    except yaml.YAMLError:  # the composer reports it
        pass
    return None


def too_deep(root: Node | None) -> Node | None:
    """The first node nested more than MAX_DEPTH lists and mappings down, walked level by level."""
    level = [root] if isinstance(root, (yaml.SequenceNode, yaml.MappingNode)) else []
    for _ in range(MAX_DEPTH):
        below = []
        for node in level:
            items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            below += [n for n in items if not isinstance(n, yaml.ScalarNode)]
        level = list({id(n): n for n in below}.values())  # a node an alias repeats is walked once (aliases are refused before)
    return level[0] if level else None


def read_yaml_file(path: Path, content: Path, sink: list, missing_fix: str, empty_fix: str) -> tuple[Reader, Node] | None:
    """A required YAML file's root node and a Reader for it, or None after recording why not."""
    errs = Errors(path, sink=sink)
    if not exists(path):
        errs.add(0, "is missing", missing_fix)
        return None
    return yaml_document(read_text(path, content, errs), errs, empty_fix)


def yaml_document(text: str | None, errs: Errors, empty_fix: str) -> tuple[Reader, Node] | None:
    """The root node of a YAML file's text (None when it could not be read) and a Reader for it."""
    errs.lines = (text or "").splitlines()
    root = parse_yaml(text, errs) if text is not None else None
    if root is None:
        if text is not None and not text.strip():
            errs.add(1, "is empty", empty_fix)
        return None
    return Reader(errs), root


class Reader:
    """Checks nodes of one YAML file and records what is wrong with them."""

    def __init__(self, errs: Errors, offset: int = 0):
        self.errs = errs
        self.offset = offset

    def line(self, node: Node) -> int:
        """The 1-based line where a node starts in the file."""
        return node.start_mark.line + 1 + self.offset

    def fail(self, node: Node, problem: str, fix: str) -> None:
        """Record a problem at a node's line."""
        self.errs.add(self.line(node), problem, fix)

    def mapping(self, node: Node, what: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Node] | None:
        """A mapping's values by key, after checking unknown, missing and repeated keys."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of keys to values", "write `key: value` lines")
            return None
        required = list(required)
        allowed, suggested = required + list(optional), set()  # a key named as the fix of a typo is not missing too
        values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # never str() it: a key may hold a whole document
                kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
                self.fail(key_node, f"a key in {what} is a {kind}, not a name", "write a plain name before the colon")
                continue
            key = key_node.value
            if key in values:
                self.fail(key_node, f"duplicate key {quote(key)} in {what}", "keep only one of them")
            elif key not in allowed:
                near = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6) if len(key) <= 100 else []
                suggested.update(near)
                hint = f"did you mean '{near[0]}'?" if near else f"remove it (the keys {what} takes: {', '.join(allowed)})"
                self.fail(key_node, f"unknown key {quote(key)} in {what}", hint)
            values[key] = value_node
        for key in required:
            if key not in values and key not in suggested:
                self.fail(node, f"{what} is missing the required key '{key}'", f"add `{key}:`")
        return values if all(k in values for k in required) else None

    def sequence(self, node: Node, what: str, min_items: int = 0) -> list[Node] | None:
        """A list's item nodes, checking it is a list with enough items."""
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list", "write one `- item` per line")
            return None
        if len(node.value) < min_items:
            self.fail(node, f"{what} must have at least {min_items} item{'s' * (min_items > 1)}", "add one")
            return None
        return list(node.value)

    def items(self, node: Node, what: str, read_item, min_items: int = 0, unique=None, duplicate: tuple[str, str] = ("", "")) -> tuple | None:
        """A list whose every item `read_item` turns into a value; None when any item failed. With `unique`, two
        items giving the same unique(value) are an error: duplicate[0] (formatted with that value), fix duplicate[1]."""
        nodes = self.sequence(node, what, min_items)
        if nodes is None:
            return None
        values, seen = [], set()
        for item in nodes:
            value = read_item(item)
            if value is not None and unique is not None and unique(value) in seen:
                self.fail(item, duplicate[0].format(unique(value)), duplicate[1])
            elif value is not None:
                values.append(value)
                seen.add(unique(value) if unique else None)
        return tuple(values) if len(values) == len(nodes) else None

    def choice(self, node: Node, what: str, known: dict, where: str):
        """One of the `known` ids (as text), its value; an unknown id suggests the nearest, or lists them."""
        value = self.text(node, what)
        if value is None:
            return None
        if value in known:
            return known[value]
        near = difflib.get_close_matches(value.lower(), list(known), n=1, cutoff=0.6)
        hint = (f"did you mean '{near[0]}'?" if near else f"use one of {', '.join(known)}" if known
                else "none are defined yet")
        self.fail(node, f"unknown {what} {quote(value)}", f"{hint} ({where})")
        return None

    def text(self, node: Node, what: str) -> str | None:
        """A non-empty scalar as text, exactly as written (never a bool or number)."""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, f"{what} must be text", "write it on the same line after the colon, quoted if needed")
            return None
        value = node.value.strip()
        if not value or (node.tag == NULL_TAG and not node.style):
            self.errs.add(self.line(node), *empty_text(what, self.errs.lines, self.line(node), node.start_mark.column))
            return None
        return node.value if node.style in ("|", ">") else value

    def pattern(self, node: Node, what: str, regex: re.Pattern, expected: str) -> str | None:
        """Text that must match a pattern, e.g. an id or a URL."""
        value = self.text(node, what)
        if value is not None and not regex.fullmatch(value):
            self.fail(node, f"{what} {quote(value)} is not valid", f"use {expected}")
            return None
        return value

    def url(self, node: Node, what: str, regex: re.Pattern, expected: str) -> str | None:
        """A URL of the form `regex` matches, refusing characters that could end an attribute or a tag."""
        value = self.text(node, what)
        unsafe = UNSAFE_URL_RE.search(value) if value is not None else None
        if unsafe:
            self.fail(node, f"{what} {quote(value)} contains {quote(unsafe.group())}, which a URL cannot hold", "write it %-escaped")
            return None
        return None if value is None else self.pattern(node, what, regex, expected)

    def date(self, node: Node, what: str) -> date | None:
        """A YYYY-MM-DD date that exists."""
        value = self.text(node, what)
        if value is None:
            return None
        try:
            if not DATE_RE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(node, f"{what} {quote(value)} is not a valid date", "write an existing date as YYYY-MM-DD")
            return None

    def number(self, node: Node, what: str, integer: bool = False) -> int | float | None:
        """A finite number written without quotes."""
        value = self.text(node, what)
        if value is None:
            return None
        try:
            if node.style:  # quoted: the editor meant text
                raise ValueError
            number = float(value.replace("_", ""))
            if not math.isfinite(number) or (integer and not number.is_integer()):
                raise ValueError
        except ValueError:
            kind = "a whole number" if integer else "a number"
            self.fail(node, f"{what} {quote(value)} is not {kind}", f"write {kind} without quotes, e.g. 5576000")
            return None
        return int(number) if number.is_integer() else number

    def localized(self, node: Node, what: str, languages: tuple[str, ...], preview: bool, allow_plain: bool = False) -> Localized | None:
        """Text per language; a missing language fails a build and falls back in preview."""
        if allow_plain and isinstance(node, yaml.ScalarNode):
            value = self.text(node, what)
            return None if value is None else Localized({lang: value for lang in languages})
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must give the text per language", "write e.g. `{" + ", ".join(f'{l}: ...' for l in languages) + "}`")
            return None
        values = self.mapping(node, what, (), languages)
        if values is None:
            return None
        texts = {lang: self.text(values[lang], f"{what} ({lang})") for lang in languages if lang in values}
        if any(v is None for v in texts.values()):
            return None
        missing = [lang for lang in languages if lang not in texts]
        if missing and not preview:
            self.fail(node, f"{what} has no text for {', '.join(missing)}", f"add `{missing[0]}: ...` (every language of site.yaml is required)")
            return None
        if not texts:
            return None
        fallback = next(texts[lang] for lang in languages if lang in texts)
        return Localized({lang: texts.get(lang, fallback) for lang in languages}, frozenset(missing))
