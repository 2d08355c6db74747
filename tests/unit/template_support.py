"""Editing a copy of the templates and reading built pages, for tests that change templates (see conftest's `templates`)."""

from __future__ import annotations

from pathlib import Path


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file, failing clearly when the file changed shape."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read(rel: str, out: str = "site") -> str:
    """A built file's text."""
    return (Path(out) / rel).read_text(encoding="utf-8")
