"""A template's new UI string: the preview shows it at once, marked pending; a build stops and says what to run."""

from __future__ import annotations

import shutil
import subprocess
import sys

from serve_support import MINI, Server, edit, get

NEW = '<p id="support">{{ _("Support our work") }}</p>'


def test_a_new_ui_string_is_pending_in_the_preview_and_an_error_in_a_build(project_copy, tmp_path):
    content = shutil.copytree(MINI, tmp_path / "content")
    server = Server(content, script=project_copy / "build.py")
    try:
        check = project_copy / "templates/check.html"
        edit(check, "{% block main %}\n", "{% block main %}\n" + NEW + "\n")
        server.wait_for(r"^templates/check\.html changed: ")
        status, _, hi = get(server, "/mini/hi/moon-cheese/")
        assert status == 200 and '<p id="support">Support our work [अनुवाद बाकी है]</p>' in hi
        status, _, en = get(server, "/mini/en/moon-cheese/")
        assert status == 200 and '<p id="support">Support our work</p>' in en  # English is the source text
    finally:
        server.stop()
    line = check.read_text(encoding="utf-8").splitlines().index(NEW) + 1
    run = subprocess.run([sys.executable, str(project_copy / "build.py"), "--content", str(content), "--out", str(tmp_path / "site")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    po = project_copy / "locales/hi/LC_MESSAGES/messages.po"
    assert (f"{po}: UI string 'Support our work' has no translation (used at {check}:{line}); "
            "run `python build.py catalogues` to add it to the catalogue, then write its msgstr") in run.stderr
