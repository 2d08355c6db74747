"""The output folder: a build writes only into a folder it owns, and swaps the new site in whole."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tathya.cli import main
from tathya.pipeline import ROOT, build
from tathya.write import MARKER, OutputRefused, claim_output, read_marker


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under root, links not followed."""
    found: dict[str, bytes | None] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            found[os.path.relpath(os.path.join(folder, name), root)] = None
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = os.readlink(path).encode() if os.path.islink(path) else Path(path).read_bytes()
    return found


def refused(capsys, *argv: str) -> str:
    """Run a build that must be refused as bad usage; its message."""
    assert main(["build", *argv]) == 2
    err = capsys.readouterr().err
    assert err.endswith("nothing was written\n")
    return err.splitlines()[0]


def test_home_folder_is_refused_and_left_alone(tree, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    for rel in ("Documents/taxes.txt", ".ssh/id_ed25519", ".bashrc"):
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    before = snapshot(home)
    assert refused(capsys, "--out", str(home)) == (
        f"error: {home}: is your home folder or holds it; build into a folder of its own, such as site (the default)")
    assert refused(capsys, "--out", str(tmp_path)).startswith(f"error: {tmp_path}: is your home folder or holds it")
    assert snapshot(home) == before


def test_content_folder_and_its_parents_and_children_are_refused(tree, capsys):
    before = snapshot(Path("content"))
    assert refused(capsys, "--out", "content") == (
        "error: content: is the content folder or holds it; build into a folder of its own, such as site (the default)")
    assert refused(capsys, "--out", ".").startswith("error: .: is the content folder or holds it")
    assert refused(capsys, "--out", "content/site").startswith("error: content/site: is inside the content folder")
    assert snapshot(Path("content")) == before


def test_root_of_the_file_system_is_refused():
    with pytest.raises(OutputRefused, match="is the root of the file system"):
        claim_output(Path("/"), Path("content"), ROOT)


def test_folder_of_other_files_is_refused(tree, capsys):
    Path("mine").mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (Path("mine") / name).write_text("keep me")
    assert refused(capsys, "--out", "mine") == (
        "error: mine: is not empty and was not made by tathya (it holds a.txt, b.txt, c.txt, ...); "
        "build into a new or empty folder, such as site (the default)")
    assert sorted(p.name for p in Path("mine").iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_a_file_is_refused(tree, capsys):
    Path("site").write_text("not a folder")
    assert refused(capsys, "--out", "site") == "error: site: is a file, not a folder; give --out a folder name, or move the file away"
    assert Path("site").read_text() == "not a folder"


def test_files_a_desk_adds_to_the_site_are_refused_not_deleted(tree, capsys):
    assert main(["build"]) == 0
    Path("site/google1234.html").write_text("google-site-verification")
    Path("site/en/notes.txt").write_text("mine")
    before = snapshot(Path("site"))
    assert refused(capsys) == (
        "error: site: holds files tathya did not make: en/notes.txt, google1234.html; each build replaces this "
        "folder whole, so move them elsewhere first (the published site is only what the build makes)")
    assert snapshot(Path("site")) == before
    shutil.rmtree(".tathya-cache")  # the marker, not the cache, says which files are tathya's
    assert refused(capsys).startswith("error: site: holds files tathya did not make")
    assert snapshot(Path("site")) == before


def test_a_site_from_before_the_marker_is_refused(tree, capsys):
    build(Path("content"), Path("site"))
    (Path("site") / MARKER).unlink()
    assert refused(capsys) == ("error: site: is not empty and was not made by tathya (it holds .nojekyll, 404.html, "
                               "assets, ...); delete site if it is a site an older tathya built, then build again")


def test_marker_lists_every_file_the_build_made(tree):
    build(Path("content"), Path("site"))
    made = read_marker(Path("site"))
    assert made == {p.relative_to("site").as_posix() for p in Path("site").rglob("*") if p.is_file()} - {MARKER}
    assert "en/index.html" in made and "assets/tathya.css" in made


def test_an_empty_folder_is_taken(tree):
    Path("empty").mkdir()
    build(Path("content"), Path("empty"))
    assert (Path("empty") / "en" / "index.html").is_file()


def repo_copy(tmp_path: Path) -> Path:
    """A clone-like copy of the project: its code, templates, content and a .git folder."""
    repo = tmp_path / "clone"
    repo.mkdir()
    for name in ("build.py", "tathya", "templates", "locales", "static", "content"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, repo / name)
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "beside.txt").write_text("a file next to the clone")
    return repo


@pytest.mark.parametrize("out", [".", "..", "tathya", "templates"])
def test_the_repository_and_what_holds_it_are_refused(tmp_path, out):
    repo = repo_copy(tmp_path)
    before = snapshot(tmp_path)
    run = subprocess.run([sys.executable, "build.py", "--out", out], cwd=repo, capture_output=True, text=True,
                         env={**os.environ, "TATHYA_CACHE_DIR": str(tmp_path / "cache-elsewhere")})
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith(f"error: {out}: "), run.stderr
    assert snapshot(tmp_path) == before


# --- random layouts: refuse without changing a byte, or write only the build's own files -------------

NAMES = st.sampled_from(["a", "b", "docs", "site", "out", ".git", "notes.txt", "x.html"])
LAYOUT = st.lists(st.lists(NAMES, min_size=1, max_size=3), max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=LAYOUT, content_at=st.sampled_from(["content", "a/content", "site/content"]),
       out=st.sampled_from([".", "a", "site", "out/site", "a/b", "docs", "a/content", "a/content/site", "site/content"]))
def test_a_build_refuses_untouched_or_writes_only_its_own_files(tmp_path_factory, monkeypatch, layout, content_at, out):
    from tests.unit.conftest import MINI

    root = tmp_path_factory.mktemp("layout")
    monkeypatch.setenv("TATHYA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for parts in layout:
        path = root.joinpath(*parts)
        if not any(p.is_file() for p in path.parents if p.is_relative_to(root)) and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("a user's file")
    content = root / content_at
    if content.exists() or any(p.is_file() for p in content.parents if p.is_relative_to(root)):
        return
    shutil.copytree(MINI, content)
    before = snapshot(root)
    code = main(["build", "--content", str(content), "--out", str(root / out)])
    after = snapshot(root)
    if code != 0:
        assert code == 2 and after == before
        return
    target = Path(out).as_posix()
    inside = lambda k: k == target or k.startswith(target + "/")  # noqa: E731
    for k, v in before.items():
        assert inside(k) or after.get(k, "gone") == v, f"{k} changed outside the output folder"
    for k in after.keys() - before.keys():
        assert inside(k) or Path(target).is_relative_to(k), f"{k} was made outside the output folder"
    files = {k[len(target) + 1:] for k, v in after.items() if inside(k) and v is not None and k != target}
    assert files - {MARKER} == read_marker(root / out)


# --- all or nothing -----------------------------------------------------------------------------


def test_a_killed_build_leaves_the_old_site_and_the_next_build_cleans_up(tree, tmp_path):
    """SIGKILL as soon as the first new page is written: site/ is wholly old; the next build is wholly new."""
    for i in range(60):
        shutil.copytree("content/checks/moon-cheese", f"content/checks/copy-{i:03}")
    cmd = [sys.executable, str(ROOT / "build.py"), "--jobs", "1"]
    subprocess.run(cmd, check=True, capture_output=True)
    old = snapshot(Path("site"))
    for folder in Path("content/checks").iterdir():
        text = (folder / "claims.yaml").read_text()
        (folder / "claims.yaml").write_text(text.replace("Is the Moon", "Is the Mars"))
    killed = kill_when(cmd, lambda: any(Path(".").glob(".site.tathya-new-*/en/copy-*/index.html")))
    assert killed, "the build finished before a new page appeared"
    assert snapshot(Path("site")) == old
    assert list(Path(".").glob(".site.tathya-*"))  # what the killed build left
    subprocess.run(cmd, check=True, capture_output=True)
    assert not list(Path(".").glob(".site.tathya-*"))
    shutil.rmtree(".tathya-cache")
    subprocess.run([*cmd, "--out", "clean"], check=True, capture_output=True)
    assert snapshot(Path("site")) == snapshot(Path("clean"))


def test_a_build_killed_at_any_moment_leaves_one_whole_site(tree):
    for i in range(40):
        shutil.copytree("content/checks/moon-cheese", f"content/checks/copy-{i:03}")
    cmd = [sys.executable, str(ROOT / "build.py"), "--jobs", "1"]
    subprocess.run(cmd, check=True, capture_output=True)
    sites = [snapshot(Path("site"))]
    kills = 0
    for n, word in enumerate(["Mars", "Venus", "Jupiter"]):
        for folder in Path("content/checks").iterdir():
            text = (folder / "claims.yaml").read_text()
            (folder / "claims.yaml").write_text(re.sub(r"Is the \w+", f"Is the {word}", text))
        subprocess.run([*cmd, "--out", f"ref-{n}"], check=True, capture_output=True)
        sites.append({k: v for k, v in snapshot(Path(f"ref-{n}")).items()})
        shutil.rmtree(f"ref-{n}")
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=0.3 + 0.25 * n)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            kills += 1
        now = snapshot(Path("site")) if Path("site").exists() else None
        if now is None:  # killed between two renames (only where renameat2 is missing): the next build restores
            subprocess.run(cmd, check=True, capture_output=True)
            now = snapshot(Path("site"))
        assert now in (sites[-2], sites[-1]), f"a mix of two builds after a kill in round {n}"
        subprocess.run(cmd, check=True, capture_output=True)
        assert snapshot(Path("site")) == sites[-1]
    assert kills, "every build ended before it could be killed"


def kill_when(cmd: list[str], ready) -> bool:
    """Start cmd, SIGKILL it as soon as ready() holds; False when it ended first."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None:
            if ready():
                proc.kill()
                proc.wait()
                return True
        return False
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_failed_write_leaves_the_old_site_and_no_staging(tree, capsys, monkeypatch):
    from tathya import write

    assert main(["build"]) == 0
    before = snapshot(Path("site"))
    tree.replace("checks/moon-cheese/claims.yaml", "Moon", "Mars")

    def full(*args, **kw):
        raise OSError(28, "No space left on device", "site/en/index.html")

    monkeypatch.setattr(write.Staging, "write", full)
    assert main(["build", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ("site/en/index.html: cannot be written or read (No space left on device); check the disk "
                                   "has space and site and its parent folder are writable, then build again")
    assert snapshot(Path("site")) == before
    assert not list(Path(".").glob(".site.tathya-*"))


def test_two_builds_at_once_the_second_is_refused(tree, capsys):
    from tathya.write import lock_folder

    held = lock_folder(str(Path(".").resolve()), Path("site"))
    try:
        assert refused(capsys) == (f"error: site: another tathya build is writing in the same folder ({Path('.').resolve()}) right now; "
                                   "wait for that build to finish, then build again")
    finally:
        os.close(held)
    assert not Path("site").exists()
    assert main(["build"]) == 0


def test_a_staging_folder_half_deleted_by_a_killed_build_is_removed_by_the_next(tree, monkeypatch):
    from tathya import write

    build(Path("content"), Path("site"))
    leftover = Path(".site.tathya-new-99999")
    shutil.copytree("site", leftover)  # a marker and a whole site, as after the swap
    calls = []

    def killed(path, *args, **kw):
        calls.append(path)
        if len(calls) > 3:
            raise KeyboardInterrupt  # as a kill would stop it part way
        return os.remove(path, *args, **kw)

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(write.os, "unlink", killed)
        write.remove_tree(str(leftover))
    assert (leftover / MARKER).is_file()
    build(Path("content"), Path("site"))
    assert not leftover.exists()


def test_a_save_between_reading_a_check_and_hashing_it_is_rebuilt_next_time(tree, monkeypatch):
    """The key is made from the files before they are read: a save in between shows as a new key next time."""
    from tathya import rebuild
    from tathya.rebuild import Rebuilder

    builder = Rebuilder(Path("content"), Path("preview"))
    builder.build()
    claims = tree.path("checks/moon-cheese/claims.yaml")
    tree.replace("checks/moon-cheese/claims.yaml", "Is the Moon", "Is the Mars")
    real = rebuild.load_alone

    def saved_meanwhile(*args, **kw):
        loaded = real(*args, **kw)
        claims.write_text(claims.read_text(encoding="utf-8").replace("Is the Mars", "Is the Venus"), encoding="utf-8")
        return loaded

    with monkeypatch.context() as patched:
        patched.setattr(rebuild, "load_alone", saved_meanwhile)
        builder.rebuild([claims])
    builder.rebuild([claims])  # the watcher's next burst: the save it saw
    assert "Is the Venus" in Path("preview/en/moon-cheese/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("given, problem", [("nowhere", "does not exist"), ("README.md", "is not a folder")])
def test_a_content_folder_that_is_not_one_is_named(tree, capsys, given, problem):
    Path("README.md").write_text("not content")
    assert main(["build", "--content", given]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"{given}: {problem}; give --content the folder that holds site.yaml"
    assert not Path("site").exists()


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_must_be_a_whole_number_above_zero(tree, capsys, jobs):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--jobs", jobs])
    assert exit_.value.code == 2
    assert f"argument --jobs: '{jobs}' is not a number of workers; use a whole number above 0" in capsys.readouterr().err
