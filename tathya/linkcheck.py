"""Check that the source and archive URLs cited on cards still answer."""

from __future__ import annotations

import http.client
import socket
import urllib.error
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit
from urllib.request import HTTPRedirectHandler, OpenerDirector, Request, build_opener

USER_AGENT = "tathya-linkcheck/0.1"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
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
    """What one URL answered, for one citing claim."""

    link: Link
    status: int | None
    location: str | None
    error: str | None

    @property
    def state(self) -> str:
        """Return "ok", "redirected" or "dead"."""
        if self.status is None or self.status >= 400:
            return "dead"
        return "redirected" if self.location is not None else "ok"


# What one URL answered: (status, location, error), as in LinkResult.
Answer = tuple[int | None, str | None, str | None]
FAILURES = (  # RemoteDisconnected is a ConnectionResetError, so it comes first.
    (TimeoutError, "timed out after {:g} s"),
    (ConnectionRefusedError, "connection refused"),
    (http.client.RemoteDisconnected, "closed without answering"),
    (ConnectionResetError, "connection reset"),
    (socket.gaierror, "host not found"),
)


class _KeepRedirects(HTTPRedirectHandler):
    """Hand 3xx answers back as errors so a moved source is reported, not hidden."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def check_links(
    links: Sequence[Link],
    *,
    timeout: float = 10.0,
    workers: int = 8,
    progress: TextIO | None = None,
) -> list[LinkResult]:
    """Check each distinct URL once, in parallel; return results in input order."""
    urls = list(dict.fromkeys(link.url for link in links))
    opener = build_opener(_KeepRedirects)
    answers: dict[str, Answer] = {}
    bar = progress if progress is not None and progress.isatty() else None
    _draw(bar, 0, len(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_check_url, url, opener, timeout): url for url in urls}
        for done, future in enumerate(as_completed(futures), start=1):
            answers[futures[future]] = future.result()
            _draw(bar, done, len(urls))
    if bar is not None:
        bar.write("\n")
    return [LinkResult(link, *answers[link.url]) for link in links]


def _check_url(url: str, opener: OpenerDirector, timeout: float) -> Answer:
    """Ask with HEAD, and again with GET when HEAD gets an error status."""
    if urlsplit(url).scheme not in ("http", "https"):
        return (None, None, "not an http(s) URL")
    answer = _request(url, "HEAD", opener, timeout)
    if answer[0] is not None and answer[0] >= 400:
        answer = _request(url, "GET", opener, timeout)
    return answer


def _request(url: str, method: str, opener: OpenerDirector, timeout: float) -> Answer:
    """Send one request without following redirects; never read the body."""
    request = Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return (response.status, None, None)
    except urllib.error.HTTPError as answer:
        answer.close()
        moved = answer.headers.get("Location") if answer.code in REDIRECTS else None
        return (answer.code, urljoin(url, moved) if moved else None, None)
    except urllib.error.URLError as failure:
        return (None, None, _describe(failure.reason, timeout))
    except (OSError, http.client.HTTPException) as failure:
        return (None, None, _describe(failure, timeout))


def _describe(reason: object, timeout: float) -> str:
    """Name a network failure in a few plain words."""
    for kind, words in FAILURES:
        if isinstance(reason, kind):
            return words.format(timeout)
    return str(reason) or type(reason).__name__


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
    return (
        f"{len(results)} links checked: {states.count('ok')} ok, "
        f"{states.count('redirected')} redirected, {states.count('dead')} dead "
        f"({unarchived} without archive)"
    )


def _fails(result: LinkResult) -> bool:
    """A dead link that no archive copy covers."""
    return result.state == "dead" and not result.link.archive_url


def exit_status(results: Sequence[LinkResult]) -> int:
    """Return 1 when a dead link has no archive URL, else 0."""
    return 1 if any(_fails(result) for result in results) else 0


def links_from_site(site: Any) -> list[Link]:
    """List every source URL and archive URL cited by the site's claims."""
    return [
        link
        for check in site.checks
        for claim in check.claims
        for source in claim.sources
        for link in _source_links(
            source, f"{check.slug}/claims/{claim.id}", f"{check.path}:{claim.line}"
        )
    ]


def _source_links(source: Any, claim: str, where: str) -> list[Link]:
    """The source's own link, and its archive copy's if it has one."""
    links = [Link(source.url, source.archive_url, claim, where)]
    if source.archive_url:
        # A dead archive copy backs nothing up, so it is checked as unarchived.
        links.append(Link(source.archive_url, None, f"{claim} (archive)", where))
    return links
