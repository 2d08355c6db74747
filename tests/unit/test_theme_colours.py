"""Recolouring one verdict touches nothing else: each verdict's custom properties are read only by its own rule."""

from __future__ import annotations

import re

from tathya.pipeline import ROOT

CSS = (ROOT / "static/tathya.css").read_text(encoding="utf-8")
VERDICTS = ("true", "mostly-true", "misleading", "false", "unverified")


def rules_reading(prop: str) -> list[str]:
    """The selectors of every rule that reads var(--prop)."""
    return [selector.strip() for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS)
            if re.search(rf"var\(--{prop}\)", body)]


def test_each_verdict_colour_is_read_by_its_own_rule_only():
    for verdict in VERDICTS:
        assert rules_reading(verdict) == [f".verdict-{verdict}"], verdict
        assert rules_reading(f"{verdict}-bg") == [f".verdict-{verdict}"], verdict


def test_pending_marks_and_errors_have_a_colour_of_their_own():
    assert ".pending" in rules_reading("alert") and ".error-list" in rules_reading("alert")
