"""A desk of many checks written from a small model, a theme that reads across checks, and builds to compare.

The content is written from CheckSpec values (the mini fixture's claims.yaml and
articles, cut into parts), so that every edit keeps it valid: each claim's quote
stays in its articles, dates stay distinct. The theme is the repository's
templates and catalogues with every page printing every check's title and first
reality, the about page listing every check, and a partial macro on check pages.
"""

from __future__ import annotations

import difflib
import random
import re
import shutil
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from tathya import pipeline
from tathya.cache import Cache
from tathya.errors import BuildFailed
from tathya.pipeline import build
from tathya.rebuild import Rebuilder

MINI = Path(__file__).resolve().parent.parent / "golden" / "mini" / "input"
MINI_CHECK = MINI / "checks" / "moon-cheese"
LANGS = ("hi", "en")
WORDS = (("बेसाल्ट", "basalt"), ("धूल", "dust"), ("गड्ढा", "crater"), ("ज्वार", "tide"),
         ("कक्षा", "orbit"), ("सागर", "mare"), ("ग्रहण", "eclipse"), ("चंद्रमा", "moonlight"))
REALITY = "@REALITY@"  # where a claim block's reality goes
VERDICT_LINE = re.compile(r"^    verdict: .*$", re.M)

# --- the theme -----------------------------------------------------------

UI_STRING = "Every fact-check on this site"
EVERY_CHECK = """<section class="equivalence">
<h2>{{ _("%s") }} (edition 0)</h2>
{%% for c in site.checks %%}
<div class="equivalence-check">{{ c.title|t }} {{ c.claims[0].reality|md }}</div>
{%% endfor %%}
</section>
""" % UI_STRING
ABOUT_LIST = """
<ul class="equivalence-list">
{% for c in site.checks %}
<li>{{ c.title|t }}, {{ c.published|date }}</li>
{% endfor %}
</ul>
"""
PARTIAL = "_partials/equivalence.html"
PARTIAL_TEXT = '{% macro site_name() %}<p class="equivalence-site">{{ config.title[lang] }} (partial 0)</p>{% endmacro %}\n'
PARTIAL_CALL = '\n{% from "_partials/equivalence.html" import site_name %}\n{{ site_name() }}\n'
TRANSLATIONS = {"hi": "इस साइट की हर जाँच (0)", "en": UI_STRING}


def insert(path: Path, anchor: str, text: str, before: bool = False) -> None:
    """Put text after (or before) the one place `anchor` is in a template; fail clearly if it is not there once."""
    source = path.read_text(encoding="utf-8")
    assert source.count(anchor) == 1, f"{path.name} changed shape: {anchor!r} is there {source.count(anchor)} times, not once"
    path.write_text(source.replace(anchor, text + anchor if before else anchor + text), encoding="utf-8")


def bump(path: Path, pattern: str, serial: int) -> Path:
    """Replace the one number in `pattern` (a regex with a \\d+ group) with `serial`."""
    source = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, lambda m: m.group(0).replace(m.group(1), str(serial)), source)
    assert count == 1, f"{pattern!r} is in {path} {count} times, not once"
    path.write_text(new, encoding="utf-8")
    return path


@dataclass
class Theme:
    """Templates and catalogues in a folder of their own, with the edits that make pages read across checks."""

    folder: Path
    serial: int = 0

    @property
    def templates(self) -> Path:
        return self.folder / "templates"

    @property
    def locales(self) -> Path:
        return self.folder / "locales"

    @classmethod
    def prepare(cls, folder: Path, every_page: bool = True, partial: bool = True) -> Theme:
        """The repository's theme (pipeline.TEMPLATES and LOCALES as they are now) copied and changed.

        The about page always lists every check; with `every_page`, base.html prints every
        check's title and first reality (under a new UI string); with `partial`, check pages
        call a new macro in _partials/.
        """
        theme = cls(folder)
        shutil.copytree(pipeline.TEMPLATES, theme.templates)
        shutil.copytree(pipeline.LOCALES, theme.locales)
        insert(theme.templates / "about.html", "{% block main %}", ABOUT_LIST)
        if partial:
            (theme.templates / PARTIAL).write_text(PARTIAL_TEXT, encoding="utf-8")
            insert(theme.templates / "check.html", "{% block main %}", PARTIAL_CALL)
        if not every_page:
            return theme
        insert(theme.templates / "base.html", "</main>", EVERY_CHECK, before=True)
        for lang, text in TRANSLATIONS.items():
            catalogue = theme.po(lang)
            assert f'msgid "{UI_STRING}"' not in catalogue.read_text(encoding="utf-8")
            with catalogue.open("a", encoding="utf-8") as fp:
                fp.write(f'\nmsgid "{UI_STRING}"\nmsgstr "{text}"\n')
        return theme

    def po(self, lang: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / "messages.po"

    def copy(self, folder: Path) -> Theme:
        shutil.copytree(self.folder, folder)
        return Theme(folder, self.serial)

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(pipeline, "TEMPLATES", self.templates)
        monkeypatch.setattr(pipeline, "LOCALES", self.locales)

    def edit_template(self) -> Path:
        self.serial += 1
        return bump(self.templates / "base.html", r"\(edition (\d+)\)", self.serial)

    def edit_partial(self) -> Path:
        self.serial += 1
        return bump(self.templates / PARTIAL, r"\(partial (\d+)\)", self.serial)

    def edit_ui_string(self) -> Path:
        self.serial += 1
        return bump(self.po("hi"), r'msgstr "इस साइट की हर जाँच \((\d+)\)"', self.serial)


# --- the content ---------------------------------------------------------

def mini_parts() -> tuple[str, list[str], str]:
    """The mini check's claims.yaml as its head, one block per claim (reality left as REALITY) and its tail."""
    text = (MINI_CHECK / "claims.yaml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("\nclaims:\n")
    assert sep, "the mini fixture's claims.yaml has no 'claims:' line"
    claims, sep, tail = rest.partition("\ncorrections:\n")
    assert sep, "the mini fixture's claims.yaml has no 'corrections:' line"
    blocks = []
    for block in claims.split("  - id: ")[1:]:
        block, count = re.subn(r"^    reality:(?: \{.*\}|\n      hi: .*\n      en: .*)$", "    reality: " + REALITY,
                               "  - id: " + block.rstrip("\n") + "\n", flags=re.M)
        assert count == 1, f"a mini claim's reality has changed shape:\n{block}"
        blocks.append(block)
    return head + "\n", blocks, "corrections:\n" + tail


HEAD, MINI_BLOCKS, TAIL = mini_parts()
MINI_REALITIES = [("अपोलो मिशन 382 किलो चट्टान लाए थे।", "The Apollo missions brought back 382 kg of rock."),
                  ("लगभग सही।", "Roughly right.")]
MINI_TITLE = ("क्या चाँद पनीर का बना है?", "Is the Moon made of cheese?")
FIRST_PUBLISHED = date(2025, 4, 20)


def sub_once(pattern: str, new: str, text: str, what: str) -> str:
    text, count = re.subn(pattern, lambda m: new, text, flags=re.M)
    assert count == 1, f"{what}: {pattern!r} matched {count} times, not once"
    return text


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    block: str                              # claims.yaml lines, with REALITY where the reality goes
    reality: tuple[str, str]                # (hi, en)
    paragraph: tuple[str, str] | None = None  # (hi, en) added to the articles: it holds the quotes

    def yaml(self, verdict: str | None = None) -> str:
        block = self.block.replace(REALITY, '{hi: "%s", en: "%s"}' % self.reality)
        return sub_once(VERDICT_LINE.pattern, f"    verdict: {verdict}", block, "verdict") if verdict else block


@dataclass(frozen=True)
class CheckSpec:
    slug: str
    title: tuple[str, str]
    published: date
    claims: tuple[ClaimSpec, ...]
    notes: tuple[str, str] = ("", "")       # (hi, en) paragraphs an editor added to the articles

    def claims_yaml(self, broken: str | None = None) -> str:
        head = sub_once(r"^title: .*$", 'title: {hi: "%s", en: "%s"}' % self.title, HEAD, "mini claims.yaml title")
        head = sub_once(r"^published: .*$", f"published: {self.published.isoformat()}", head, "mini published")
        later = (self.published + timedelta(days=2)).isoformat()
        head = sub_once(r"^updated: .*$", f"updated: {later}", head, "mini updated")
        tail = sub_once(r"^  - date: .*$", f"  - date: {later}", TAIL, "mini correction date")
        blocks = [claim.yaml("nonsense" if broken == "verdict" and i == 0 else None) for i, claim in enumerate(self.claims)]
        text = head + "claims:\n" + "".join(blocks) + tail
        return text + "oops: [\n" if broken == "yaml" else text

    def article(self, lang: str, broken: str | None = None) -> str:
        i = LANGS.index(lang)
        text = (MINI_CHECK / f"article.{lang}.md").read_text(encoding="utf-8").rstrip("\n")
        if broken == "article" and lang == "en":  # no claim's English quote is left
            return text.split("\n---\n", 1)[0] + "\n---\nNothing to see here.\n"
        extra = [c.paragraph[i] for c in self.claims if c.paragraph] + ([self.notes[i]] if self.notes[i] else [])
        return text + "".join("\n\n" + p for p in extra) + "\n"


class Desk:
    """A content tree of many checks, and the edits an editor makes to it; each edit returns the paths it saved."""

    BREAKAGES = ("verdict", "yaml", "article", "site.yaml")
    WHOLE = 6  # checks with every claim of the mini check

    def __init__(self, root: Path, checks: int, minimum: int = 1):
        self.root = root
        self.minimum = minimum  # checks a removal leaves at least
        self.serial = 0
        self.site_title = ("परीक्षण डेस्क", "Test desk")
        self.broken: tuple[str, str] | None = None  # (breakage, slug)
        root.mkdir(parents=True, exist_ok=True)
        for name in ("site.yaml", "about.en.md"):
            shutil.copyfile(MINI / name, root / name)
        shutil.rmtree(root / "checks", ignore_errors=True)
        self.checks: dict[str, CheckSpec] = {}
        claims = tuple(ClaimSpec(b.split("\n", 1)[0].removeprefix("  - id: "), b, r) for b, r in zip(MINI_BLOCKS, MINI_REALITIES))
        for i in range(checks):
            title = MINI_TITLE if i == 0 else (f"{MINI_TITLE[0]} {i}", f"{MINI_TITLE[1]} {i}")
            # The first few checks have both of the mini check's claims, the others its first: fewer pages, faster builds.
            spec = CheckSpec("moon-cheese" if i == 0 else f"moon-{i:02d}", title, FIRST_PUBLISHED - timedelta(days=3 * i),
                             claims if i < self.WHOLE else claims[:1])
            self.put(spec)

    # --- writing ---
    def folder(self, slug: str) -> Path:
        return self.root / "checks" / slug

    def put(self, spec: CheckSpec) -> list[Path]:
        """Write a check's files (broken the way self.broken says, if it names this check)."""
        self.checks[spec.slug] = spec
        broken = self.broken[0] if self.broken and self.broken[1] == spec.slug else None
        folder = self.folder(spec.slug)
        folder.mkdir(parents=True, exist_ok=True)
        files = {"claims.yaml": spec.claims_yaml(broken), **{f"article.{lang}.md": spec.article(lang, broken) for lang in LANGS}}
        changed = []
        for name, text in files.items():
            path = folder / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed.append(path)
        return changed

    def write_site(self) -> Path:
        path = self.root / "site.yaml"
        text = sub_once(r"^title: .*$", 'title: {hi: "%s", en: "%s"}' % self.site_title,
                        (MINI / "site.yaml").read_text(encoding="utf-8"), "mini site.yaml title")
        if self.broken and self.broken[0] == "site.yaml":
            text = sub_once(r"^languages: \[hi, en\]$", "languages: [hi, en", text, "mini site.yaml languages")
        path.write_text(text, encoding="utf-8")
        return path

    def texts(self) -> tuple[int, str, str]:
        """A serial number and a word pair never used before, so that every edit changes something."""
        self.serial += 1
        hi, en = WORDS[self.serial % len(WORDS)]
        return self.serial, hi, en

    # --- edits ---
    def apply(self, kind: str, pick: int) -> tuple[str, list[Path]]:
        """Make one edit of this kind; `pick` chooses the check, claim and language. Returns what was done and the paths saved."""
        rnd = random.Random(pick)
        slug = rnd.choice(sorted(self.checks))
        spec = self.checks[slug]
        n, hi, en = self.texts()
        if kind == "article":
            lang = rnd.choice(LANGS)
            notes = list(spec.notes)
            notes[LANGS.index(lang)] = (f"एक पाठक ने {hi} के बारे में लिखा (टिप्पणी {n})।" if lang == "hi"
                                        else f"A reader wrote about the {en} (note {n}).")
            return f"article.{lang}.md of {slug}", self.put(replace(spec, notes=tuple(notes)))
        if kind == "title":
            return f"title of {slug}", self.put(replace(spec, title=(f"{hi} का सच {n}", f"The truth about the {en} {n}")))
        if kind == "reality":
            at = rnd.randrange(len(spec.claims))
            claims = list(spec.claims)
            claims[at] = replace(claims[at], reality=(f"{hi} कुछ और दिखाता है, *संपादन {n}*।", f"The {en} shows otherwise, *edit {n}*."))
            return f"reality of claim {at} of {slug}", self.put(replace(spec, claims=tuple(claims)))
        if kind == "add claim":
            quote = (f"चाँद खोखला है, स्रोत {n} कहता है", f"the Moon is hollow, says source {n}")
            block = (f"  - id: hollow-{n}\n    verdict: misleading\n"
                     f'    claim: {{hi: "चाँद खोखला है ({n})।", en: "The Moon is hollow ({n})."}}\n'
                     f'    quote: {{hi: "{quote[0]}", en: "{quote[1]}"}}\n'
                     f"    reality: {REALITY}\n"
                     f"    sources:\n      - title: Seismic record {n}\n        url: https://example.org/seismic-{n}\n")
            claim = ClaimSpec(f"hollow-{n}", block, (f"भूकंप के आँकड़े {hi} दिखाते हैं।", f"Seismic data show {en}."),
                              (f"कुछ लोगों के अनुसार {quote[0]}।", f"Some write that {quote[1]}."))
            return f"claim hollow-{n} added to {slug}", self.put(replace(spec, claims=spec.claims + (claim,)))
        if kind == "remove claim":
            slug = rnd.choice(sorted(s for s, c in self.checks.items() if len(c.claims) > 1) or [slug])
            spec = self.checks[slug]
            if len(spec.claims) == 1:
                return "nothing (no check has two claims)", []
            at = rnd.randrange(len(spec.claims))
            claims = spec.claims[:at] + spec.claims[at + 1:]
            return f"claim {spec.claims[at].id} removed from {slug}", self.put(replace(spec, claims=claims))
        if kind == "add check":
            newest = max(c.published for c in self.checks.values())
            new = replace(spec, slug=f"added-{n}", title=(f"नई जाँच {hi} {n}", f"New check on the {en} {n}"),
                          published=newest + timedelta(days=1 + rnd.randrange(2)) if rnd.random() < 0.5
                          else min(c.published for c in self.checks.values()) - timedelta(days=1))
            self.put(new)
            return f"check {new.slug} added (a copy of {slug})", [self.folder(new.slug)]
        if kind == "remove check":
            if len(self.checks) <= self.minimum:
                return f"nothing (only {self.minimum} checks are left)", []
            del self.checks[slug]
            shutil.rmtree(self.folder(slug))
            return f"check {slug} removed", [self.folder(slug)]
        if kind == "site title":
            self.site_title = (f"{hi} डेस्क {n}", f"The {en} desk {n}")
            return "site.yaml's title", [self.write_site()]
        raise ValueError(kind)

    def break_(self, pick: int) -> tuple[str, list[Path]]:
        """Make the content invalid in one of several ways."""
        rnd = random.Random(pick)
        breakage, slug = rnd.choice(self.BREAKAGES), rnd.choice(sorted(self.checks))
        self.broken = (breakage, slug)
        if breakage == "site.yaml":
            return "site.yaml broken (YAML syntax)", [self.write_site()]
        return f"{slug} broken ({breakage})", self.put(self.checks[slug])

    def fix(self) -> list[Path]:
        """Undo the breakage."""
        breakage, slug = self.broken
        self.broken = None
        return [self.write_site()] if breakage == "site.yaml" else self.put(self.checks[slug])


# --- builds and comparing them --------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def difference(warm: dict[str, bytes], clean: dict[str, bytes], names: tuple[str, str] = ("warm", "clean"),
               lines: int = 40) -> str | None:
    """None when the two sites are the same, else the first differing file and a short unified diff."""
    if warm == clean:
        return None
    differing = sorted(n for n in set(warm) | set(clean) if warm.get(n) != clean.get(n))
    first = differing[0]
    if first not in warm:
        detail = f"only the {names[1]} site has it"
    elif first not in clean:
        detail = f"only the {names[0]} site has it"
    else:
        cut = lambda b: [line[:240] for line in b.decode("utf-8", "replace").splitlines()]  # noqa: E731
        diff = list(difflib.unified_diff(cut(clean[first]), cut(warm[first]), f"{names[1]}/{first}", f"{names[0]}/{first}",
                                         n=1, lineterm=""))
        detail = "\n".join(diff[:lines] + ([f"... ({len(diff) - lines} more diff lines)"] if len(diff) > lines else []))
    more = f" (and {len(differing) - 1} more: {', '.join(differing[1:6])}{', ...' if len(differing) > 6 else ''})" if len(differing) > 1 else ""
    return f"first differing file {first}{more}:\n{detail}"


def assert_same(warm: dict[str, bytes], clean: dict[str, bytes], after: str) -> None:
    problem = difference(warm, clean)
    assert problem is None, f"after {after}, the warm build differs from a clean build; {problem}"


class Bench:
    """One desk and theme in a folder, built warm (same cache, same output) or through the preview's Rebuilder.

    Clean builds go to a new output folder with a new cache folder, on two jobs.
    """

    def __init__(self, folder: Path, theme: Theme, checks: int, minimum: int = 1, rebuilder: bool = False):
        self.folder, self.theme = folder, theme
        self.desk = Desk(folder / "content", checks, minimum=minimum)
        self.out = folder / "site"
        self.preview = rebuilder
        self.log: list[str] = []
        self.cleans = 0
        self.last_clean: dict[str, bytes] | None = None
        self.rebuilder = Rebuilder(self.desk.root, self.out, preview=True) if rebuilder else None

    def first(self, jobs: int | None = None) -> None:
        """The cold build, checked against a clean one."""
        if self.rebuilder:
            self.rebuilder.build()
            self.compare("the first build")
        else:
            self.warm([], jobs)
            self.compare(f"the first build (jobs={jobs})")

    def warm(self, paths: list[Path], jobs: int | None = None) -> None:
        """The Rebuilder told of the saved paths, or a build into the same folder with the same cache folder."""
        if self.rebuilder:
            self.rebuilder.rebuild(paths)
        else:
            build(self.desk.root, self.out, preview=self.preview, jobs=jobs, cache=Cache.open(self.folder / "cache"))

    def clean(self) -> dict[str, bytes]:
        """A build into a new folder with a new cache folder; its files."""
        self.cleans += 1
        out, cache = self.folder / f"clean-{self.cleans}", self.folder / f"clean-cache-{self.cleans}"
        try:
            build(self.desk.root, out, preview=self.preview, jobs=2, cache=Cache.open(cache))
            return snapshot(out)
        finally:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)

    def compare(self, after: str, changed: bool = False) -> None:
        clean = self.clean()
        assert_same(snapshot(self.out), clean, " then ".join(self.log + [after]))
        if changed:  # each edit shows somewhere: else the test's edit missed its mark
            assert clean != self.last_clean, f"{after} changed nothing in a clean build: the test's edit is not effective"
        self.last_clean = clean

    def edit(self, kind: str, pick: int, jobs: int | None = None) -> str:
        """One edit, then a warm build (on `jobs`) that must equal a clean one. Returns what was done."""
        if kind == "broken":
            return self.broken(pick, jobs)
        if kind == "template":
            what, paths = "a word in base.html", [self.theme.edit_template()]
        elif kind == "partial":
            what, paths = "the partial macro", [self.theme.edit_partial()]
        elif kind == "ui string":
            what, paths = "a Hindi UI string", [self.theme.edit_ui_string()]
        else:
            what, paths = self.desk.apply(kind, pick)
        if not self.rebuilder:
            what += f" (jobs={jobs})"
        if not paths:
            return what
        self.warm(paths, jobs)
        self.compare(what, changed=True)
        self.log.append(what)
        return what

    def broken(self, pick: int, jobs: int | None = None) -> str:
        """Invalid content: the warm build fails and leaves the site; fixed, it equals a clean build again."""
        before = snapshot(self.out)
        what, paths = self.desk.break_(pick)
        if not self.rebuilder:
            what += f" (jobs={jobs})"
        try:
            self.warm(paths, jobs)
        except BuildFailed:
            pass
        else:
            raise AssertionError(f"after {what}, the warm build did not fail")
        problem = difference(snapshot(self.out), before, ("after", "before"))
        assert problem is None, f"after {what}, the warm build failed but changed the site (it must leave it as it was); {problem}"
        try:
            self.clean()
        except BuildFailed:
            pass
        else:
            raise AssertionError(f"after {what}, a clean build did not fail: the test's breakage is not an error")
        self.warm(self.desk.fix(), jobs)
        self.compare(f"{what} and fixed")
        self.log.append(f"{what} and fixed")
        return what
