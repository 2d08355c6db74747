"""The whole path from content/ to site/: outputs, safety, atomicity, determinism."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from tathya.cli import main
from tathya.errors import BuildFailed
from tathya.pipeline import build

CLAIMS = "checks/moon-cheese/claims.yaml"
ROOT = Path(__file__).resolve().parent.parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_build_writes_every_output_of_the_contract(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "cname: facts.example.org\n")
    build(Path("content"), Path("site"))
    files = set(snapshot(Path("site")))
    assert {
        "index.html", "hi/index.html", "en/index.html", "hi/moon-cheese/index.html", "en/moon-cheese/index.html",
        "hi/moon-cheese/claims/cheese/index.html", "en/moon-cheese/claims/cost/index.html", "en/about/index.html",
        "hi/feed.xml", "en/feed.xml", "404.html", "sitemap.xml", "robots.txt", ".nojekyll", "CNAME",
    } <= files
    assert "hi/about/index.html" not in files  # about.hi.md does not exist
    assert read(Path("site"), "CNAME") == "facts.example.org\n"


def test_check_page_carries_the_stable_hooks(tree):
    build(Path("content"), Path("site"))
    html = read(Path("site"), "en/moon-cheese/index.html")
    assert '<html lang="en">' in html
    assert re.search(r'<article class="claim-card" id="claim-cheese" data-verdict="false"', html)
    assert '<a id="quote-cost" class="quote" href="#claim-cost"><mark>$25.8 billion</mark></a>' in html
    assert '<a href="#quote-cheese">Read it in the article</a>' in html
    assert '<link rel="alternate" hreflang="hi" href="https://example.github.io/mini/hi/moon-cheese/">' in html
    assert '<link rel="canonical" href="https://example.github.io/mini/en/moon-cheese/">' in html
    assert '<script type="application/ld+json">' in html


def test_language_switch_leads_to_the_same_claim(tree):
    build(Path("content"), Path("site"))
    html = read(Path("site"), "hi/moon-cheese/claims/cost/index.html")
    assert '<a href="../../../../en/moon-cheese/claims/cost/index.html" hreflang="en" lang="en" rel="alternate">English</a>' in html


def test_language_switch_without_a_translation_leads_home(tree):
    build(Path("content"), Path("site"))
    html = read(Path("site"), "en/about/index.html")
    assert '<a href="../../hi/index.html" hreflang="hi" lang="hi" rel="alternate">हिन्दी</a>' in html


def test_hindi_pages_show_hindi_dates_and_strings(tree):
    build(Path("content"), Path("site"))
    html = read(Path("site"), "hi/moon-cheese/index.html")
    assert '<time datetime="2025-04-20">20 अप्रैल 2025</time>' in html
    assert "25.8 अरब डॉलर" in html and "हमारा निष्कर्ष" in html
    assert '<time datetime="2025-04-20">April 20, 2025</time>' in read(Path("site"), "en/moon-cheese/index.html")
    assert "$25.8 billion" in read(Path("site"), "en/moon-cheese/index.html")


def test_home_lists_checks_newest_first_with_tally(tree):
    import shutil

    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("checks/older"))
    tree.replace("checks/older/claims.yaml", "published: 2025-04-20", "published: 2024-01-01")
    tree.replace("checks/older/claims.yaml", "Is the Moon made of cheese?", "An older check")
    build(Path("content"), Path("site"))
    html = read(Path("site"), "en/index.html")
    assert html.index("Is the Moon made of cheese?") < html.index("An older check")
    assert "Mostly true: 1</a></li>" in html and "False: 1</a></li>" in html


def test_links_between_pages_are_relative(tree):
    build(Path("content"), Path("site"))
    for rel, text in snapshot(Path("site")).items():
        if rel.endswith(".html") and rel != "404.html":
            hrefs = re.findall(rb'(?:href|src)="([^"]+)"', text)
            internal = [h for h in hrefs if not re.match(rb"(https?:|mailto:|#)", h)]
            assert all(not h.startswith(b"/") for h in internal), (rel, internal)


def test_404_page_links_work_from_any_depth(tree):
    build(Path("content"), Path("site"))
    html = read(Path("site"), "404.html")
    assert 'href="/mini/assets/tathya.css"' in html and 'href="/mini/en/index.html"' in html


def test_raw_html_in_markdown_cannot_run_script(tree):
    tree.write("checks/moon-cheese/article.en.md", tree.path("checks/moon-cheese/article.en.md").read_text(encoding="utf-8") + (
        '\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) '
        '<a href="JaVaScRiPt:alert(4)">x</a> <iframe src="https://evil.example"></iframe> <p style="x" onclick="alert(5)">y</p>\n'))
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Roughly <script>alert(6)</script> right <b onmouseover=alert(7)>x</b>."')
    build(Path("content"), Path("site"))
    for rel, data in snapshot(Path("site")).items():
        if rel.endswith(".html"):
            text = data.decode().lower()
            assert "alert(" not in text.replace("&lt;script&gt;alert(", ""), rel
            assert "javascript:" not in text and "onerror" not in text and "onclick" not in text and "<iframe" not in text, rel


def test_every_page_has_a_strict_content_security_policy(tree):
    build(Path("content"), Path("site"))
    for rel, data in snapshot(Path("site")).items():
        if rel.endswith(".html"):
            assert b"default-src &#39;none&#39;; script-src &#39;self&#39;" in data, rel


def test_failed_build_leaves_site_byte_identical(tree):
    build(Path("content"), Path("site"))
    before = snapshot(Path("site"))
    mtimes = {p: p.stat().st_mtime_ns for p in Path("site").rglob("*")}
    tree.replace(CLAIMS, "verdict: false", "verdict: nonsense")
    with pytest.raises(BuildFailed):
        build(Path("content"), Path("site"))
    assert snapshot(Path("site")) == before
    assert {p: p.stat().st_mtime_ns for p in Path("site").rglob("*")} == mtimes
    assert sorted(p.name for p in Path(".").iterdir()) == [".tathya-cache", "content", "site"]  # no staging folder left


def test_template_error_leaves_site_untouched_and_names_the_template(tree, monkeypatch, tmp_path):
    import shutil
    from tathya import pipeline

    build(Path("content"), Path("site"))
    before = snapshot(Path("site"))
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.TEMPLATES, templates)
    (templates / "claim.html").write_text("{% extends 'base.html' %}{% block main %}{{ h.nothing() }}{% endblock %}")
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"))
    assert str(info.value.errors[0]).startswith(f"{templates}/claim.html:1: template error: ")
    assert snapshot(Path("site")) == before


def test_two_builds_are_byte_identical(tree):
    build(Path("content"), Path("one"))
    build(Path("content"), Path("two"))
    assert snapshot(Path("one")) == snapshot(Path("two"))


def test_unchanged_files_are_not_rewritten(tree):
    build(Path("content"), Path("site"))
    inode = Path("site/en/index.html").stat().st_ino
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Roughly right, as it happens."')
    result = build(Path("content"), Path("site"))
    assert Path("site/en/index.html").stat().st_ino == inode
    assert 0 < result.written < result.pages


def test_cli_build_prints_one_summary_line(tree, capsys):
    assert main(["--content", "content", "--out", "out"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert re.fullmatch(r"built 26 pages and 6 share cards \(\d+ written\) into out: 1 check, 2 claims, 2 languages in \d+ ms", out[0])


def test_cli_content_error_exits_1_with_the_report(tree, capsys):
    tree.replace(CLAIMS, "verdict: false", "verdict: nonsense")
    assert main(["build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"content/{CLAIMS}:15: unknown verdict 'nonsense'; use one of true, mostly-true, misleading, false, unverified"
    assert err[-1] == "build failed: 1 error, site not written"


def test_cli_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", "--bogus"])
    assert info.value.code == 2


def test_cli_base_url_overrides_site_yaml(tree):
    assert main(["--base-url", "https://fork.github.io/facts/"]) == 0
    assert '<link rel="canonical" href="https://fork.github.io/facts/en/">' in read(Path("site"), "en/index.html")


def test_build_py_help_runs_as_a_script():
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True).stdout
    assert "build" in out and "serve" in out and "check" in out


def test_missing_ui_translation_fails_the_build(tree, monkeypatch, tmp_path):
    import shutil
    from tathya import pipeline

    locales = tmp_path / "locales"
    shutil.copytree(pipeline.LOCALES, locales)
    po = locales / "hi/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "सच्चाई"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(pipeline, "LOCALES", locales)
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"))
    assert [str(e).split(": ", 1)[1] for e in info.value.errors] == ["UI string 'Reality' is not translated; write its msgstr (`python build.py catalogues` lists every one)"]


def test_progress_is_drawn_on_a_terminal_only(tree, capsys, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["--out", "tty"]) == 0
    err = capsys.readouterr().err
    assert "\rbuilding [" in err and "] 27/27" in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert main(["--out", "log"]) == 0
    assert capsys.readouterr().err == ""


def test_installed_tathya_command_builds(tree):
    tathya = Path(sys.executable).with_name("tathya")
    if not tathya.exists():
        pytest.skip("tathya is not installed in this environment (pip install -e .)")
    done = subprocess.run([str(tathya), "build", "--out", "cmd-site"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built 26 pages and 6 share cards") and Path("cmd-site/index.html").is_file()


def test_two_claims_quoting_a_passage_that_occurs_twice_mark_two_places(tree):
    tree.write("checks/moon-cheese/article.en.md", tree.path("checks/moon-cheese/article.en.md").read_text(encoding="utf-8")
               + "\nCritics repeat it: $25.8 billion.\n")
    tree.replace(CLAIMS, 'en: "the Moon is made entirely of cheese"', 'en: "$25.8 billion"')
    build(Path("content"), Path("site"))
    html = read(Path("site"), "en/moon-cheese/index.html")
    first = '<a id="quote-cheese" class="quote" href="#claim-cheese"><mark>$25.8 billion</mark></a>'
    second = '<a id="quote-cost" class="quote" href="#claim-cost"><mark>$25.8 billion</mark></a>'
    assert html.count(first) == 1 and html.count(second) == 1 and html.index(first) < html.index(second)


def stamps(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under a folder: its bytes (None for a folder) and its mtime in ns."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def test_two_processes_without_a_shared_cache_build_byte_identical_sites(tree, tmp_path):
    """Separate interpreters (their own hash seeds), separate cold caches, one reading on every core and one not."""
    import os

    runs = []
    for name, seed, jobs in (("one", "1", []), ("two", "2", ["--jobs", "1"])):
        env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TATHYA_CACHE_DIR")}
        env.update(TATHYA_CACHE_DIR=str(tmp_path / f"cache-{name}"), PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", "content", "--out", name, *jobs],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        runs.append(snapshot(Path(name)))
    assert sorted(runs[0]) == sorted(runs[1])
    assert [rel for rel in runs[0] if runs[0][rel] != runs[1][rel]] == []
    assert (tmp_path / "cache-one").is_dir() and (tmp_path / "cache-two").is_dir()


@pytest.mark.parametrize("broken, problem", [
    ("{% if %}", "template syntax error: Expected an expression, got 'end of statement block'"),
    ("<p>{{ no_such_value }}</p>", "template error: 'no_such_value' is undefined"),
])
def test_broken_template_exits_1_naming_its_line_and_leaves_the_site_untouched(tree, monkeypatch, tmp_path, capsys,
                                                                                 broken, problem):
    import shutil
    from tathya import pipeline

    assert main(["--content", "content", "--out", "site"]) == 0
    before = stamps(Path("site"))
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.TEMPLATES, templates)
    lines = (templates / "claim.html").read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if '<p class="breadcrumb">' in line)
    assert at >= 5  # well below the page's first lines
    lines[at] = broken + "\n"
    (templates / "claim.html").write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    capsys.readouterr()
    assert main(["--content", "content", "--out", "site"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{templates}/claim.html:{at + 1}: {problem}; fix the template"
    assert err[-1].startswith("build failed: ")
    assert stamps(Path("site")) == before
    assert sorted(p.name for p in Path(".").iterdir()) == [".tathya-cache", "content", "site", "templates"]  # no staging left
