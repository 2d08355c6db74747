"""Errors a content tree can raise, formatted as `path:line: problem; fix`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one file, at one line when the parser gives one."""

    path: str
    line: int
    problem: str
    fix: str = ""
    source_line: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.problem}"
        if self.fix:
            text += f"; {self.fix}"
        if self.source_line.strip():
            text += "\n    " + self.source_line.strip()
        return text


class BuildFailed(Exception):
    """Raised with every error a run found; nothing has been written."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line, e.problem))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, sorted by file and line, then one summary line."""
        lines = [str(e) for e in self.errors]
        n = len(self.errors)
        lines.append(f"build failed: {n} error{'s' if n != 1 else ''}, site not written")
        return "\n".join(lines)


class Errors:
    """Collects errors for one file, filling in its display path and source lines."""

    def __init__(self, path: Path | str, text: str = "", sink: list[ContentError] | None = None):
        self.path = str(path)
        self.lines = text.splitlines()
        self.sink: list[ContentError] = [] if sink is None else sink

    def add(self, line: int, problem: str, fix: str = "") -> None:
        """Record a problem at a 1-based line (0 when there is none)."""
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.sink.append(ContentError(self.path, line, problem, fix, source))
