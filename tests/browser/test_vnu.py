"""The Nu HTML Checker reports no error on any page of the built sites."""

from __future__ import annotations

import json
import subprocess

import pytest

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(mini_site, shipped_site, many_site, vnu_command):
    files = {str(site.root / p): f"{site.name}/{p}" for site in (mini_site, shipped_site) for p in site.html_pages()}
    lists = many_site.list_pages()  # every page of every list of a site of 47 checks
    assert len(lists) >= 30 and any("/topics/" in p and "/page/" in p for p in lists)
    files.update({str(many_site.root / p): f"many/{p}" for p in lists})
    # One JVM for every file of both sites: the checker takes seconds to start.
    run = subprocess.run([*vnu_command, "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine', '?')}: "
              f"{m['message']}\n    {m.get('extract', '').strip()}" for m in report["messages"]]
    assert len(files) > 20
    assert not errors, "\n".join(errors)
