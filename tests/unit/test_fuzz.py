"""Random mutations of a valid tree end in a clean error or a valid build, never a traceback; random settings stay text."""

from __future__ import annotations

import html
import os
import re
import shutil
import string
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markupsafe
from escaping_support import audit_site, render_site, structure
from hypothesis import HealthCheck, given, settings, strategies as st

from tathya import seo
from tathya.errors import BuildFailed
from tathya.load import load_site
from tathya.models import Localized, Publisher
from tathya.pipeline import build

MINI = Path(__file__).resolve().parent.parent / "golden" / "mini" / "input"
FILES = ["site.yaml", "checks/moon-cheese/claims.yaml", "checks/moon-cheese/article.hi.md",
         "checks/moon-cheese/article.en.md", "about.en.md"]
PIECES = [":", "- ", "[", "]", "{", "}", "'", '"', "\t", "  ", "\n", "---\n", "true", "false", "null", "~", "yes", "1e9",
          "&a", "*a", "!!python/object:os.system", "2025-13-45", "é", "\u0301", "क़", "\ufeff", "\r\n", "\x00", "\x85", "#",
          "<script>", "javascript:", "- id: x\n", "verdict: false", "quote: {}", "figures: [1]", "languages: []"]


@st.composite
def mutation(draw):
    """One edit: which file, where, what to cut, what to put in."""
    return (draw(st.sampled_from(FILES)), draw(st.floats(0, 1)), draw(st.integers(0, 40)),
            draw(st.lists(st.sampled_from(PIECES), max_size=3).map("".join)))


def apply(root: Path, edit) -> None:
    name, where, cut, insert = edit
    path = root / name
    data = path.read_bytes()
    at = int(where * len(data))
    path.write_bytes(data[:at] + insert.encode("utf-8", "surrogatepass") + data[at + cut:])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=4))
def test_mutated_tree_builds_or_fails_cleanly(edits):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(MINI, root)
        for edit in edits:
            apply(root, edit)
        try:
            result = build(root, Path(tmp) / "site")
        except BuildFailed as exc:
            assert exc.errors, "a failed build names at least one error"
            assert all(str(e).split(":", 1)[0].startswith(str(root)) for e in exc.errors), exc.report()
            assert not (Path(tmp) / "site").exists()
        else:
            assert result.pages > 0 and (Path(tmp) / "site" / "index.html").is_file()


# --- settings that reach pages: escaped for each place, whatever they hold ---------------------------------------
# Characters a base_url path or a title might hold if validation let them: markup, quotes, URL delimiters, Hindi.
PATH_CHARS = string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%\"<>\\`{}|^[] /तथ्य"
TEXT_CHARS = string.ascii_letters + "<>&'\"/=;:- !()[]{}`#\\तथ्यक्या"
_REFERENCE: dict = {}


def mini_site():
    """The mini fixture as loaded, and its pages' markup (elements and attribute names), loaded once."""
    if not _REFERENCE:
        site = load_site(MINI)
        with tempfile.TemporaryDirectory() as tmp:
            render_site(site, Path(tmp))
            _REFERENCE.update(site=site, shape=structure(Path(tmp)))
    return _REFERENCE["site"], _REFERENCE["shape"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.text(PATH_CHARS, max_size=24), title=st.text(TEXT_CHARS, min_size=1, max_size=30),
       name=st.text(TEXT_CHARS, min_size=1, max_size=20), publisher_path=st.text(PATH_CHARS, max_size=16))
def test_settings_reach_pages_as_text_and_encoded_urls(path, title, name, publisher_path):
    """No tag, attribute or URL in base_url, the site title or the publisher escapes its place (validation bypassed)."""
    site, reference = mini_site()
    base_url = f"https://e.org/{path}/"
    config = replace(site.config, base_url=base_url, title=Localized({"hi": title, "en": title}),
                     publisher=replace(site.config.publisher, name=Localized({"hi": name, "en": name}),
                                       url=f"https://example.org/{publisher_path}"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        render_site(replace(site, config=config), out)
        findings = audit_site(out)
        assert findings.problems == []
        assert structure(out) == reference
        assert findings.has(title) and findings.has(name)
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', (out / "en/index.html").read_text(encoding="utf-8"))[1]
        assert canonical == markupsafe.escape(seo.safe_url(base_url) + "en/")
        if "%" not in path:  # a valid escape in the setting stands for itself
            assert unquote(urlsplit(html.unescape(canonical)).path) == f"/{path}/en/"
        not_found = (out / "404.html").read_text(encoding="utf-8")
        assert all(href.startswith(("/", "#", "https://", "mailto:")) and not href.startswith("//")
                   for href in re.findall(r'(?:href|src)="([^"]*)"', not_found))


def test_ci_profile_draws_new_examples_and_prints_how_to_replay_a_failure():
    """tests/conftest.py replaces Hypothesis's derandomized built-in "ci" profile (loaded wherever CI is set)."""
    ci = settings.get_profile("ci")
    assert ci.derandomize is False and ci.print_blob is True and ci.database is None and ci.max_examples == 200
    if os.environ.get("CI"):
        assert settings.get_current_profile_name() == "ci" and settings().derandomize is False
