"""Command line: build | serve | check | catalogues | status, and their exit codes."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from .errors import BuildFailed
from .marker import OutputRefused
from .sitecheck import PAGE_KB, SITE_MB

COMMANDS = ("build", "serve", "check", "catalogues", "status")
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="tathya", description="Build a bilingual fact-check site from content/.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build content/ into site/ (the default)")
    serve = commands.add_parser("serve", help="build, serve for preview, and rebuild on every save")
    check = commands.add_parser("check", help="validate content/ and check that every source URL still answers (--offline: the built site instead)")
    commands.add_parser("catalogues", help="extract the UI strings from the templates into every locales/<lang> catalogue and list the untranslated ones")
    status = commands.add_parser("status", help="list, per check and language, the texts missing and the translations gone stale (--mark-done records them as done)")
    for sub in (build, serve, check, status):
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    for sub in (build, serve, check):
        sub.add_argument("--base-url", help="publish address for this build, overriding site.yaml's base_url")
    build.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    build.add_argument("--jobs", type=worker_count, default=None, help="processes reading checks and drawing pages (default: one per core)")
    build.add_argument("--no-share-images", dest="share_images", action="store_false",
                       help="draw no share card (pages then name no og:image); site.yaml's share_images: false does the same")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=port_number, default=8000, help="port to listen on, 0 to 65535 (default: 8000; 0 picks a free one)")
    check.add_argument("--timeout", type=time_limit, default=10.0, help="seconds for each URL all told: connecting, asking, reading the answer (default: 10)")
    check.add_argument("--deadline", type=time_limit, default=600.0, help="seconds for the whole run; links not answered by then are reported as not checked, and the check fails (default: 600)")
    check.add_argument("--workers", type=worker_count, default=8, help="URLs checked at once (default: 8)")
    check.add_argument("--offline", action="store_true", help="no network: build the site and check its internal links, #fragments, HTML, JSON-LD and sizes")
    check.add_argument("--site", type=Path, help="with --offline: check this already built folder (e.g. site) instead of building one")
    check.add_argument("--max-page-kb", type=budget, default=PAGE_KB, help=f"with --offline: largest HTML page allowed, in KB (default: {PAGE_KB})")
    check.add_argument("--max-site-mb", type=budget, default=SITE_MB, help=f"with --offline: largest site allowed, in MB (default: {SITE_MB})")
    status.add_argument("--strict", action="store_true", help="exit 1 when any text is missing or any translation stale (for CI)")
    status.add_argument("--mark-done", metavar="SLUG", help="record the check's translations as done, once the translator has brought them up to date")
    status.add_argument("lang", nargs="?", metavar="LANG", help="with --mark-done: only this language (default: every translated language)")
    return parser


def entry() -> None:
    """The `tathya` command and build.py: run, then leave without tearing the model down.

    Freeing a large site's objects one by one at exit takes longer than some
    rebuilds (0.15 s for 1,000 checks); every file is closed by then, so the
    process ends at once once its output is flushed.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 fine, 1 content or config error, 2 bad usage."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command == "check" and args.site and not args.offline:
        parser.error("--site needs --offline: it names a built site to check without network")
    if args.command == "status" and args.lang and not args.mark_done:
        parser.error(f"{args.lang!r}: a language is given only with --mark-done SLUG LANG")
    try:
        return {"build": run_build, "serve": run_serve, "check": run_check, "catalogues": run_catalogues,
                "status": run_status}[args.command](args)
    except BuildFailed as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def run_build(args: argparse.Namespace) -> int:
    """Build once and print the summary line."""
    from .pipeline import build

    progress = show_progress if sys.stderr.isatty() else None
    result = build(args.content, args.out, base_url=args.base_url, jobs=args.jobs, progress=progress, share_images=args.share_images)
    if progress:
        sys.stderr.write("\r\x1b[K")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(result.summary(args.out))
    return EXIT_OK


def show_progress(done: int, total: int) -> None:
    """A counter of checks read, then of pages drawn, then of share cards drawn, redrawn in place on a terminal."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rbuilding [{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()


def port_number(text: str) -> int:
    """A --port value: a whole number from 0 to 65535 (the OS would wrap a larger one around silently)."""
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number; use 0 to 65535 (0 picks a free one)")
    return int(text)


def run_serve(args: argparse.Namespace) -> int:
    """Preview with live reload."""
    from .serve import serve

    return serve(args.content, host=args.host, port=args.port, base_url=args.base_url)


def run_catalogues(args: argparse.Namespace) -> int:
    """Extract the UI strings, update every catalogue, list the untranslated entries (1 when there is one)."""
    from . import catalogues, pipeline

    return catalogues.main(pipeline.ROOT, pipeline.TEMPLATES, pipeline.LOCALES)


def run_status(args: argparse.Namespace) -> int:
    """Print what each check lacks per language and which translations are stale, or mark one check's translations done."""
    from . import status

    return status.main(args.content, strict=args.strict, slug=args.mark_done, lang=args.lang)


def run_check(args: argparse.Namespace) -> int:
    """Validate content, then check every source URL; when stopped early, report what was checked."""
    from .linkcheck import CheckInterrupted, check_links, exit_status, format_report, links_from_site
    from .load import load_site

    if args.offline:
        return run_offline_check(args)
    site = load_site(args.content, base_url=args.base_url)
    options = {"timeout": args.timeout, "workers": args.workers, "deadline": args.deadline}
    try:
        results = check_links(links_from_site(site), **options, progress=sys.stderr)
    except CheckInterrupted as stop:
        print(format_report(stop.results))
        raise  # main() says "stopped" and returns 130
    print(format_report(results))
    if any(result.state == "not checked" for result in results):
        print(f"stopped: the run deadline of {args.deadline:g} s passed", file=sys.stderr)
    return exit_status(results)


def run_offline_check(args: argparse.Namespace) -> int:
    """Validate content, then check the site built into a temporary folder (or --site) without network."""
    import tempfile

    from .load import load_site
    from .pipeline import build
    from .sitecheck import address_hint, check_site

    budgets = {"page_kb": args.max_page_kb, "site_mb": args.max_site_mb}
    if args.site is not None:
        site = load_site(args.content, base_url=args.base_url)
        if not (args.site / ".tathya-site").is_file():
            print(f"error: {args.site} is not a site built by tathya (no .tathya-site); build it first", file=sys.stderr)
            return EXIT_USAGE
        problems, summary = check_site(args.site, site.config.base_url, shown_as=str(args.site), **budgets)
        hint = address_hint(args.site, site.config.base_url) if problems else None
    else:
        with tempfile.TemporaryDirectory(prefix="tathya-check-") as folder:
            out = Path(folder) / "site"
            result = build(args.content, out, base_url=args.base_url)
            problems, summary = check_site(out, result.site.config.base_url, **budgets)
            hint = None
    for problem in problems:
        print(problem)
    if problems and args.site is None:  # the pages named were in a temporary folder, gone now
        print("(the paths are of pages built into a temporary folder: run `python build.py` and open them under site/, "
              "or check that folder with --site site)")
    if hint:
        print(hint)
    print(summary)
    return EXIT_CONTENT if problems else EXIT_OK


def budget(text: str) -> float:
    """A --max-page-kb or --max-site-mb value: a number above 0."""
    value = number_above_0(text, math.inf)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size; use a number above 0")
    return value


def time_limit(text: str) -> float:
    """A --timeout or --deadline value: seconds above 0, at most a day (the OS's timers overflow far beyond)."""
    seconds = number_above_0(text, 86400)
    if seconds is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time limit; use a number of seconds above 0, at most 86400 (one day)")
    return seconds


def number_above_0(text: str, limit: float) -> float | None:
    """The number `text` spells when it is above 0 and at most `limit`, else None (nan included)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 < value <= limit else None


def worker_count(text: str) -> int:
    """A --workers or --jobs value: a whole number above 0."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers; use a whole number above 0")
    return count
