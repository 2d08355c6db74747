"""A Hindi-first draft in the preview: every page is served, English shows the Hindi marked pending, quotes are
matched in Hindi only, the terminal lists what is pending; a build refuses the same draft, naming each file and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from serve_support import ROOT, Server, get

DRAFT = """\
title: {hi: "क्या मानसून बीस दिन पहले आएगा?"}
summary: {hi: "नहीं। मौसम विभाग ने ऐसा नहीं कहा।"}
published: 2026-06-01
source: {title: "मानसून पर एक संदेश", publisher: "एक समूह", date: 2026-05-30, language: hi}
claims:
  - id: early-onset
    verdict: "false"
    claim: {hi: "मानसून बीस दिन पहले आएगा।"}
    quote: {hi: "मानसून इस बार बीस दिन पहले आएगा"}
    reality: {hi: "मौसम विभाग सामान्य तारीख़ बताता है।", en: "The weather office forecasts the usual date."}
    sources: [{title: "Monsoon forecast", url: "https://weather.example.org/forecast"}]
"""
PENDING = "[translation pending]"


def test_a_hindi_only_draft_is_previewed_marked_pending_and_refused_by_a_build(content, tmp_path):
    draft = content / "checks/monsoon"
    draft.mkdir()
    (draft / "claims.yaml").write_text(DRAFT, encoding="utf-8")
    (draft / "article.hi.md").write_text("सुनो, मानसून इस बार बीस दिन पहले आएगा। सबको बताओ।\n", encoding="utf-8")
    server = Server(content)
    try:
        line = server.wait_for(r"/checks/monsoon: en translation pending")
        assert line == (f"{draft}: en translation pending (5): article.en.md, title, summary, "
                        "claim 'early-onset' claim, claim 'early-onset' quote")
        status, _, en = get(server, "/mini/en/monsoon/")
        assert status == 200, en
        assert f"<h1><span lang=\"hi\">क्या मानसून बीस दिन पहले आएगा?</span> <span class=\"pending\">{PENDING}</span></h1>" in en
        assert f'<p class="pending">{PENDING}</p>' in en and '<div class="article-body" lang="hi">' in en
        assert 'href="#claim-early-onset"><mark>मानसून इस बार बीस दिन पहले आएगा</mark>' in en  # the Hindi article, marked
        assert "The weather office forecasts the usual date." in en
        status, _, claim = get(server, "/mini/en/monsoon/claims/early-onset/")
        assert status == 200 and f"<span lang=\"hi\">मानसून बीस दिन पहले आएगा।</span> <span class=\"pending\">{PENDING}</span>" in claim
        status, _, hi = get(server, "/mini/hi/monsoon/")
        assert status == 200 and PENDING not in hi and "अनुवाद बाकी है" not in hi
    finally:
        server.stop()
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(tmp_path / "site")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    where = Path(content) / "checks/monsoon"
    for expected in (f"{where}/article.en.md: is missing", f"{where}/claims.yaml:1: title has no text for en",
                     f"{where}/claims.yaml:9: claim 'early-onset' quote has no text for en"):
        assert expected in run.stderr, run.stderr
