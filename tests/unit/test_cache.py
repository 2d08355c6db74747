"""The build cache never serves stale output, and a damaged cache is only ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tathya import pipeline
from tathya.cache import Cache
from tathya.pipeline import build

CLAIMS = "checks/moon-cheese/claims.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_copies(tree, count: int) -> None:
    """checks/copy-0 ... copy-<count-1>, each a copy of moon-cheese."""
    for i in range(count):
        shutil.copytree(tree.path("checks/moon-cheese"), tree.path(f"checks/copy-{i}"))


def read_on_several_cores(monkeypatch) -> None:
    """Read and draw even a few checks in forked workers."""
    monkeypatch.setattr(pipeline, "FORK_FROM", 1)


@pytest.fixture
def theme(tmp_path, monkeypatch):
    """Templates and catalogues copied where a test may edit them."""
    for name in ("TEMPLATES", "LOCALES"):
        copy = tmp_path / name.lower()
        shutil.copytree(getattr(pipeline, name), copy)
        monkeypatch.setattr(pipeline, name, copy)
    return tmp_path


def edit(tree, theme, kind: str) -> None:
    """Change one input of the given kind."""
    if kind == "article":
        tree.replace("checks/moon-cheese/article.en.md", "The Apollo missions cost", "The Apollo programme cost")
    elif kind == "claims":
        tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Right, give or take."')
    elif kind == "site.yaml":
        tree.replace("site.yaml", 'en: "Test desk"', 'en: "Moon desk"')
    elif kind == "template":
        path = theme / "templates/_partials/claim_card.html"
        path.write_text(path.read_text(encoding="utf-8").replace('class="card-sources"', 'class="card-sources edited"'), encoding="utf-8")
    elif kind == "ui string":
        path = theme / "locales/hi/LC_MESSAGES/messages.po"
        path.write_text(path.read_text(encoding="utf-8").replace('msgstr "सच्चाई"', 'msgstr "असलियत"'), encoding="utf-8")


@pytest.mark.parametrize("kind", ["article", "claims", "site.yaml", "template", "ui string"])
def test_warm_build_after_an_edit_equals_a_clean_build(tree, theme, kind):
    cache = Cache.open(Path("cache"))
    build(Path("content"), Path("site"), cache=cache)
    before = snapshot(Path("site"))
    edit(tree, theme, kind)
    result = build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    build(Path("content"), Path("clean"), cache=Cache(None, "fresh"))
    assert snapshot(Path("site")) == snapshot(Path("clean"))
    assert snapshot(Path("site")) != before and result.written > 0


def test_no_change_rebuild_draws_and_writes_nothing(tree):
    build(Path("content"), Path("site"))
    mtimes = {p: p.stat().st_mtime_ns for p in Path("site").rglob("*") if p.is_file()}
    result = build(Path("content"), Path("site"))
    assert result.written == 0
    assert {p: p.stat().st_mtime_ns for p in Path("site").rglob("*") if p.is_file()} == mtimes


def test_hand_edited_output_is_redrawn(tree):
    build(Path("content"), Path("site"))
    page = Path("site/en/moon-cheese/index.html")
    clean = page.read_bytes()
    page.write_text("tampered")
    build(Path("content"), Path("site"))
    assert page.read_bytes() == clean


def test_removed_check_loses_its_pages(tree):
    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("checks/second"))
    build(Path("content"), Path("site"))
    assert Path("site/en/second/claims/cost/index.html").is_file()
    shutil.rmtree(tree.path("checks/second"))
    build(Path("content"), Path("site"))
    build(Path("content"), Path("clean"), cache=Cache(None, "fresh"))
    assert snapshot(Path("site")) == snapshot(Path("clean"))
    assert not Path("site/en/second").exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x04\x95garbage"])
def test_corrupt_cache_is_ignored(tree, damage):
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    (Path("cache") / "index.pickle").write_bytes(damage)
    kept = list(Path("cache").glob("checks-*/*"))
    assert kept
    for path in kept:
        path.write_bytes(damage)
    build(Path("content"), Path("site2"), cache=Cache.open(Path("cache")))
    assert snapshot(Path("site")) == snapshot(Path("site2"))


@pytest.mark.parametrize("lost", ["whole copy", "file"])
def test_check_whose_kept_copy_is_lost_is_read_again(tree, theme, lost):
    """After a template edit every page is drawn again, from the whole checks: a lost one is read from its files."""
    import pickle

    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    files = list(Path("cache").glob("checks-*/*.pickle"))
    assert files
    for path in files:
        if lost == "file":
            path.unlink()
        else:  # only the light copy at the head of the file is left
            with path.open("rb") as fp:
                pickle.load(fp)
                head = fp.tell()
            path.write_bytes(path.read_bytes()[:head])
    edit(tree, theme, "template")
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    build(Path("content"), Path("clean"), cache=Cache(None, "fresh"))
    assert snapshot(Path("site")) == snapshot(Path("clean"))


def test_a_build_after_one_edit_reads_only_the_edited_check(tree, monkeypatch):
    from tathya import load

    add_copies(tree, 3)
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    tree.replace("checks/copy-1/claims.yaml", 'en: "Roughly right."', 'en: "Right, give or take."')
    parsed = []
    real = load.parse_check
    monkeypatch.setattr(load, "parse_check", lambda files, *args: parsed.append(files.folder.name) or real(files, *args))
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    assert parsed == ["copy-1"]


def test_cache_from_other_code_is_ignored(tree):
    build(Path("content"), Path("site"), cache=Cache(Path("cache"), "old code"))
    cache = Cache(Path("cache"), "new code")
    assert cache.checks == {} and cache.pages == {}


def test_parallel_build_equals_single_core_build(tree, monkeypatch):
    add_copies(tree, 4)
    read_on_several_cores(monkeypatch)
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    build(Path("content"), Path("two"), jobs=2, cache=Cache(None, "x"))
    build(Path("content"), Path("one"), jobs=1, cache=Cache(None, "x"))
    assert snapshot(Path("two")) == snapshot(Path("one"))


@pytest.mark.parametrize("on_disk", [False, True])
def test_errors_found_by_parallel_loading_are_all_reported(tree, monkeypatch, on_disk):
    from tathya.errors import BuildFailed

    add_copies(tree, 3)
    for i in range(3):
        tree.replace(f"checks/copy-{i}/claims.yaml", "verdict: false", f"verdict: wrong-{i}")
    read_on_several_cores(monkeypatch)
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"), cache=Cache.open(Path("cache")) if on_disk else Cache(None, "x"))
    assert [str(e).splitlines()[0] for e in info.value.errors] == [
        f"content/checks/copy-{i}/claims.yaml:15: unknown verdict 'wrong-{i}'; use one of true, mostly-true, misleading, false, unverified"
        for i in range(3)]
    assert not Path("site").exists()


def test_templates_kept_in_memory_never_show_the_last_site(tree, tmp_path):
    import os
    import subprocess
    import sys

    build(Path("content"), Path("site"))
    tree.replace("site.yaml", "languages: [hi, en]", "languages: [en, hi]")
    tree.replace("site.yaml", 'en: "Test desk"', 'en: "Moon desk"')
    build(Path("content"), Path("site"))
    root = Path(__file__).resolve().parent.parent.parent
    env = dict(os.environ, TATHYA_CACHE_DIR=str(tmp_path / "fresh-cache"))
    subprocess.run([sys.executable, str(root / "build.py"), "--out", "fresh"], check=True, env=env, capture_output=True)
    assert snapshot(Path("site")) == snapshot(Path("fresh"))


def test_template_error_found_in_a_worker_stops_the_build(tree, monkeypatch, tmp_path):
    from tathya import pipeline
    from tathya.errors import BuildFailed

    templates = tmp_path / "bad-templates"
    shutil.copytree(pipeline.TEMPLATES, templates)
    (templates / "claim.html").write_text("{% extends 'base.html' %}{% block main %}{{ nothing() }}{% endblock %}")
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    read_on_several_cores(monkeypatch)
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"), jobs=2, cache=Cache.open(Path("cache")))
    assert str(info.value.errors[0]).startswith(f"{templates}/claim.html:1: template error: ")
    assert not Path("site").exists()


@pytest.mark.parametrize("forked", [False, True])
@pytest.mark.parametrize("breakage, errors", [
    ("{% if %}", ["templates/_partials/claim_card.html:{line}: template syntax error: "]),
    ('{{ _("Not in any catalogue") }}', [f"locales/{lang}/LC_MESSAGES/messages.po: UI string 'Not in any catalogue' has no translation"
                                         for lang in ("en", "hi")]),
])
def test_broken_template_stops_the_build_with_its_place(tree, theme, monkeypatch, breakage, errors, forked):
    """On one core or on several, a template that cannot compile is reported, not raised."""
    from tathya.errors import BuildFailed

    if forked:
        read_on_several_cores(monkeypatch)
    path = theme / "templates/_partials/claim_card.html"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("<div class=\"reality\">")].count("\n") + 1
    path.write_text(text.replace("<div class=\"reality\">", breakage + "<div class=\"reality\">"), encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"), jobs=2 if forked else 1, cache=Cache.open(Path("cache")))
    messages = sorted({str(e).splitlines()[0] for e in info.value.errors})
    assert len(messages) == len(errors)
    for message, error in zip(messages, errors):
        assert message.startswith(str(theme / error.format(line=line))), message
    assert not Path("site").exists()


def test_one_job_builds_in_one_process(tree, monkeypatch):
    from tathya import parallel

    add_copies(tree, 3)
    read_on_several_cores(monkeypatch)
    monkeypatch.setattr(parallel.multiprocessing, "get_context", lambda method: pytest.fail("a worker was started"))
    result = build(Path("content"), Path("site"), jobs=1, cache=Cache.open(Path("cache")))
    assert len(result.site.checks) == 4 and result.written > 0


@pytest.mark.parametrize("forked", [False, True])
def test_stamps_of_a_cold_build_let_the_next_build_draw_nothing(tree, monkeypatch, forked):
    """Each page's size and mtime are recorded where it was written (a worker, or this process)."""
    from tathya import render

    add_copies(tree, 3)
    if forked:
        read_on_several_cores(monkeypatch)
    build(Path("content"), Path("site"), jobs=None if forked else 1, cache=Cache.open(Path("cache")))
    with monkeypatch.context() as patch:
        patch.setattr(render.Renderer, "render", lambda self, page: pytest.fail(f"{page.out_path} was drawn again"))
        assert build(Path("content"), Path("site"), cache=Cache.open(Path("cache"))).written == 0
    page = Path("site/hi/copy-1/claims/cost/index.html")
    clean = page.read_bytes()
    page.write_bytes(clean.replace(b"<main", b"<MAIN"))  # same size: only the mtime tells
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    assert page.read_bytes() == clean


def test_swapped_cache_files_never_drop_a_check(tree):
    add_copies(tree, 1)
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    first, second = sorted(Path("cache").glob("checks-*/*.pickle"))
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(first_bytes)
    shutil.rmtree("site")
    result = build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    assert sorted(c.slug for c in result.site.checks) == ["copy-0", "moon-cheese"]
    build(Path("content"), Path("clean"), cache=Cache(None, "fresh"))
    assert snapshot(Path("site")) == snapshot(Path("clean"))


def test_a_cache_folder_that_is_a_file_is_reported(tree, monkeypatch, capsys):
    from tathya.cli import main

    Path("cache-file").write_text("not a folder")
    monkeypatch.setenv("TATHYA_CACHE_DIR", "cache-file")
    assert main(["build"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "cache-file: is the build cache's place, but it is not a folder; "
        "delete it (the cache is made again), or set TATHYA_CACHE_DIR to a folder")
    assert not Path("site").exists()


def test_truncated_template_bytecode_is_compiled_again(tree):
    import os
    import subprocess
    import sys

    run = lambda out: subprocess.run([sys.executable, str(pipeline.ROOT / "build.py"), "--out", out],  # noqa: E731
                                     env={**os.environ, "TATHYA_CACHE_DIR": "cache"}, capture_output=True, text=True)
    assert run("site").returncode == 0
    compiled = [p for p in Path("cache").glob("jinja/*/*")]
    assert compiled
    for path in compiled:
        path.write_bytes(path.read_bytes()[:20])
    again = run("again")
    assert again.returncode == 0, again.stderr
    assert snapshot(Path("again")) == snapshot(Path("site"))
