"""tathya.linkcheck against a real HTTP server on 127.0.0.1, and nowhere else."""

from __future__ import annotations

import io
import signal
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tathya.fetch import encode_url
from tathya.linkcheck import (
    CheckInterrupted,
    Link,
    LinkResult,
    check_links,
    exit_status,
    format_report,
    links_from_site,
)

TIMEOUT = 0.5  # seconds; /slow holds its answer for 2 s, well past this
HINDI = "/%E0%A4%B9%E0%A4%BF%E0%A4%82%E0%A4%A6%E0%A5%80/%E0%A4%B2%E0%A5%87%E0%A4%96"
ROUTES = {
    "/ok": (200, {}),
    "/moved": (301, {"Location": "/ok"}),
    "/missing": (404, {}),
    "/broken": (500, {}),
    "/no-head": (200, {}),
    "/sluggish": (200, {}),
    HINDI: (200, {}),  # /हिंदी/लेख as UTF-8, percent-encoded
}
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


class Handler(BaseHTTPRequestHandler):
    """Answers the ROUTES; /no-head refuses HEAD; /slow never answers in time.

    /trickle sends its answer a byte every 0.1 s; /sluggish takes 0.3 s over HEAD
    (405) and 0.3 s over GET; /interrupt presses Ctrl-C in the main thread.
    """

    def do_HEAD(self) -> None:
        self.answer()

    def do_GET(self) -> None:
        self.answer()

    def answer(self) -> None:
        self.server.hits.append((self.command, self.path))
        self.server.agents.add(self.headers["User-Agent"])
        if self.path == "/slow":
            self.server.stopping.wait(2)  # then hang up without answering
            return
        if self.path == "/trickle":
            return self.trickle(b"HTTP/1.1 200 OK\r\nX-Padding: " + b"." * 50)
        if self.path == "/interrupt":
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
            self.server.stopping.wait(2)
            return
        if self.path == "/sluggish":
            self.server.stopping.wait(0.3)
        # A proxy is asked for the whole URL; the ROUTES are by path.
        status, headers = ROUTES.get(urlsplit(self.path).path, (404, {}))
        if self.path in ("/no-head", "/sluggish") and self.command == "HEAD":
            status = 405
        self.send_response(status)
        for name, value in {**headers, "Content-Length": "0"}.items():
            self.send_header(name, value)
        self.end_headers()

    def trickle(self, answer: bytes) -> None:
        """Send the answer a byte at a time, until it is sent or the test ends."""
        try:
            for byte in answer:
                if self.server.stopping.wait(0.1):
                    return
                self.wfile.write(bytes([byte]))
        except OSError:
            pass  # the client cut the connection, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch):
    """Serve Handler on a free port of 127.0.0.1 for one test."""
    for name in PROXY_VARIABLES:  # check_links would send 127.0.0.1 traffic to a proxy
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.hits, httpd.agents, httpd.stopping = [], set(), threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.stopping.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def link(url: str, archive_url: str | None = None, claim: str = "c/claims/a") -> Link:
    return Link(url, archive_url, claim, "content/checks/c/claims.yaml:3")


def check_one(url: str) -> LinkResult:
    [result] = check_links([link(url)], timeout=TIMEOUT)
    return result


def test_answered_link_is_ok(server):
    result = check_one(f"{server.base}/ok")
    assert (result.state, result.status, result.location, result.error) == (
        "ok",
        200,
        None,
        None,
    )


def test_moved_link_is_redirected_to_its_absolute_location(server):
    result = check_one(f"{server.base}/moved")
    assert (result.state, result.status) == ("redirected", 301)
    assert result.location == f"{server.base}/ok"


def test_redirect_is_reported_not_followed(server):
    check_one(f"{server.base}/moved")
    assert server.hits == [("HEAD", "/moved")]


def test_missing_link_is_dead_after_trying_get(server):
    result = check_one(f"{server.base}/missing")
    assert (result.state, result.status) == ("dead", 404)
    assert server.hits == [("HEAD", "/missing"), ("GET", "/missing")]


def test_server_error_is_dead(server):
    result = check_one(f"{server.base}/broken")
    assert (result.state, result.status) == ("dead", 500)


def test_link_refusing_head_is_checked_with_get(server):
    result = check_one(f"{server.base}/no-head")
    assert (result.state, result.status) == ("ok", 200)
    assert server.hits == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_unanswered_link_is_dead_after_the_timeout(server):
    result = check_one(f"{server.base}/slow")
    assert (result.state, result.status) == ("dead", None)
    assert result.error == "timed out after 0.5 s"
    assert server.hits == [("HEAD", "/slow")]


def test_refused_connection_is_dead():
    with socket.socket() as probe:  # find a port on 127.0.0.1 that nothing serves
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = check_one(f"http://127.0.0.1:{port}/ok")
    assert (result.state, result.error) == ("dead", "connection refused")


def test_non_http_link_is_dead_without_a_request():
    result = check_one("ftp://127.0.0.1/file.pdf")
    assert (result.state, result.error) == ("dead", "not an http(s) URL")


def test_trickling_answer_is_dead_after_the_timeout_all_told(server):
    started = time.monotonic()
    result = check_one(f"{server.base}/trickle")
    assert (result.state, result.status) == ("dead", None)
    assert result.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 1.5


def test_timeout_covers_head_and_get_together(server):
    result = check_one(f"{server.base}/sluggish")  # 0.3 s for HEAD, 0.3 s for GET
    assert (result.state, result.error) == ("dead", "timed out after 0.5 s")
    assert server.hits == [("HEAD", "/sluggish"), ("GET", "/sluggish")]


def test_links_unanswered_at_the_run_deadline_are_not_checked(server):
    links = [link(f"{server.base}/ok"), link(f"{server.base}/slow")]
    started = time.monotonic()
    results = check_links(links, timeout=5, deadline=0.5, workers=2)
    assert time.monotonic() - started < 1.5
    assert [(r.state, r.status, r.error) for r in results] == [
        ("ok", 200, None),
        ("not checked", None, None),
    ]


def test_ctrl_c_raises_with_the_links_checked_so_far(server):
    paths = ["/ok", "/interrupt", "/moved"]
    links = [link(server.base + path) for path in paths]
    with pytest.raises(CheckInterrupted) as stop:
        check_links(links, timeout=5, workers=1)
    assert [r.state for r in stop.value.results] == ["ok", "not checked", "not checked"]
    assert ("HEAD", "/moved") not in server.hits


def test_hindi_path_is_sent_percent_encoded(server):
    result = check_one(f"{server.base}/हिंदी/लेख")
    assert (result.state, result.status) == ("ok", 200)
    assert server.hits == [("HEAD", HINDI)]


def test_idn_host_is_encoded_with_idna():
    encoded = encode_url("https://उदाहरण.भारत/")
    assert encoded == "https://xn--p1b6ci4b4b3a.xn--h2brj9c/"


def test_encoding_keeps_existing_escapes_port_and_query_and_drops_the_fragment():
    url = "http://Example.org:8080/a%20b/लेख?q=हाँ&x=%2F#भाग"
    assert encode_url(url) == (
        "http://example.org:8080/a%20b/%E0%A4%B2%E0%A5%87%E0%A4%96"
        "?q=%E0%A4%B9%E0%A4%BE%E0%A4%81&x=%2F"
    )


def test_host_that_idna_cannot_encode_is_dead_without_a_request():
    result = check_one("http://" + "क" * 64 + ".example/")
    assert (result.state, result.error) == (
        "dead",
        "host cannot be IDNA-encoded (label empty or too long)",
    )


def test_malformed_url_is_dead_without_a_request():
    result = check_one("http://[::1/page")
    assert (result.state, result.error) == (
        "dead",
        "not a valid URL (Invalid IPv6 URL)",
    )


def test_8_kb_path_is_requested_whole(server):
    path = "/" + "a" * 8192
    result = check_one(server.base + path)
    assert (result.state, result.status) == ("dead", 404)
    assert server.hits == [("HEAD", path), ("GET", path)]


def test_8_kb_host_is_dead_without_a_request():
    result = check_one("http://" + "a" * 8192 + "/")
    assert (result.state, result.error) == (
        "dead",
        "host cannot be IDNA-encoded (label too long)",
    )


def test_proxy_named_in_the_environment_is_asked_for_the_whole_url(server, monkeypatch):
    monkeypatch.setenv("http_proxy", server.base)  # nothing leaves 127.0.0.1
    result = check_one("http://tathya-test.invalid/ok")
    assert (result.state, result.status) == ("ok", 200)
    assert server.hits == [("HEAD", "http://tathya-test.invalid/ok")]


def test_requests_name_tathya_linkcheck(server):
    check_one(f"{server.base}/ok")
    assert server.agents == {"tathya-linkcheck/0.1"}


def test_url_cited_twice_is_requested_once_and_reported_for_each_claim(server):
    url = f"{server.base}/moved"
    results = check_links(
        [link(url, claim="a/claims/x"), link(url, claim="b/claims/y")]
    )
    assert server.hits == [("HEAD", "/moved")]
    assert [(r.link.claim, r.state) for r in results] == [
        ("a/claims/x", "redirected"),
        ("b/claims/y", "redirected"),
    ]


def test_results_follow_input_order(server):
    paths = ["/broken", "/ok", "/no-head", "/moved", "/missing", "/ok"]
    links = [
        link(server.base + path, claim=f"c/claims/{i}") for i, path in enumerate(paths)
    ]
    results = check_links(links, timeout=TIMEOUT, workers=4)
    assert [r.link for r in results] == links


def tty_stream(is_tty: bool) -> io.StringIO:
    stream = io.StringIO()
    stream.isatty = lambda: is_tty
    return stream


def test_progress_bar_is_redrawn_in_place_on_a_terminal(server):
    stream = tty_stream(True)
    check_links(
        [link(f"{server.base}/ok"), link(f"{server.base}/moved")], progress=stream
    )
    assert stream.getvalue() == (
        "\r[                    ] 0/2 links"
        "\r[##########          ] 1/2 links"
        "\r[####################] 2/2 links\n"
    )


def test_progress_is_silent_when_not_a_terminal(server):
    stream = tty_stream(False)
    check_links(
        [link(f"{server.base}/ok"), link(f"{server.base}/moved")], progress=stream
    )
    assert stream.getvalue() == ""


GONE = Link(
    "https://example.org/gone",
    None,
    "deepseek-cost/claims/v3-training-cost-6m",
    "content/checks/deepseek-cost/claims.yaml:42",
)
MOVED = Link(
    "https://example.org/old",
    "https://archive.example/old",
    "deepseek-cost/claims/gpu-count",
    "content/checks/deepseek-cost/claims.yaml:57",
)
FINE = Link("https://example.org/fine", None, "deepseek-cost/claims/gpu-count", "x:1")
REPORT = """\
state       status               url                                                 claim                                     archive     where
dead        timed out after 5 s  https://example.org/gone                            deepseek-cost/claims/v3-training-cost-6m  no archive  content/checks/deepseek-cost/claims.yaml:42
redirected  301                  https://example.org/old -> https://example.org/new  deepseek-cost/claims/gpu-count            archived    content/checks/deepseek-cost/claims.yaml:57
3 links checked: 1 ok, 1 redirected, 1 dead (1 without archive)"""

PARTIAL_REPORT = """\
state        status  url                       claim                                     archive     where
not checked  -       https://example.org/gone  deepseek-cost/claims/v3-training-cost-6m  no archive  content/checks/deepseek-cost/claims.yaml:42
1 links checked: 1 ok, 0 redirected, 0 dead (0 without archive); 1 not checked"""


def test_report_lists_dead_and_redirected_links_word_for_word():
    results = [
        LinkResult(FINE, 200, None, None),
        LinkResult(GONE, None, None, "timed out after 5 s"),
        LinkResult(MOVED, 301, "https://example.org/new", None),
    ]
    assert format_report(results) == REPORT


def test_report_with_every_link_ok_is_the_summary_alone():
    results = [LinkResult(FINE, 200, None, None)]
    assert (
        format_report(results)
        == "1 links checked: 1 ok, 0 redirected, 0 dead (0 without archive)"
    )


def test_report_lists_links_not_checked_and_counts_them_apart():
    results = [
        LinkResult(FINE, 200, None, None),
        LinkResult(GONE, None, None, None, checked=False),
    ]
    assert format_report(results) == PARTIAL_REPORT


def test_link_not_checked_fails_the_check():
    assert exit_status([LinkResult(MOVED, None, None, None, checked=False)]) == 1


def test_dead_link_without_archive_fails_the_check():
    assert exit_status([LinkResult(GONE, 404, None, None)]) == 1


def test_dead_link_with_archive_passes_the_check():
    assert exit_status([LinkResult(MOVED, 404, None, None)]) == 0


def test_redirected_link_without_archive_passes_the_check():
    assert exit_status([LinkResult(GONE, 301, "https://example.org/new", None)]) == 0


@dataclass(frozen=True)
class Source:
    url: str
    archive_url: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    line: int
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Check:
    slug: str
    path: Path
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Site:
    checks: tuple[Check, ...]


def test_links_from_site_lists_sources_then_their_archives_with_claim_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no claims.yaml there to give each URL its own line: the claim's line stands in
    claim = Claim(
        "v3-cost", 42, (Source("https://a.example/x", "https://arch.example/x"),)
    )
    site = Site(
        (
            Check(
                "deepseek-cost",
                Path("content/checks/deepseek-cost/claims.yaml"),
                (claim,),
            ),
        )
    )
    where = "content/checks/deepseek-cost/claims.yaml:42"
    assert links_from_site(site) == [
        Link(
            "https://a.example/x",
            "https://arch.example/x",
            "deepseek-cost/claims/v3-cost",
            where,
        ),
        Link(
            "https://arch.example/x",
            None,
            "deepseek-cost/claims/v3-cost (archive)",
            where,
        ),
    ]
