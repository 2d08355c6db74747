"""Random mutations of a valid tree end in a clean error or a valid build, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from tathya.errors import BuildFailed
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
