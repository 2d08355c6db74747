"""Fixtures for the reader-facing checks: sites built once per session and served under /tathya/."""

from __future__ import annotations

import shutil

import pytest

from many_checks import write_tree
from readers_support import AXE, MINI, SHIPPED, VNU, Site, need, serve_site


@pytest.fixture(scope="session")
def _servers():
    servers: list = []
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory, _servers) -> Site:
    """The golden mini fixture: corrections, archive links, a language without an about page."""
    return serve_site("mini", MINI, tmp_path_factory.mktemp("sites"), _servers)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory, _servers) -> Site:
    """The shipped content/, which every reader-facing promise is about."""
    need((SHIPPED / "site.yaml").exists(), "content/ is not there yet")
    return serve_site("shipped", SHIPPED, tmp_path_factory.mktemp("sites"), _servers)


@pytest.fixture(scope="session")
def many_site(tmp_path_factory, _servers) -> Site:
    """47 checks under three topics, rated across the scale: every list is paged (tests/many_checks.py)."""
    content = write_tree(tmp_path_factory.mktemp("many") / "content")
    return serve_site("many", content, tmp_path_factory.mktemp("sites"), _servers)


@pytest.fixture(scope="session")
def any_site(request) -> Site:
    """The shipped site when content/ exists, else the mini fixture (for checks that need only one)."""
    if (SHIPPED / "site.yaml").exists():
        return request.getfixturevalue("shipped_site")
    return request.getfixturevalue("mini_site")


@pytest.fixture(scope="session")
def axe_script():
    """The pinned axe-core, from node_modules."""
    need(AXE.exists(), f"{AXE} is missing: run `npm ci`")
    return AXE


@pytest.fixture(scope="session")
def vnu_command():
    """The Nu HTML Checker from the pinned vnu-jar, run with the machine's Java."""
    java = shutil.which("java")
    need(java is not None, "java not found: apt-get install openjdk-17-jre-headless")
    need(VNU.exists(), f"{VNU} is missing: run `npm ci`")
    return [java, "-jar", str(VNU)]


@pytest.fixture
def new_context(browser):
    """browser.new_context(**options), closed after the test; each context records console errors."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.console_errors = []
        context.on("console", lambda msg: context.console_errors.append(msg.text) if msg.type == "error" else None)
        context.on("weberror", lambda err: context.console_errors.append(str(err.error)))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
