"""`build.py check`: validate content, then ask every cited URL whether it still answers."""

from __future__ import annotations

import http.server
import threading

import pytest

from tathya.cli import main

CLAIMS = "checks/moon-cheese/claims.yaml"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def origin():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
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
