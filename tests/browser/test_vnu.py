"""The Nu HTML Checker reports no error on any page of the built sites."""

from __future__ import annotations

import json
import subprocess

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site"])
def test_every_page_is_valid_html(request, vnu_command, site_fixture):
    site = request.getfixturevalue(site_fixture)
    files = [str(site.root / p) for p in site.html_pages()]
    # One JVM for all files: the checker takes seconds to start.
    run = subprocess.run([*vnu_command, "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    errors = [f"{m.get('url', '?').split(site.root.name + '/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              f"\n    {m.get('extract', '').strip()}" for m in report["messages"]]
    assert len(files) > 5
    assert not errors, "\n".join(errors)
