"""Rebuilds run beside the server: pages keep coming from the last good site while one runs (rebuilds held by a gate file)."""

from __future__ import annotations

import signal
import time

import pytest

from serve_support import HELD, Server, edit, get, wait_for_rebuild

OLD, NEW = "Is the Moon made of cheese?", "Is the Moon made of basalt?"


@pytest.fixture
def held(content, tmp_path):
    """A preview whose rebuilds wait for the gate file, with one rebuild (of a title edit) held already."""
    gate = tmp_path / "gate"
    server = Server(content, script=HELD, env={"TATHYA_TEST_GATE": str(gate)})
    try:
        edit(content / "checks/moon-cheese/claims.yaml", OLD, NEW)
        server.wait_for("^test: rebuild held$")
        yield server, gate
    finally:
        gate.touch()
        server.stop()


def interrupt(server: Server) -> None:
    """Ctrl-C while the rebuild is held: the preview says it waits for it."""
    server.proc.send_signal(signal.SIGINT)
    server.wait_for("^waiting for the rebuild to finish")


def timed_get(server, path: str) -> tuple[int, str, float]:
    start = time.monotonic()
    status, _, body = get(server, path)
    return status, body, time.monotonic() - start


def test_pages_answer_from_the_last_good_site_while_a_rebuild_runs_and_show_the_new_one_after(held):
    server, gate = held
    time.sleep(1.0)  # the rebuild stays held; a server waiting on it would not answer at all
    answers = {path: timed_get(server, path) for path in ("/mini/en/moon-cheese/", "/mini/hi/", "/mini/assets/tathya.css")}
    assert {path: status for path, (status, _, _) in answers.items()} == dict.fromkeys(answers, 200)
    assert all(seconds < 2 for _, _, seconds in answers.values()), answers
    assert f"<h1>{OLD}</h1>" in answers["/mini/en/moon-cheese/"][1]
    assert server.rebuild_lines() == []
    gate.touch()
    assert wait_for_rebuild(server, 1).startswith("content/checks/moon-cheese/claims.yaml changed: 7 files rewritten (26 pages) in ")
    status, body, _ = timed_get(server, "/mini/en/moon-cheese/")
    assert status == 200 and f"<h1>{NEW}</h1>" in body


def test_saves_made_during_a_rebuild_are_built_together_in_the_next_one(held, content):
    server, gate = held
    for name in ("article.en.md", "article.hi.md"):
        with (content / "checks/moon-cheese" / name).open("a", encoding="utf-8") as f:
            f.write("\nOne more line.\n")
        time.sleep(0.3)  # longer than the watcher's quiet time: separate bursts, had it been free
    gate.touch()
    wait_for_rebuild(server, 2)
    time.sleep(1.0)  # long enough for a third rebuild to show, were the saves split
    assert [line.split(" changed: ")[0] for line in server.rebuild_lines()] == [
        "content/checks/moon-cheese/claims.yaml",
        "content/checks/moon-cheese/article.en.md, content/checks/moon-cheese/article.hi.md"]
    assert "One more line." in get(server, "/mini/en/moon-cheese/")[2]


def test_ctrl_c_during_a_rebuild_waits_for_it_and_a_second_one_stops_at_once(held):
    server, _ = held
    interrupt(server)
    assert server.lines[-1] == "waiting for the rebuild to finish (Ctrl-C again to stop at once)"
    assert server.proc.poll() is None
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(10) == 130
    assert server.lines[-1] == "stopped"
    assert "Traceback" not in server.output()


def test_ctrl_c_during_a_rebuild_shows_its_outcome_then_stops_with_status_0(held):
    server, gate = held
    interrupt(server)
    gate.touch()
    assert server.proc.wait(10) == 0
    server.reader.join(5)
    assert server.lines[-3:-1] == ["waiting for the rebuild to finish (Ctrl-C again to stop at once)",
                                   server.rebuild_lines()[0]]
    assert server.lines[-1] == "stopped"
