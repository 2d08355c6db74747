"""A valid content tree in tmp_path that each test bends one way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tathya.errors import BuildFailed
from tathya.load import read_content

MINI = Path(__file__).resolve().parent.parent / "golden" / "mini" / "input"


class Tree:
    """The mini fixture copied to ./content, with helpers to edit it and load it."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(MINI, root)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def load(self, **kw):
        return read_content(Path("content"), **kw).site

    def errors(self, **kw) -> list[str]:
        """Each error's first line (path:line: problem; fix)."""
        with pytest.raises(BuildFailed) as info:
            self.load(**kw)
        return [str(e).splitlines()[0] for e in info.value.errors]


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Tree:
    monkeypatch.chdir(tmp_path)
    return Tree(tmp_path / "content")


CLAIMS = "checks/moon-cheese/claims.yaml"


@pytest.fixture
def templates(tmp_path, monkeypatch) -> Path:
    """A copy of the templates that a test may edit, used by every build in the test."""
    return theme_copy("TEMPLATES", tmp_path, monkeypatch)


@pytest.fixture
def locales(tmp_path, monkeypatch) -> Path:
    """A copy of the catalogues that a test may change, used by every build and by `catalogues`."""
    return theme_copy("LOCALES", tmp_path, monkeypatch)


def theme_copy(name: str, tmp_path: Path, monkeypatch) -> Path:
    """tathya.pipeline's folder `name` (TEMPLATES, LOCALES) copied into tmp_path and used in its place."""
    from tathya import pipeline

    copy = tmp_path / name.lower()
    shutil.copytree(getattr(pipeline, name), copy)
    monkeypatch.setattr(pipeline, name, copy)
    return copy
