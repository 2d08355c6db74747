"""The preview's in-process rebuilds give the same site as a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tathya.cache import Cache
from tathya.errors import BuildFailed
from tathya.pipeline import build
from tathya.rebuild import Rebuilder

CLAIMS = "checks/moon-cheese/claims.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean(preview: bool = True) -> dict[str, bytes]:
    shutil.rmtree("clean", ignore_errors=True)
    build(Path("content"), Path("clean"), preview=preview, cache=Cache(None, "fresh"))
    return snapshot(Path("clean"))


@pytest.fixture
def rebuilder(tree):
    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("checks/other"))
    builder = Rebuilder(Path("content"), Path("out"))
    builder.build()
    return builder


def test_edit_to_one_check_redraws_only_what_shows_it(tree, rebuilder):
    other = Path("out/en/other/index.html").stat().st_mtime_ns
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Right, give or take."')
    result = rebuilder.rebuild([tree.path(CLAIMS)])
    assert snapshot(Path("out")) == clean()
    assert Path("out/en/other/index.html").stat().st_mtime_ns == other
    assert result.written == 2  # the English check page and claim page; the home page shows no reality text


def test_broken_edit_raises_and_leaves_the_output(tree, rebuilder):
    before = snapshot(Path("out"))
    tree.replace(CLAIMS, "verdict: false", "verdict: nonsense")
    with pytest.raises(BuildFailed):
        rebuilder.rebuild([tree.path(CLAIMS)])
    assert snapshot(Path("out")) == before


def test_error_in_another_check_is_not_hidden_by_a_later_good_save(tree, rebuilder):
    tree.replace("checks/other/claims.yaml", "verdict: false", "verdict: nonsense")
    with pytest.raises(BuildFailed):
        rebuilder.rebuild([tree.path("checks/other/claims.yaml")])
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Right, give or take."')
    with pytest.raises(BuildFailed):
        rebuilder.rebuild([tree.path(CLAIMS)])


def test_other_saves_rebuild_everything(tree, rebuilder):
    tree.replace("site.yaml", 'en: "Test desk"', 'en: "Moon desk"')
    rebuilder.rebuild([tree.path("site.yaml")])
    assert snapshot(Path("out")) == clean()


def test_new_check_folder_is_picked_up(tree, rebuilder):
    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("checks/third"))
    rebuilder.rebuild([tree.path("checks/third/claims.yaml")])
    assert snapshot(Path("out")) == clean()


def test_a_check_deleted_unannounced_is_gone_after_the_next_save_elsewhere(tree, rebuilder):
    """The rebuild takes unsaved checks unread only while their folders are still there."""
    shutil.rmtree(tree.path("checks/other"))
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "Right, give or take."')
    result = rebuilder.rebuild([tree.path(CLAIMS)])  # as if the watcher had missed the deletion
    assert [c.slug for c in result.site.checks] == ["moon-cheese"]
    assert snapshot(Path("out")) == clean()
