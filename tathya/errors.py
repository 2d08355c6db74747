"""Errors a content tree can raise, formatted as `path:line: problem; fix`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .slips import caret_pad

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clip(text: str, limit: int = 60) -> str:
    """Text as a message may show it: control characters escaped, cut to `limit` characters with '...'."""
    text = CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text[: limit * 4])  # escapes are at most 4 characters
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quote(value: str) -> str:
    """A value from the content, quoted for a message (shortened, so that no message runs to megabytes)."""
    return f"'{clip(value)}'"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one file, at one line when the parser gives one."""

    path: str
    line: int
    problem: str
    fix: str = ""
    source_line: str = ""
    caret: int = -1  # columns before a caret under the shown source line; -1 for none
    detail: str = ""  # lines shown instead of the source line, e.g. the article's passage a quote slipped from

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.problem}"
        if self.fix:
            text += f"; {self.fix}"
        if self.detail:
            text += "\n" + self.detail
        elif self.source_line.strip():
            text += "\n    " + self.source_line.strip()
            if self.caret >= 0:
                text += "\n    " + " " * self.caret + "^"
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

    def add(self, line: int, problem: str, fix: str = "", column: int = -1, detail: str = "") -> None:
        """Record a problem at a 1-based line (0 when there is none), with a caret under a 0-based column if given."""
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        shown = clip(source, 200)
        caret = -1
        if 0 <= column < len(source) and len(clip(source[:column + 1], 1000)) < 197:  # the column is in what is shown
            lead = clip(source[:column], 200).lstrip()  # a tab shows as \t, as in the source line
            caret = caret_pad(lead + clip(source[column:column + 1]), len(lead))
        # Values in messages are quoted short already; this bounds whatever else a message holds.
        self.sink.append(ContentError(clip(self.path, 1000), line, clip(problem, 1000), clip(fix, 300), shown, caret, detail))
