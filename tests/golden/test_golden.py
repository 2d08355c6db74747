"""Golden sites: build each tests/golden/<case>/input and compare the whole tree with expected/.

Regenerate after an intended change, then review the diff like code:

    TATHYA_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from tathya.pipeline import build

HERE = Path(__file__).resolve().parent
CASES = sorted(p.name for p in HERE.iterdir() if (p / "input").is_dir())


def tree(folder: Path) -> dict[str, bytes]:
    """Generated text files only: assets/ is the theme's static files, copied verbatim; share cards and pagefind/ (Pagefind's index and scripts) have tests of their own."""
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    found = {name: p.read_bytes() for name, p in files.items()
             if not name.startswith(("assets/", "pagefind/")) and not name.endswith(".png")}
    if ".tathya-site" in found:  # the marker lists Pagefind's files by their hashed names: those are its to choose
        found[".tathya-site"] = b"".join(line for line in found[".tathya-site"].splitlines(keepends=True)
                                         if not line.startswith(b"pagefind/"))
    return found


@pytest.mark.parametrize("case", CASES)
def test_golden_site(case, tmp_path):
    out = tmp_path / "site"
    build(HERE / case / "input", out)
    expected_dir = HERE / case / "expected"
    if os.environ.get("TATHYA_REGEN_GOLDEN") == "1":
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(out, expected_dir, ignore=lambda d, names: (["assets", "pagefind"] if Path(d) == out else [])
                        + [n for n in names if n.endswith(".png")])
    actual, expected = tree(out), tree(expected_dir)
    assert sorted(actual) == sorted(expected), (
        "the set of files differs; regenerate with TATHYA_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/golden")
    diffs = []
    for name in sorted(actual):
        if actual[name] != expected[name]:
            diffs += difflib.unified_diff(expected[name].decode(errors="replace").splitlines(),
                                          actual[name].decode(errors="replace").splitlines(),
                                          f"expected/{name}", f"actual/{name}", lineterm="")
    assert not diffs, (
        "output differs from the golden files. If you changed templates/, static/ or locales/ on purpose "
        "(a desk's own theme, too), regenerate them and review the diff:\n"
        "    TATHYA_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/golden\n" + "\n".join(diffs[:200]))
