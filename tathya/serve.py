"""`python build.py serve`: build into a preview folder, serve it, and rebuild and reload on every save.

Rebuilds run on the watcher's thread, one at a time; what the web handlers
read (site, failure, build token) changes only on the event loop, between
requests, so a request never sees half of a rebuild's outcome.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from .cards import NO_RAQM, can_draw, drawn, plan_cards
from .config import load_config
from .errors import BuildFailed, ContentError
from .httpd import ALL_INTERFACES, Hosts, Tabs, make_app
from .i18n import MissingTranslation, load_catalogues
from .models import Site
from .pending import pending_lines
from .pipeline import LOCALES, STATIC, TEMPLATES, BuildResult, theme_css
from .plan import Page
from .rebuild import Rebuilder
from .render import CSP, Renderer
from .watch import Watcher

EXIT_OK, EXIT_USAGE = 0, 2

class Preview:
    """The preview's state: the last good site, the current failure, and the build pages are stamped with."""

    def __init__(self, content: Path, out: Path, base_url: str | None):
        self.content, self.out, self.base_url, self.static = content, out, base_url, STATIC
        self.roots = [content, TEMPLATES, LOCALES, STATIC]
        self.site: Site | None = None
        self.failure: BuildFailed | None = None
        self.session, self.generation = secrets.token_hex(4), 0
        self.tabs = Tabs()
        self.loop: IOLoop | None = None  # the web server's event loop, once it runs
        # The model, plan and an in-memory cache live for the session: a save redraws only what
        # it affects, and the shared .tathya-cache/ never fills with stamps of deleted preview folders.
        self.builder = Rebuilder(content, out, base_url=base_url)

    @property
    def token(self) -> str:
        """Names the current build; a tab showing another one reloads."""
        return f"{self.session}-{self.generation}"

    @property
    def failed(self) -> bool:
        """Whether the last build failed, so pages show the error page."""
        return self.failure is not None

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, from base_url (`/` until a site.yaml has been read)."""
        return urlsplit(self.site.config.base_url).path if self.site else "/"

    def first_build(self) -> None:
        """Build once before serving; on errors, print them and serve the error page until they are fixed."""
        try:
            result = self.builder.build()
        except BuildFailed as exc:
            print(exc.report(), file=sys.stderr, flush=True)
            print("the browser shows these errors until they are fixed", flush=True)
            config = load_config(self.content, [], True, self.base_url)
            self.site, self.failure = (Site(config, ()) if config else None), exc
            self.out.mkdir(exist_ok=True)  # empty: the error page's style comes from the theme until a build succeeds
            return
        self.site = result.site
        print(result.summary(self.out), flush=True)
        print_pending(result.site)

    def rebuild(self, paths: list[Path]) -> None:
        """Rebuild after a burst of saves (on the watcher's thread); the event loop then shows the outcome."""
        what = f"{describe(paths, self.roots)} changed"
        result = failure = None
        try:
            result = self.builder.rebuild(paths)
        except BuildFailed as exc:
            failure = exc
        except Exception as exc:  # a bug in the generator must not stop the preview either
            traceback.print_exc()
            failure = BuildFailed([ContentError("tathya", 0, f"internal error: {exc!r}", "see the terminal")])
        self.loop.add_callback(self.show, what, result, failure)

    def show(self, what: str, result: BuildResult | None, failure: BuildFailed | None) -> None:
        """On the event loop: take a rebuild's outcome, print one line, and reload the tabs if anything changed."""
        if failure is not None:
            self.fail(what, failure)
        else:
            was_failing = self.failed
            self.site, self.failure = result.site, None
            print(f"{what}: {result.written} files rewritten ({result.pages} pages) in {result.milliseconds} ms", flush=True)
            print_pending(result.site)
            if not result.written and not was_failing:
                return
        self.generation += 1
        self.tabs.reload()

    def fail(self, what: str, exc: BuildFailed) -> None:
        """Keep the last good build on disk and show the errors instead of its pages."""
        self.failure = exc
        n = len(exc.errors)
        print(f"{what}: build failed with {n} error{'s' if n != 1 else ''}; the browser shows them", flush=True)
        print(exc.report(), file=sys.stderr, flush=True)

    def share_card(self, rest: str) -> bytes | None:
        """A page's share card, drawn when asked for (builds for the preview draw none); None when the site has none there."""
        if self.site is None or not self.site.config.share_images:
            return None
        if not can_draw():
            print(f"{rest}: {NO_RAQM}", file=sys.stderr, flush=True)
            return None
        card = next((c for c in plan_cards(self.site, theme_css()) if c.out_path == rest), None)
        return drawn(card) if card is not None else None

    def error_page(self, rest: str) -> bytes:
        """The error page for a request, in the language its URL starts with, in the site's style."""
        errors = self.failure.errors if self.failure else []
        if self.site is None:
            return plain_error_page(errors, self.base_path)
        langs = self.site.config.languages
        lang = rest.split("/")[0] if rest.split("/")[0] in langs else langs[0]
        out_path = rest + "index.html" if rest == "" or rest.endswith("/") else rest
        page = Page(rest, out_path, "error.html", lang, context={"errors": errors})
        sink: list[ContentError] = []
        catalogues = load_catalogues(LOCALES, langs, sink, preview=True)
        try:
            if sink:
                raise BuildFailed(sink)
            return Renderer(TEMPLATES, catalogues, self.site, preview=True).render(page).encode("utf-8")
        except (jinja2.TemplateError, MissingTranslation, BuildFailed):
            return plain_error_page(errors, self.base_path)  # the theme itself is what is broken

def print_pending(site: Site) -> None:
    """Each check's texts shown in another language's stead, a line per check and language."""
    for line in pending_lines(site):
        print(line, flush=True)


def plain_error_page(errors: list[ContentError], base_path: str) -> bytes:
    """The error page for when the templates or catalogues cannot draw one."""
    listing = "\n".join(str(escape(str(e))) for e in errors)
    base_path = escape(base_path)  # validated already; escaped all the same, as every value reaching HTML is
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n<title>Build failed</title>\n'
            f'<link rel="stylesheet" href="{base_path}assets/tathya.css">\n'
            f'<script src="{base_path}assets/livereload.js" defer></script>\n</head>\n'
            f'<body>\n<main class="wrap">\n<h1>Build failed</h1>\n<pre class="error-list">{listing}</pre>\n'
            f'</main>\n</body>\n</html>\n').encode("utf-8")

def describe(paths: list[Path], roots: list[Path]) -> str:
    """Changed files as short names (`content/checks/x/claims.yaml`), at most three, then a count."""
    names = []
    for path in paths:
        root = next((r for r in roots if path.is_relative_to(r)), path.parent)
        names.append(f"{root.resolve().name}/{path.relative_to(root).as_posix()}")
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more

def address(host: str, port: int, path: str) -> str:
    """The URL to open; for an all-interfaces host, the loopback one."""
    host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{path}"

def serve(content: Path, *, host: str = "127.0.0.1", port: int = 8000, base_url: str | None = None) -> int:
    """Preview `content` until Ctrl-C, rebuilding on every save; 0 when stopped, 2 when the port is taken."""
    if host in ALL_INTERFACES:
        print(f"warning: listening on all interfaces ({host or '*'}): anyone who can reach this machine "
              "can open the preview; leave out --host to keep it on this machine", file=sys.stderr, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="tathya-preview-"))
    try:
        preview = Preview(content, folder / "site", base_url)
        watcher = Watcher(preview.roots, preview.rebuild)  # snapshot before the first build: no save slips through
        preview.first_build()
        return asyncio.run(run(preview, watcher, host, port))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

async def run(preview: Preview, watcher: Watcher, host: str, port: int) -> int:
    """Serve and watch until SIGINT or SIGTERM."""
    try:
        sockets = bind_sockets(port, address=host or None)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}; try another --port", file=sys.stderr)
        return EXIT_USAGE
    port = sockets[0].getsockname()[1]
    server = HTTPServer(make_app(preview, Hosts.listening_on(host, port)))
    server.add_sockets(sockets)
    loop, stop = asyncio.get_running_loop(), asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    preview.loop = IOLoop.current()
    watcher.start()
    print(f"serving {address(host, port, preview.base_path)} (Ctrl-C to stop)", flush=True)
    await stop.wait()
    loop.remove_signal_handler(signal.SIGINT)  # a second Ctrl-C stops at once (status 130)
    server.stop()
    watcher.stop()
    if watcher.busy:
        print("waiting for the rebuild to finish (Ctrl-C again to stop at once)", flush=True)
    while watcher.thread.is_alive():  # the loop keeps running, so the rebuild's outcome is still shown
        await asyncio.sleep(0.02)  # (not a join() on another thread: asyncio.run waits for such threads at exit)
    await asyncio.sleep(0)  # run the callback its last rebuild left
    preview.tabs.close()
    print("stopped", flush=True)
    return EXIT_OK
