"""The preview's web side: files under the output folder only, the reload socket, and the addresses it answers to."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import mimetypes
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from tornado import web
from tornado.websocket import WebSocketClosedError, WebSocketHandler

CLIENT = Path(__file__).with_name("reload_client.js")
CLIENT_URL = "assets/livereload.js"   # where base.html loads it from in preview
RELOAD_PATH = "/livereload"           # the LiveReload protocol's usual socket path
RELOAD = {"command": "reload", "path": "*"}
HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"], "serverName": "tathya"}
ALL_INTERFACES = ("0.0.0.0", "::", "")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
HOST_RE = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(\d{1,5}))?")
MAX_PATH = 4096       # characters; the site's own addresses are far shorter
SWAP_SECONDS = 1.0    # how long a request waits for an output folder that a build is swapping in
PLAIN = "text/plain; charset=utf-8"


class Tabs:
    """The open reload sockets; touched on the event loop only."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()

    def reload(self) -> None:
        """Tell every open tab to reload."""
        for tab in list(self.sockets):
            try:
                tab.write_message(RELOAD)
            except WebSocketClosedError:
                self.sockets.discard(tab)

    def close(self) -> None:
        """Close every reload socket, so the server can stop without waiting on them."""
        for tab in list(self.sockets):
            tab.close()
        self.sockets.clear()


class Preview(Protocol):
    """What the handlers need to know about the preview (tathya.serve.Preview)."""

    out: Path
    static: Path  # the theme's assets, for the error page before any build succeeded
    base_path: str
    token: str
    failed: bool
    tabs: Tabs

    def error_page(self, rest: str) -> bytes: ...

    def share_card(self, rest: str) -> bytes | None: ...


@dataclass(frozen=True)
class Hosts:
    """The Host values the preview answers to: its own address, so no other site's page can read it (DNS rebinding).

    `names` is empty when it listens on all interfaces: then any IP address and
    localhost are accepted, but no other name, since only a name can be rebound.
    """

    names: frozenset[str]
    port: int

    @classmethod
    def listening_on(cls, host: str, port: int) -> Hosts:
        """The names a request may give for a server bound to `host` and `port`."""
        host = host.strip("[]").lower()
        return cls(frozenset() if host in ALL_INTERFACES else LOOPBACK if host in LOOPBACK else frozenset({host}), port)

    def allow(self, header: str | None) -> bool:
        """Whether a request's Host header names this preview."""
        match = HOST_RE.fullmatch(header or "")
        if not match or int(match[2] or 80) != self.port:
            return False
        name = match[1].strip("[]").lower()
        if self.names:
            return name in self.names
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return name == "localhost"
        return True

    def refusal(self, header: str | None) -> str:
        """The 403 message for a Host this preview does not answer to."""
        names = sorted(f"[{n}]" if ":" in n else n for n in self.names) or ["an IP address", "localhost"]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        return f"refused: Host {header!r} is not this preview's address; it answers to {listed} on port {self.port}\n"


def safe_path(root: Path, rest: str) -> Path | None:
    """What a URL path (still %-encoded, relative to the base path) names inside `root`; None if it may not be served."""
    if "\\" in rest or "%2f" in rest.lower() or "%5c" in rest.lower():
        return None
    try:
        parts = unquote(rest, errors="strict").split("/")
    except UnicodeDecodeError:
        return None
    if parts[-1] == "":
        parts.pop()  # a folder's trailing slash
    if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    real_root = root.resolve()
    target = real_root.joinpath(*parts).resolve()
    # resolve() follows symlinks, so a link that leads out of the folder is refused too.
    return target if target == real_root or real_root in target.parents else None


def stamp(html: bytes, token: str) -> bytes:
    """Tell the page's reload script which build it came from."""
    return html.replace(b'livereload.js"', b'livereload.js?build=' + token.encode("ascii") + b'"', 1)


class SiteHandler(web.RequestHandler):
    """GET and HEAD for the preview site under its base path; nothing else is reachable."""

    def initialize(self, preview: Preview, hosts: Hosts) -> None:
        self.preview, self.hosts = preview, hosts

    def prepare(self) -> None:
        if not self.hosts.allow(self.request.headers.get("Host")):
            self.send(self.hosts.refusal(self.request.headers.get("Host")).encode("utf-8"), PLAIN, 403)

    async def get(self) -> None:
        """Serve a file, a folder's index.html, the error page, or the site's 404 page."""
        if len(self.request.path) > MAX_PATH:
            message = f"refused: the address is {len(self.request.path)} characters long; the preview answers up to {MAX_PATH}\n"
            return self.send(message.encode("utf-8"), PLAIN, 414)
        deadline = time.monotonic() + SWAP_SECONDS
        while True:
            try:
                return self.answer()
            except OSError:  # not there, refused, or a name too long for the file system
                if self.preview.out.is_dir() or time.monotonic() > deadline:
                    return self.send_missing()
            # A build that swaps a new output folder in leaves none for a moment: look again shortly.
            await asyncio.sleep(0.01)

    head = get

    def answer(self) -> None:
        """Send what the request names; raise OSError when there is nothing to send."""
        path, base = self.request.path, self.preview.base_path
        if path != base and path in ("/", base.rstrip("/")):
            return self.redirect(base)
        rest = path[len(base):] if path.startswith(base) else None
        target = safe_path(self.preview.out, rest) if rest is not None else None
        if target is None:
            raise FileNotFoundError(path)
        if rest == CLIENT_URL:
            return self.send(CLIENT.read_bytes(), "text/javascript; charset=utf-8")
        if target.is_dir():
            if rest and not rest.endswith("/"):
                return self.redirect(path + "/")
            target = safe_path(self.preview.out, rest + "index.html")
        if target is not None and self.preview.failed and target.suffix in ("", ".html"):
            # Any page, even one the last good build lacks, shows the errors; assets still come from that build.
            return self.send(self.preview.error_page(rest), "text/html; charset=utf-8", 500)
        if (target is None or not target.is_file()) and rest.endswith("/share.png"):
            card = self.preview.share_card(rest)  # the preview draws a card only when it is asked for
            if card is not None:
                return self.send(card, "image/png")
        if target is None or not target.is_file():
            target = self.theme_asset(rest)
        if target is None:
            raise FileNotFoundError(path)
        self.send(target.read_bytes(), content_type(target))

    def theme_asset(self, rest: str) -> Path | None:
        """A theme file under assets/ that the output folder lacks: before any good build, the error page's style."""
        if not rest.startswith("assets/"):
            return None
        target = safe_path(self.preview.static, rest.removeprefix("assets/"))
        return target if target is not None and target.is_file() and not target.name.startswith(".") else None

    def send_missing(self) -> None:
        """The site's own 404 page."""
        try:
            self.send((self.preview.out / "404.html").read_bytes(), "text/html; charset=utf-8", 404)
        except OSError:
            self.send(b"not found\n", PLAIN, 404)

    def send(self, body: bytes, kind: str, status: int = 200) -> None:
        """One whole response, never cached, HTML stamped with the current build."""
        if kind.startswith("text/html"):
            body = stamp(body, self.preview.token)
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(body)


def content_type(path: Path) -> str:
    """The Content-Type for a built file."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "javascript")) else kind


class ReloadSocket(WebSocketHandler):
    """The LiveReload protocol's socket (official-7) for this preview's own pages, told which build each tab shows."""

    def initialize(self, preview: Preview, hosts: Hosts) -> None:
        self.preview, self.hosts = preview, hosts

    def prepare(self) -> None:
        host, origin = self.request.headers.get("Host"), self.request.headers.get("Origin")
        if not self.hosts.allow(host):
            self.refuse(self.hosts.refusal(host))
        elif origin is not None and origin.lower() != f"http://{host}".lower():
            # A browser always sends Origin; only a page this server sent may connect.
            self.refuse(f"refused: the reload socket is for this preview's own pages, not for Origin {origin!r}\n")

    def refuse(self, message: str) -> None:
        self.set_status(403)
        self.set_header("Content-Type", PLAIN)
        self.finish(message)

    def check_origin(self, origin: str) -> bool:
        return False  # prepare() let only this preview's own origin through; tornado asks only about others

    def open(self) -> None:
        self.preview.tabs.sockets.add(self)

    def on_close(self) -> None:
        self.preview.tabs.sockets.discard(self)

    def on_message(self, message: str | bytes) -> None:
        """The LiveReload handshake, then an immediate reload if the tab's build is not the current one."""
        try:
            data = json.loads(message)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("command"), str):
            return self.close(1003, "not a LiveReload message")
        if data["command"] == "hello":
            self.write_message(HELLO)
        elif data["command"] == "info" and data.get("build") != self.preview.token:
            self.write_message(RELOAD)


def make_app(preview: Preview, hosts: Hosts) -> web.Application:
    """The preview's tornado application."""
    args = {"preview": preview, "hosts": hosts}
    return web.Application([(RELOAD_PATH, ReloadSocket, args), (r"/.*", SiteHandler, args)], log_function=lambda handler: None)
