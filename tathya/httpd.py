"""The preview's web side: files under the output folder only, and the reload socket."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler
from tornado import web
from tornado.websocket import WebSocketClosedError, WebSocketHandler

CLIENT = Path(__file__).with_name("reload_client.js")
CLIENT_URL = "assets/livereload.js"   # where base.html loads it from in preview
RELOAD_PATH = "/livereload"           # the LiveReload protocol's usual socket path


class Preview(Protocol):
    """What the handlers need to know about the preview (tathya.serve.Preview)."""

    out: Path
    base_path: str
    token: str
    failed: bool

    def error_page(self, rest: str) -> bytes: ...


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

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def get(self) -> None:
        """Serve a file, a folder's index.html, the error page, or the site's 404 page."""
        path, base = self.request.path, self.preview.base_path
        if path != base and path in ("/", base.rstrip("/")):
            return self.redirect(base)
        rest = path[len(base):] if path.startswith(base) else None
        target = safe_path(self.preview.out, rest) if rest is not None else None
        if target is None:
            return self.send_missing()
        if rest == CLIENT_URL:
            return self.send(CLIENT.read_bytes(), "text/javascript; charset=utf-8")
        if target.is_dir():
            if rest and not rest.endswith("/"):
                return self.redirect(path + "/")
            target = safe_path(self.preview.out, rest + "index.html")
        if target is not None and self.preview.failed and target.suffix in ("", ".html"):
            # Any page, even one the last good build lacks, shows the errors; assets still come from that build.
            return self.send(self.preview.error_page(rest), "text/html; charset=utf-8", 500)
        if target is None or not target.is_file():
            return self.send_missing()
        self.send(target.read_bytes(), content_type(target))

    head = get

    def send_missing(self) -> None:
        """The site's own 404 page."""
        page = self.preview.out / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found\n"
        self.send(body, "text/html; charset=utf-8" if page.is_file() else "text/plain; charset=utf-8", 404)

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


class ReloadSocket(LiveReloadHandler):
    """python-livereload's socket, told which build each tab shows so a tab never misses one."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def check_origin(self, origin: str) -> bool:
        # Only this server's own pages may connect (livereload's handler accepts any site).
        return WebSocketHandler.check_origin(self, origin)

    def on_message(self, message: str | bytes) -> None:
        """The LiveReload handshake, then an immediate reload if the tab's build is not the current one."""
        super().on_message(message)
        data = json.loads(message)
        if data.get("command") == "info" and data.get("build") != self.preview.token:
            self.write_message({"command": "reload", "path": "*"})


def reload_tabs() -> None:
    """Tell every open tab to reload."""
    for tab in list(LiveReloadHandler.waiters):
        try:
            tab.write_message({"command": "reload", "path": "*"})
        except WebSocketClosedError:
            LiveReloadHandler.waiters.discard(tab)


def close_tabs() -> None:
    """Close every reload socket, so the server can stop without waiting on them."""
    for tab in list(LiveReloadHandler.waiters):
        tab.close()
    LiveReloadHandler.waiters.clear()


def make_app(preview: Preview) -> web.Application:
    """The preview's tornado application."""
    return web.Application([(RELOAD_PATH, ReloadSocket, {"preview": preview}),
                            (r"/.*", SiteHandler, {"preview": preview})],
                           log_function=lambda handler: None)
