"""Fixtures: a copy of the mini fixture to edit, and a preview server serving it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_support import MINI, Server


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the mini fixture to edit (the fixture itself stays untouched)."""
    return Path(shutil.copytree(MINI, tmp_path / "content"))


@pytest.fixture
def server(content) -> Iterator[Server]:
    """A preview server on a free port, stopped with Ctrl-C afterwards."""
    running = Server(content)
    yield running
    running.stop()
