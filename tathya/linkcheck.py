"""Check that the source and archive URLs cited on cards still answer."""

from __future__ import annotations

import http.client
import queue
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit
from urllib.request import getproxies, proxy_bypass

USER_AGENT = "tathya-linkcheck/0.1"
HEADERS = {"User-Agent": USER_AGENT, "Accept": "*/*"}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BAR_WIDTH = 20
# RFC 3986's reserved characters, and "%" so that existing escapes stay as they are.
SAFE = "!#$%&'()*+,/:;=?@[]~"


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


# What one URL answered: (status, location, error), as in LinkResult.
Answer = tuple[int | None, str | None, str | None]
FAILURES = (  # RemoteDisconnected is a ConnectionResetError, so it comes first.
    (TimeoutError, "timed out after {:g} s"),
    (ConnectionRefusedError, "connection refused"),
    (http.client.RemoteDisconnected, "closed without answering"),
    (ConnectionResetError, "connection reset"),
    (socket.gaierror, "host not found"),
)


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
    answers = _Answers()
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


class _Answers:
    """Answers from worker and timer threads; a URL's first answer is the one kept.

    Threads store answers themselves, so none is lost when Ctrl-C strikes the
    main thread between taking news of an answer and storing it.
    """

    def __init__(self) -> None:
        self.by_url: dict[str, Answer] = {}
        self.news: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()

    def add(self, url: str, answer: Answer) -> None:
        """Keep the URL's answer unless it has one (setdefault is atomic)."""
        if self.by_url.setdefault(url, answer) is answer:
            self.news.put(None)

    def fail(self, bug: BaseException) -> None:
        """Hand a worker's fault to the main thread."""
        self.news.put(bug)

    def wait(self, timeout: float | None) -> None:
        """Wait for the next answer; raise queue.Empty at the timeout, or a fault."""
        bug = self.news.get(timeout=timeout)
        if bug is not None:
            raise bug

    def so_far(self) -> dict[str, Answer]:
        """A copy of the answers in so far."""
        return dict(self.by_url)


def _ask_all(
    urls: list[str],
    answers: _Answers,
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
    answers: _Answers,
    timeout: float,
    stop: threading.Event,
) -> None:
    """Check URLs from `todo` until none are left or the run stops."""
    while not stop.is_set():
        try:
            url = todo.get_nowait()
        except queue.Empty:
            return
        watch = _Watch(url, timeout, answers)
        try:
            answers.add(url, _check_url(url, watch))
        except Exception as bug:  # a fault, not a dead link: the main thread raises it
            answers.fail(bug)
        finally:
            watch.end()


class _Watch:
    """One URL's deadline: when it passes, say the URL timed out and cut its socket."""

    def __init__(self, url: str, timeout: float, answers: _Answers):
        self.url, self.timeout, self.answers = url, timeout, answers
        self.due = time.monotonic() + timeout
        self.lock = threading.Lock()
        self.sock: socket.socket | None = None
        self.expired = False
        self.timer = threading.Timer(timeout, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def left(self) -> float:
        """Seconds until the deadline, never 0 (a 0 timeout means non-blocking)."""
        return max(self.due - time.monotonic(), 0.001)

    def hold(self, sock: socket.socket | None) -> None:
        """Watch this socket from now on; None before the request closes it."""
        with self.lock:
            self.sock = sock
            if self.expired and sock is not None:
                _cut(sock)

    def expire(self) -> None:
        """The deadline passed: wake the URL's blocked read, and answer for it."""
        with self.lock:  # under the lock, so the socket is not closed meanwhile
            self.expired = True
            if self.sock is not None:
                _cut(self.sock)
        self.answers.add(self.url, (None, None, self.failure(None)))

    def failure(self, reason: object) -> str:
        """Name a failure; any failure after the deadline is the deadline's doing."""
        return _describe(TimeoutError() if self.expired else reason, self.timeout)

    def end(self) -> None:
        """The URL is answered; the deadline no longer matters."""
        self.timer.cancel()


def _cut(sock: socket.socket) -> None:
    """Shut a socket down, waking a thread blocked reading it (closing does not)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # not connected yet, or already shut


def _check_url(url: str, watch: _Watch) -> Answer:
    """Ask with HEAD, and again with GET when HEAD gets an error status."""
    try:
        wire = encode_url(url)
    except ValueError as problem:
        return (None, None, str(problem))
    answer = _request(wire, "HEAD", watch)
    if answer[0] is not None and answer[0] >= 400 and not watch.expired:
        answer = _request(wire, "GET", watch)
    return answer


def encode_url(url: str) -> str:
    """The URL as sent: an IDNA host, a percent-encoded path and query, no fragment.

    Raises ValueError saying why for a URL that cannot be requested.
    """
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as problem:
        raise ValueError(f"not a valid URL ({problem})") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError("not an http(s) URL")
    if not host:
        raise ValueError("no host in the URL")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as problem:
        reason = str(problem).rpartition("UnicodeError: ")[2].rstrip(")")
        raise ValueError(f"host cannot be IDNA-encoded ({reason})") from None
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    path, query = quote(parts.path or "/", safe=SAFE), quote(parts.query, safe=SAFE)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def _request(url: str, method: str, watch: _Watch) -> Answer:
    """Send one request without following redirects; read the headers, not the body."""
    parts = urlsplit(url)
    connection, target = _connect_to(parts, watch.left())
    try:
        connection.connect()
        watch.hold(connection.sock)
        connection.request(method, target, headers=HEADERS)
        response = connection.getresponse()
        moved = response.getheader("Location") if response.status in REDIRECTS else None
        return (response.status, urljoin(url, moved) if moved else None, None)
    except (OSError, http.client.HTTPException, ValueError) as failure:
        return (None, None, watch.failure(failure))
    finally:
        watch.hold(None)
        connection.close()


def _connect_to(
    parts: SplitResult, timeout: float
) -> tuple[http.client.HTTPConnection, str]:
    """The URL's connection, via the environment's proxy if any, and its target."""
    https = parts.scheme == "https"
    kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
    target = urlunsplit(("", "", parts.path, parts.query, ""))
    proxy = getproxies().get(parts.scheme)
    if not proxy or proxy_bypass(parts.netloc):
        return kind(parts.hostname, parts.port, timeout=timeout), target
    via = urlsplit(proxy if "//" in proxy else f"//{proxy}")
    if https:
        connection = kind(via.hostname, via.port, timeout=timeout)
        connection.set_tunnel(parts.hostname, parts.port)
        return connection, target
    return kind(via.hostname, via.port, timeout=timeout), parts.geturl()


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
