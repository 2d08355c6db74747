"""In a real browser: saves reach the open tab by themselves, broken edits show their errors, fixes bring the page back."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from serve_support import edit

pytestmark = pytest.mark.browser

TITLE = "Is the Moon made of cheese?"


def test_saving_claims_yaml_reloads_the_open_page_with_the_new_text(server, page):
    page.goto(server.url + "en/moon-cheese/")
    expect(page.locator("h1")).to_have_text(TITLE)
    edit(server.content / "checks/moon-cheese/claims.yaml", TITLE, "Is the Moon made of basalt?")
    expect(page.locator("h1")).to_have_text("Is the Moon made of basalt?", timeout=10_000)
    assert server.wait_for(" changed: ").startswith("content/checks/moon-cheese/claims.yaml changed: 7 files rewritten (26 pages) in ")
    assert page.console_errors == []  # the reload socket is allowed by the page's own CSP


def test_a_broken_edit_shows_its_errors_and_the_fix_brings_the_page_back(server, page):
    claims = server.content / "checks/moon-cheese/claims.yaml"
    page.goto(server.url + "en/moon-cheese/")
    edit(claims, "verdict: false", "verdict: fals")
    expect(page.locator("h1")).to_have_text("The preview could not be built", timeout=10_000)
    assert page.locator("pre.error-list").inner_text() == (
        f"{claims}:15: unknown verdict 'fals'; use one of true, mostly-true, misleading, false, unverified\n"
        "    verdict: fals\n")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("link[rel=stylesheet]").get_attribute("href") == "../../assets/tathya.css"
    assert server.proc.poll() is None
    seen = len(server.lines)
    edit(claims, "verdict: fals", "verdict: false")
    expect(page.locator("h1")).to_have_text(TITLE, timeout=10_000)
    server.wait_for(" changed: ", start=seen)
    assert [line.split(": ", 1)[1].split(" in ")[0] for line in server.rebuild_lines()] == [
        "build failed with 1 error; the browser shows them", "0 files rewritten (26 pages)"]


def test_two_saves_two_seconds_apart_both_reach_the_browser(server, page):
    claims = server.content / "checks/moon-cheese/claims.yaml"
    page.goto(server.url + "en/moon-cheese/")
    edit(claims, TITLE, "First save")
    first = time.monotonic()
    expect(page.locator("h1")).to_have_text("First save", timeout=10_000)
    time.sleep(max(0.0, 2.0 - (time.monotonic() - first)))
    seen = len(server.lines)
    edit(claims, "First save", "Second save")
    expect(page.locator("h1")).to_have_text("Second save", timeout=10_000)
    server.wait_for(" changed: ", start=seen)
    assert len(server.rebuild_lines()) == 2
