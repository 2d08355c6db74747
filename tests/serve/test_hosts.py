"""Who may ask: the preview answers only to its own address (no DNS rebinding), and its reload socket only to its own pages."""

from __future__ import annotations

import asyncio
import json

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from serve_support import Server, edit, get
from tathya.httpd import Hosts


def run(coroutine):
    """asyncio.run() on a thread of its own: Playwright's sync API may hold an event loop on this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def refusal(port: int, host: str, names: str = "127.0.0.1, [::1] or localhost") -> str:
    return f"refused: Host {host!r} is not this preview's address; it answers to {names} on port {port}\n"


def test_the_loopback_names_with_the_port_get_the_site_and_any_other_host_gets_403(server):
    port = server.port
    good = [f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", f"[::1]:{port}"]
    bad = ["evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "127.0.0.1", f"localhost.:{port}",
           f"127.0.0.1.evil.example:{port}", f"192.168.1.10:{port}", f"[::1]x:{port}"]
    assert [get(server, "/mini/en/", {"Host": host})[0] for host in good] == [200] * len(good)
    for host in bad:
        status, headers, body = get(server, "/mini/en/", {"Host": host})
        assert (status, headers["Content-Type"], body) == (403, "text/plain; charset=utf-8", refusal(port, host))


def test_the_host_check_comes_before_redirects_and_404s(server):
    host = f"evil.example:{server.port}"
    for path in ("/", "/mini", "/mini/nothing/", "/mini/assets/livereload.js", "/livereload"):
        assert get(server, path, {"Host": host})[::2] == (403, refusal(server.port, host))


def test_on_all_interfaces_any_ip_address_and_localhost_are_accepted_but_no_other_name(content):
    server = Server(content, "--host", "0.0.0.0")
    try:
        port = server.port
        for host in (f"192.168.1.10:{port}", f"10.0.0.7:{port}", f"localhost:{port}", f"127.0.0.1:{port}", f"[fe80::1]:{port}"):
            assert get(server, "/mini/en/", {"Host": host})[0] == 200, host
        for host in (f"evil.example:{port}", f"my-laptop:{port}", f"192.168.1.10:{port + 1}"):
            assert get(server, "/mini/en/", {"Host": host})[::2] == (403, refusal(port, host, "an IP address or localhost"))
    finally:
        server.stop()


@pytest.mark.parametrize(("listen", "header", "allowed"), [
    ("127.0.0.1", "localhost:8000", True), ("::1", "[::1]:8000", True), ("::1", "127.0.0.1:8000", True),
    ("localhost", "[::1]:8000", True), ("192.168.1.5", "192.168.1.5:8000", True), ("192.168.1.5", "127.0.0.1:8000", False),
    ("my-laptop", "My-Laptop:8000", True), ("fe80::1", "[FE80::1]:8000", True), ("127.0.0.1", "localhost:08000", True),
    ("127.0.0.1", "localhost:", False), ("127.0.0.1", "", False), ("127.0.0.1", None, False), ("127.0.0.1", "::1:8000", False),
    ("0.0.0.0", "[::ffff:192.168.1.5]:8000", True), ("::", "evil.example:8000", False), ("", "localhost:8000", True),
])
def test_which_host_headers_name_the_preview(listen, header, allowed):
    assert Hosts.listening_on(listen, 8000).allow(header) is allowed


def test_port_80_may_be_left_out_of_the_host():
    assert Hosts.listening_on("127.0.0.1", 80).allow("localhost") is True
    assert Hosts.listening_on("127.0.0.1", 8000).allow("localhost") is False


def connect(server: Server, headers: dict[str, str], messages: list[dict] = (), wait_for: int = 1) -> list[dict]:
    """Open the reload socket with these headers, send messages, and return the first `wait_for` answers."""
    async def talk() -> list[dict]:
        socket = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload", headers=headers,
                                                     request_timeout=5))
        try:
            for message in messages:
                await socket.write_message(json.dumps(message))
            return [json.loads(await asyncio.wait_for(socket.read_message(), 5)) for _ in range(wait_for)]
        finally:
            socket.close()
    return run(talk())


def refused(server: Server, headers: dict[str, str]) -> tuple[int, str]:
    with pytest.raises(HTTPClientError) as error:
        connect(server, headers)
    return error.value.code, error.value.response.body.decode("utf-8")


HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}


def test_the_reload_socket_speaks_livereload_to_the_preview_s_own_pages(server):
    own = f"127.0.0.1:{server.port}"
    answers = connect(server, {"Host": own, "Origin": f"http://{own}"},
                      [HELLO, {"command": "info", "url": server.url, "build": "stale", "plugins": {}}], wait_for=2)
    assert answers == [{"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"],
                        "serverName": "tathya"}, {"command": "reload", "path": "*"}]


def test_the_reload_socket_refuses_other_origins_and_hosts(server):
    own = f"127.0.0.1:{server.port}"
    for origin in ("http://evil.example", f"http://evil.example:{server.port}", f"http://localhost:{server.port}",
                   f"https://{own}", "null", f"http://127.0.0.1:{server.port + 1}"):
        assert refused(server, {"Host": own, "Origin": origin}) == (
            403, f"refused: the reload socket is for this preview's own pages, not for Origin {origin!r}\n")
    host = f"evil.example:{server.port}"  # a rebound name: same origin in the browser's eyes, refused by its Host
    assert refused(server, {"Host": host, "Origin": f"http://{host}"}) == (403, refusal(server.port, host))


def test_a_save_reloads_every_open_socket(server):
    own = f"127.0.0.1:{server.port}"

    async def watch() -> list[dict]:
        sockets = [await websocket_connect(HTTPRequest(f"ws://{own}/livereload", headers={"Origin": f"http://{own}"}))
                   for _ in range(2)]
        for socket in sockets:
            await socket.write_message(json.dumps(HELLO))
            assert json.loads(await asyncio.wait_for(socket.read_message(), 5))["command"] == "hello"
        await asyncio.to_thread(edit, server.content / "checks/moon-cheese/claims.yaml", "verdict: false", "verdict: fals")
        answers = [json.loads(await asyncio.wait_for(socket.read_message(), 10)) for socket in sockets]
        for socket in sockets:
            socket.close()
        return answers

    assert run(watch()) == [{"command": "reload", "path": "*"}] * 2


def test_a_message_that_is_not_livereload_closes_the_socket_quietly(server):
    own = f"127.0.0.1:{server.port}"

    async def send_junk() -> tuple[object, int | None]:
        socket = await websocket_connect(HTTPRequest(f"ws://{own}/livereload", headers={"Origin": f"http://{own}"}))
        await socket.write_message("[1, 2")
        answer = await asyncio.wait_for(socket.read_message(), 5)
        socket.close()
        return answer, socket.close_code

    assert run(send_junk()) == (None, 1003)
    assert get(server, "/mini/en/")[0] == 200
    assert "Traceback" not in server.output()
