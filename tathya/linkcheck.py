"""Check that the source and archive URLs cited on cards still answer."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .claims import lines_at
from .fetch import Answer, Answers, Watch, check_url

BAR_WIDTH = 20


@dataclass(frozen=True)
class Link:
    """One URL as cited by one claim."""

    url: str
    archive_url: str | None
    claim: str
    where: str


@dataclass(frozen=True)
class LinkResult:
    """What one URL answered, for one citing claim, or that the run stopped first."""

    link: Link
    status: int | None
    location: str | None
    error: str | None
    checked: bool = True

    @property
    def state(self) -> str:
        """Return "ok", "redirected", "dead" or "not checked"."""
        if not self.checked:
            return "not checked"
        if self.status is None or self.status >= 400:
            return "dead"
        return "redirected" if self.location is not None else "ok"


class CheckInterrupted(KeyboardInterrupt):
    """Ctrl-C during check_links; `results` holds the links checked and those not."""

    def __init__(self, results: list[LinkResult]):
        super().__init__()
        self.results = results



def check_links(
    links: Sequence[Link],
    *,
    timeout: float = 10.0,
    workers: int = 8,
    deadline: float | None = None,
    progress: TextIO | None = None,
) -> list[LinkResult]:
    """Check each distinct URL once, in parallel; return results in input order.

    Each URL has `timeout` seconds all told. Links without an answer when the
    run's `deadline` passes come back unchecked; on Ctrl-C, CheckInterrupted
    carries the results so far.
    """
    urls = list(dict.fromkeys(link.url for link in links))
    bar = progress if progress is not None and progress.isatty() else None
    answers = Answers()
    try:
        _ask_all(urls, answers, timeout, workers, deadline, bar)
    except KeyboardInterrupt:
        raise CheckInterrupted(_results(links, answers.so_far())) from None
    finally:
        if bar is not None:
            bar.write("\n")
    return _results(links, answers.so_far())


def _results(links: Sequence[Link], answers: dict[str, Answer]) -> list[LinkResult]:
    """Pair each link with its URL's answer; a URL without one was not checked."""
    return [
        LinkResult(link, *answers[link.url])
        if link.url in answers
        else LinkResult(link, None, None, None, checked=False)
        for link in links
    ]



def _ask_all(
    urls: list[str],
    answers: Answers,
    timeout: float,
    workers: int,
    deadline: float | None,
    bar: TextIO | None,
) -> None:
    """Ask for every URL until all are answered or the deadline passes."""
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for url in urls:
        todo.put(url)
    stop = threading.Event()
    for _ in range(min(workers, len(urls))):
        # Daemon threads: a worker stuck resolving a host must not keep the process.
        args = (todo, answers, timeout, stop)
        threading.Thread(target=_work, args=args, daemon=True).start()
    due = None if deadline is None else time.monotonic() + deadline
    done = 0  # counted from the news, so that each answer moves the bar once
    _draw(bar, done, len(urls))
    try:
        while done < len(urls):
            wait = None if due is None else due - time.monotonic()
            if wait is not None and wait <= 0:
                return
            try:
                answers.wait(wait)
            except queue.Empty:
                return
            done += 1
            _draw(bar, done, len(urls))
    finally:
        stop.set()


def _work(
    todo: queue.SimpleQueue[str],
    answers: Answers,
    timeout: float,
    stop: threading.Event,
) -> None:
    """Check URLs from `todo` until none are left or the run stops."""
    while not stop.is_set():
        try:
            url = todo.get_nowait()
        except queue.Empty:
            return
        watch = Watch(url, timeout, answers)
        try:
            answers.add(url, check_url(url, watch))
        except Exception as bug:  # a fault, not a dead link: the main thread raises it
            answers.fail(bug)
        finally:
            watch.end()


def _draw(stream: TextIO | None, done: int, total: int) -> None:
    """Redraw the progress bar in place on a terminal."""
    if stream is None:
        return
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    bar = "#" * filled + " " * (BAR_WIDTH - filled)
    stream.write(f"\r[{bar}] {done}/{total} links")
    stream.flush()


def format_report(results: Sequence[LinkResult]) -> str:
    """Tabulate dead and redirected links above a summary line (no final newline)."""
    header = ("state", "status", "url", "claim", "archive", "where")
    rows = [_row(result) for result in results if result.state != "ok"]
    lines = _table([header, *rows]) if rows else []
    return "\n".join([*lines, _summary(results)])


def _row(result: LinkResult) -> tuple[str, ...]:
    """One table row for a dead or redirected link."""
    link = result.link
    status = str(result.status) if result.status is not None else result.error or "-"
    url = f"{link.url} -> {result.location}" if result.location else link.url
    archive = "archived" if link.archive_url else "no archive"
    return (result.state, status, url, link.claim, archive, link.where)


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Left-align columns two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(map(str.ljust, row, widths)).rstrip() for row in rows]


def _summary(results: Sequence[LinkResult]) -> str:
    """Count the results by state."""
    states = [result.state for result in results]
    unarchived = sum(1 for result in results if _fails(result))
    unchecked = states.count("not checked")
    return (
        f"{len(results) - unchecked} links checked: {states.count('ok')} ok, "
        f"{states.count('redirected')} redirected, {states.count('dead')} dead "
        f"({unarchived} without archive)"
    ) + (f"; {unchecked} not checked" if unchecked else "")


def _fails(result: LinkResult) -> bool:
    """A dead link that no archive copy covers."""
    return result.state == "dead" and not result.link.archive_url


def exit_status(results: Sequence[LinkResult]) -> int:
    """Return 1 when a dead link has no archive URL or a link went unchecked, else 0."""
    failed = any(_fails(r) or not r.checked for r in results)
    return 1 if failed else 0


def links_from_site(site: Any) -> list[Link]:
    """List every source URL and archive URL cited by the site's claims, each at its line in claims.yaml."""
    links = []
    for check in site.checks:
        paths = [("claims", i, "sources", j, key) for i, claim in enumerate(check.claims)
                 for j in range(len(claim.sources)) for key in ("url", "archive_url")]
        lines = iter(_lines(check.path, paths))
        for claim in check.claims:
            for source in claim.sources:
                url_line, archive_line = next(lines) or claim.line, next(lines)
                wheres = (f"{check.path}:{url_line}", f"{check.path}:{archive_line or url_line}")
                links += _source_links(source, f"{check.slug}/claims/{claim.id}", *wheres)
    return links


def _lines(path: Any, paths: list[tuple]) -> list[int | None]:
    """The lines those paths lead to in a claims.yaml; None for each when the file cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return [None] * len(paths)
    return lines_at(text, paths)


def _source_links(source: Any, claim: str, where: str, archive_where: str) -> list[Link]:
    """The source's own link, and its archive copy's if it has one."""
    links = [Link(source.url, source.archive_url, claim, where)]
    if source.archive_url:
        # A dead archive copy backs nothing up, so it is checked as unarchived.
        links.append(Link(source.archive_url, None, f"{claim} (archive)", archive_where))
    return links
