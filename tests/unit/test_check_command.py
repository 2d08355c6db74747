"""`build.py check`: validate content, then ask every cited URL whether it still answers."""

from __future__ import annotations

import http.server
import signal
import threading

import pytest

from tathya.cli import main

CLAIMS = "checks/moon-cheese/claims.yaml"
HINDI = "/%E0%A4%B9%E0%A4%BF%E0%A4%82%E0%A4%A6%E0%A5%80/%E0%A4%B2%E0%A5%87%E0%A4%96"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


class Handler(http.server.BaseHTTPRequestHandler):
    """200 for /ok and /हिंदी/लेख; /slow holds on; /interrupt presses Ctrl-C."""

    def do_HEAD(self):
        if self.path == "/interrupt":
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        if self.path in ("/slow", "/interrupt"):  # then hang up without answering; the Ctrl-C may take a while
            self.server.stopping.wait(10 if self.path == "/interrupt" else 2)  # to reach a busy machine's main thread
            return
        self.send_response(200 if self.path in ("/ok", HINDI) else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def origin(monkeypatch):
    for name in PROXY_VARIABLES:  # check would send 127.0.0.1 traffic to a proxy
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads, server.stopping = True, threading.Event()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.stopping.set()
    server.shutdown()
    server.server_close()


def point_sources(tree, origin: str, budget_path: str) -> None:
    tree.replace(CLAIMS, "url: https://example.org/apollo", f"url: {origin}/ok")
    tree.replace(CLAIMS, "archive_url: https://archive.example.org/apollo", f"archive_url: {origin}/ok")
    tree.replace(CLAIMS, "url: https://example.org/budget", f"url: {origin}{budget_path}")


def test_check_passes_when_every_source_answers(tree, origin, capsys):
    point_sources(tree, origin, "/ok")
    assert main(["check", "--timeout", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 links checked: 3 ok, 0 redirected, 0 dead (0 without archive)"


def test_check_fails_on_a_dead_source_without_archive(tree, origin, capsys):
    point_sources(tree, origin, "/gone")
    assert main(["check", "--timeout", "2"]) == 1
    out = capsys.readouterr().out
    assert f"{origin}/gone" in out and "moon-cheese/claims/cost" in out and "no archive" in out
    assert out.splitlines()[-1] == "3 links checked: 2 ok, 0 redirected, 1 dead (1 without archive)"


def test_check_reports_content_errors_first(tree, capsys):
    tree.replace(CLAIMS, "verdict: false", "verdict: nonsense")
    assert main(["check"]) == 1
    assert "unknown verdict 'nonsense'" in capsys.readouterr().err


def test_check_asks_for_a_hindi_path_percent_encoded(tree, origin, capsys):
    point_sources(tree, origin, "/हिंदी/लेख")
    assert main(["check", "--timeout", "2"]) == 0
    assert capsys.readouterr().out == "3 links checked: 3 ok, 0 redirected, 0 dead (0 without archive)\n"


def one_not_checked(tree, url: str) -> list[str]:
    """The report when the cost claim's source (at `url`) was not checked and the other two were fine:
    `where` is the line of that source's url in claims.yaml."""
    lines = tree.path(CLAIMS).read_text(encoding="utf-8").splitlines()
    line = lines.index(f"        url: {url}") + 1
    return [
        f"state        status  {'url':{len(url)}}  claim                    archive     where",
        f"not checked  -       {url}  moon-cheese/claims/cost  no archive  content/checks/moon-cheese/claims.yaml:{line}",
        "2 links checked: 2 ok, 0 redirected, 0 dead (0 without archive); 1 not checked",
    ]


def test_check_reports_links_not_checked_when_the_run_deadline_passes(tree, origin, capsys):
    point_sources(tree, origin, "/slow")
    assert main(["check", "--timeout", "5", "--deadline", "0.5"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == one_not_checked(tree, f"{origin}/slow")
    assert err == "stopped: the run deadline of 0.5 s passed\n"


def test_check_on_ctrl_c_reports_links_so_far_and_exits_130(tree, origin, capsys):
    point_sources(tree, origin, "/interrupt")
    assert main(["check", "--timeout", "5", "--workers", "1"]) == 130
    out, err = capsys.readouterr()
    assert out.splitlines() == one_not_checked(tree, f"{origin}/interrupt")
    assert err == "stopped\n"


@pytest.mark.parametrize("option", ["--timeout", "--deadline"])
@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "86401", "soon"])
def test_check_rejects_a_time_limit_that_is_not_seconds_above_zero(option, value, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["check", option, value])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"tathya check: error: argument {option}: '{value}' is not a time limit; "
        "use a number of seconds above 0, at most 86400 (one day)"
    )


@pytest.mark.parametrize("value", ["0", "-3", "2.5", "many"])
def test_check_rejects_workers_that_are_not_a_whole_number_above_zero(value, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["check", "--workers", value])
    assert exit.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"tathya check: error: argument --workers: '{value}' is not a number of workers; use a whole number above 0"
    )


def test_check_help_names_the_run_deadline(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "--deadline DEADLINE" in capsys.readouterr().out
