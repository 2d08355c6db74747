"""A desk's fork, end to end: its own content, every template edited, a field and a UI string of its own, built and
checked by the `run:` steps of .github/workflows/pages.yml, as GitHub would run them (without GitHub's actions)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PAGES_URL = "https://satya-desk.example.org/checks"  # what configure-pages gives: no trailing slash

SITE = """\
languages: [hi, en]
title: {hi: "सत्य डेस्क", en: "Satya Desk"}
description: {hi: "मौसम की अफ़वाहों की जाँच।", en: "Checks of weather rumours."}
base_url: https://example.org/not-used/
publisher:
  name: {hi: "सत्य डेस्क", en: "Satya Desk"}
  url: https://satya-desk.example.org/
extra:
  donate_url: https://satya-desk.example.org/donate
"""
CLAIMS = """\
title: {hi: "क्या मानसून बीस दिन पहले आएगा?", en: "Will the monsoon come twenty days early?"}
summary: {hi: "नहीं। मौसम विभाग ने ऐसा नहीं कहा।", en: "No. The weather office said no such thing."}
published: 2026-06-01
source: {title: "मानसून पर एक संदेश", kind: forward, language: hi}
extra: {desk_id: SD-0042}
claims:
  - id: early-onset
    verdict: "false"
    claim: {hi: "मानसून बीस दिन पहले आएगा।", en: "The monsoon will arrive twenty days early."}
    quote: {hi: "मानसून इस बार बीस दिन पहले आएगा", en: "the monsoon will arrive twenty days early this time"}
    reality: {hi: "मौसम विभाग का पूर्वानुमान सामान्य तारीख़ बताता है।", en: "The weather office forecasts the usual date."}
    sources: [{title: "Monsoon forecast", url: "https://weather.example.org/forecast"}]
    extra: {video: https://satya-desk.example.org/v/42}
"""
ARTICLES = {"hi": "सुनो, मानसून इस बार बीस दिन पहले आएगा। सबको बताओ।\n",
            "en": "Listen, the monsoon will arrive twenty days early this time. Tell everyone.\n"}
STRING = "Checked by the Satya desk"


def write_desk_content(fork: Path) -> None:
    """Another desk's content/, in place of the sample."""
    check = fork / "content/checks/monsoon-onset"
    check.mkdir(parents=True)
    (fork / "content/site.yaml").write_text(SITE, encoding="utf-8")
    (check / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    for lang, text in ARTICLES.items():
        (check / f"article.{lang}.md").write_text(text, encoding="utf-8")


def edit_every_template(templates: Path) -> list[str]:
    """A visible change in every page template and partial, the desk's fields printed; the names edited."""
    edited = []
    for path in sorted(templates.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if "{% block main %}" in text:
            text = text.replace("{% block main %}", '{% block main %}\n<p class="desk-mark">{{ _("' + STRING + '") }}</p>', 1)
        elif path.name == "base.html" or path.suffix in (".xml", ".txt") or path.parent.name == "_partials":
            text = f"{{# edited by the Satya desk #}}\n{text}"
        edited.append(path.relative_to(templates).as_posix())
        path.write_text(text, encoding="utf-8")
    replace(templates / "_partials/footer.html", "</footer>",
            '<p class="donate"><a href="{{ config.extra.donate_url }}">Donate / दान करें</a></p>\n</footer>')
    replace(templates / "check.html", "<h1>{{ check.title|t }}</h1>", '<h1>{{ check.title|t }}</h1>\n<p class="desk-id">{{ check.extra.desk_id }}</p>')
    replace(templates / "_partials/claim_card.html", '<div class="myth">',
            '<div class="myth">{% if claim.extra.video %}<a class="video" href="{{ claim.extra.video }}">Video</a>{% endif %}')
    return edited


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(fork: Path, command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", command], cwd=fork, capture_output=True, text=True,
                          env={**os.environ, "TATHYA_CACHE_DIR": str(fork / ".tathya-cache"), **(env or {})})


def pages_build_steps(fork: Path) -> list[dict]:
    """The build job's `run:` steps that call build.py (the rest are GitHub's own actions)."""
    workflow = yaml.safe_load((fork / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    return [step for step in workflow["jobs"]["build"]["steps"] if "build.py" in step.get("run", "")]


def test_a_desks_fork_builds_checks_and_would_deploy(project_copy):
    fork = project_copy
    (fork / ".venv").symlink_to(ROOT / ".venv")  # the setup action's install; build.py runs the fork's own tathya/
    write_desk_content(fork)
    edited = edit_every_template(fork / "templates")
    assert len(edited) >= 20 and "base.html" in edited and "feed.xml" in edited
    css = fork / "static/tathya.css"
    css.write_text(css.read_text(encoding="utf-8").replace("--false: #a0171c;", "--false: #6b1fa0;", 1), encoding="utf-8")

    listed = run(fork, ".venv/bin/python build.py catalogues")  # the new UI string, to translate
    assert listed.returncode == 1 and f"UI string '{STRING}' is not translated" in listed.stdout, listed.stdout + listed.stderr
    po = fork / "locales/hi/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    entry = f'msgid "{STRING}"\nmsgstr ""'
    assert entry in text
    po.write_text(text.replace(entry, f'msgid "{STRING}"\nmsgstr "सत्य डेस्क ने जाँचा"'), encoding="utf-8")
    assert run(fork, ".venv/bin/python build.py catalogues").returncode == 0

    steps = pages_build_steps(fork)
    assert [s["name"] for s in steps] == ["Build the site", "Check the built site offline"]
    for step in steps:
        env = {k: PAGES_URL if "steps.pages.outputs.base_url" in v else v for k, v in step.get("env", {}).items()}
        done = run(fork, step["run"], env)
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}\n{done.stderr}"

    site = fork / "site"
    hi = (site / "hi/monsoon-onset/index.html").read_text(encoding="utf-8")
    en = (site / "en/monsoon-onset/index.html").read_text(encoding="utf-8")
    assert '<p class="desk-mark">सत्य डेस्क ने जाँचा</p>' in hi and f'<p class="desk-mark">{STRING}</p>' in en
    assert '<p class="desk-id">SD-0042</p>' in hi and 'href="https://satya-desk.example.org/v/42">Video</a>' in en
    assert 'href="https://satya-desk.example.org/donate"' in (site / "hi/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}/en/monsoon-onset/">' in en
    assert "--false: #6b1fa0;" in (site / "assets/tathya.css").read_text(encoding="utf-8")
    assert not (site / "hi/deepseek-cost").exists()
