"""Ask one URL for its status: an http(s) request with a deadline for the whole URL, via the environment's proxy."""

from __future__ import annotations

import http.client
import queue
import socket
import threading
import time
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit
from urllib.request import getproxies, proxy_bypass

USER_AGENT = "tathya-linkcheck/0.1"
HEADERS = {"User-Agent": USER_AGENT, "Accept": "*/*"}
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# RFC 3986's reserved characters, and "%" so that existing escapes stay as they are.
SAFE = "!#$%&'()*+,/:;=?@[]~"

# What one URL answered: (status, location, error), as in LinkResult.
Answer = tuple[int | None, str | None, str | None]
FAILURES = (  # RemoteDisconnected is a ConnectionResetError, so it comes first.
    (TimeoutError, "timed out after {:g} s"),
    (ConnectionRefusedError, "connection refused"),
    (http.client.RemoteDisconnected, "closed without answering"),
    (ConnectionResetError, "connection reset"),
    (socket.gaierror, "host not found"),
)


class Answers:
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


class Watch:
    """One URL's deadline: when it passes, say the URL timed out and cut its socket."""

    def __init__(self, url: str, timeout: float, answers: Answers):
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


def check_url(url: str, watch: Watch) -> Answer:
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


def _request(url: str, method: str, watch: Watch) -> Answer:
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
