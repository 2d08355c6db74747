"""The watcher: one report per burst of saves, none lost, editor litter ignored (scans driven by hand)."""

from __future__ import annotations

from pathlib import Path

from tathya.serve import describe
from tathya.watch import POLL_SECONDS, QUIET_SECONDS, Watcher


def make_watcher(root: Path) -> tuple[Watcher, list[list[str]]]:
    reports: list[list[str]] = []
    watcher = Watcher([root], lambda paths: reports.append([p.relative_to(root).as_posix() for p in paths]))
    return watcher, reports


def test_a_burst_is_reported_once_when_a_scan_finds_nothing_new(tmp_path):
    (tmp_path / "a.md").write_text("a")
    watcher, reports = make_watcher(tmp_path)
    (tmp_path / "a.md").write_text("changed")
    assert watcher.poll() == QUIET_SECONDS
    (tmp_path / "b.md").write_text("new")
    assert watcher.poll() == QUIET_SECONDS
    assert reports == []
    assert watcher.poll() == POLL_SECONDS
    assert reports == [["a.md", "b.md"]]
    watcher.poll()
    watcher.poll()
    assert reports == [["a.md", "b.md"]]


def test_a_save_during_a_rebuild_gets_a_rebuild_of_its_own(tmp_path):
    (tmp_path / "claims.yaml").write_text("one")
    reports: list[list[str]] = []

    def rebuild(paths: list[Path]) -> None:
        reports.append([p.name for p in paths])
        if len(reports) == 1:  # the editor saves again while the first rebuild runs
            (tmp_path / "claims.yaml").write_text("the third")

    watcher = Watcher([tmp_path], rebuild)
    (tmp_path / "claims.yaml").write_text("second")
    for _ in range(6):
        watcher.poll()
    assert reports == [["claims.yaml"], ["claims.yaml"]]


def test_removed_files_count_and_editor_litter_does_not(tmp_path):
    (tmp_path / "checks/x").mkdir(parents=True)
    (tmp_path / "checks/x/article.en.md").write_text("text")
    watcher, reports = make_watcher(tmp_path)
    for name in (".claims.yaml.swp", "#article.en.md#", "article.en.md~", ".git/index"):
        (tmp_path / "checks/x" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "checks/x" / name).write_text("litter")
    (tmp_path / "checks/x/article.en.md").unlink()
    for _ in range(3):
        watcher.poll()
    assert reports == [["checks/x/article.en.md"]]


def test_the_rebuild_line_names_at_most_three_files(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    paths = [content / "site.yaml", templates / "base.html", content / "checks/a/claims.yaml", content / "about.en.md"]
    assert describe(paths[:2], [content, templates]) == "content/site.yaml, templates/base.html"
    assert describe(paths, [content, templates]) == (
        "content/site.yaml, templates/base.html, content/checks/a/claims.yaml and 1 more")
