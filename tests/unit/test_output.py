"""The output folder: a build writes only into a folder it owns, and swaps the new site in whole.

The folder swapped out is kept beside it as the spare, `.site.tathya-spare`, which the next build brings up to date.
"""

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
from tathya import marker
from tathya.marker import MARKER, OutputRefused, claim_output, list_files, read_marker

SPARE = Path(".site.tathya-spare")


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


def leftovers() -> list[str]:
    """What killed builds left beside site/: staging folders (the spare is not one)."""
    return sorted(p.name for p in Path(".").glob(".site.tathya-*") if p != SPARE)


def spare_accounted() -> set[str]:
    """The spare's files, after checking its marker lists every one of them (which it must at any moment)."""
    made = read_marker(SPARE)
    assert made is not None, "the spare has no marker"
    present = list_files(SPARE) - {MARKER, MARKER + ".new"}
    assert present <= made, f"files in the spare its marker does not list: {sorted(present - made)}"
    return present


def clean_spare_is(site: dict[str, bytes | None]) -> None:
    """The spare holds exactly `site` (a snapshot), with an exact marker."""
    assert spare_accounted() == read_marker(SPARE)
    assert snapshot(SPARE) == site


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
    assert leftovers()  # what the killed build left
    subprocess.run(cmd, check=True, capture_output=True)
    assert not leftovers()
    clean_spare_is(old)
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
        if SPARE.exists():
            spare_accounted()
        subprocess.run(cmd, check=True, capture_output=True)
        assert snapshot(Path("site")) == sites[-1]
        assert not leftovers()
        spare_accounted()
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
    assert not list(Path(".").glob(".site.tathya-*"))  # no spare either: the first build had no site to keep


def test_two_builds_at_once_the_second_is_refused(tree, capsys):
    from tathya.marker import lock_folder

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
        marker.remove_tree(str(leftover))
    assert (leftover / MARKER).is_file()
    build(Path("content"), Path("site"))
    assert not leftover.exists()


# --- the spare: the previous build, brought up to date by the next ------------------------------


def copies(count: int) -> None:
    """`count` more checks, copies of moon-cheese."""
    for i in range(count):
        shutil.copytree("content/checks/moon-cheese", f"content/checks/copy-{i:03}")


def retitle(check: str, word: str) -> None:
    """Change a check's title, which changes its pages and the lists that show it."""
    path = Path("content/checks", check, "claims.yaml")
    path.write_text(re.sub(r"Is the \w+", f"Is the {word}", path.read_text(encoding="utf-8")), encoding="utf-8")


def clean_build() -> dict[str, bytes | None]:
    """The site a build into a new folder makes from the content as it is now."""
    build(Path("content"), Path("clean"), jobs=1)
    made = snapshot(Path("clean"))
    shutil.rmtree("clean")
    return made


@pytest.mark.parametrize("atomic", [True, False], ids=["renameat2", "two-renames"])
def test_each_build_brings_the_spare_up_to_date_and_keeps_the_previous_site_in_it(tree, monkeypatch, atomic):
    from tathya import write

    if not atomic:
        monkeypatch.setattr(write, "exchange", lambda a, b: False)
    copies(3)
    build(Path("content"), Path("site"), jobs=1)
    assert not SPARE.exists()  # the first build had no site to keep
    sites = [snapshot(Path("site"))]
    edits = [lambda: retitle("copy-000", "Mars"),
             lambda: (shutil.rmtree("content/checks/copy-001"), shutil.copytree("content/checks/copy-002", "content/checks/added")),
             lambda: retitle("moon-cheese", "Venus"),
             lambda: tree.replace("about.en.md", " ", "  ")]
    for n, edit in enumerate(edits):
        edit()
        spare = os.stat(SPARE).st_ino if SPARE.exists() else None
        build(Path("content"), Path("site"), jobs=1)
        assert snapshot(Path("site")) == clean_build()
        assert not leftovers()
        clean_spare_is(sites[-1])
        if n:  # the spare was brought up to date and swapped in, not made anew
            assert os.stat("site").st_ino == spare
        sites.append(snapshot(Path("site")))


def test_stamps_describe_the_files_in_the_site_after_the_swap(tree):
    from tathya.write import Staging

    def one(files: dict[str, bytes], kept: frozenset[str] = frozenset()) -> set[str]:
        """Stage `files` and keep `kept` without writing them; the files that changed."""
        staging = Staging(Path("site"), Path("content"), ROOT)
        changed = {rel for rel, data in files.items() if staging.write(rel, data)}
        staging.commit(set(files) | kept, changed)
        assert set(staging.stamps) == set(files)
        for rel, stamp in staging.stamps.items():
            st = os.stat(Path("site", rel))
            assert (st.st_size, st.st_mtime_ns) == stamp, rel
        return changed

    assert one({"a.html": b"a", "b/c.html": b"c"}) == {"a.html", "b/c.html"}
    assert one({"a.html": b"a", "b/c.html": b"cc"}) == {"b/c.html"}  # made anew; the first site becomes the spare
    assert one({"a.html": b"a", "b/c.html": b"ccc", "d/e/f.html": b"f"}) == {"b/c.html", "d/e/f.html"}  # in the spare
    assert snapshot(SPARE) == {MARKER: marker_of("a.html", "b/c.html"), "a.html": b"a", "b": None, "b/c.html": b"cc"}
    assert one({"b/c.html": b"cccc"}, kept=frozenset({"d/e/f.html"})) == {"b/c.html"}
    assert snapshot(Path("site")) == {MARKER: marker_of("b/c.html", "d/e/f.html"), "b": None, "b/c.html": b"cccc",
                                      "d": None, "d/e": None, "d/e/f.html": b"f"}
    assert os.stat("site/d/e/f.html").st_ino == os.stat(SPARE / "d/e/f.html").st_ino


def marker_of(*files: str) -> bytes:
    """The marker of a folder holding `files`."""
    from tathya.marker import marker_text

    return marker_text(files).encode("utf-8")


CREATING = ("link", "mkdir", "unlink", "rename", "replace", "rmdir")


def test_a_build_after_one_edit_makes_and_deletes_only_a_handful_of_files(tree, monkeypatch):
    from tathya import write

    copies(40)
    for word in ("Mars", "Venus"):  # the first build, then one that keeps the first site as the spare
        build(Path("content"), Path("site"), jobs=1)
        retitle("copy-007", word)
    calls: list[tuple[str, str]] = []
    scratch = [False]  # while the search index is made in a scratch folder of its own (tathya/search.py), not the output

    def counted(name: str):
        real = getattr(os, name)

        def call(*args, **kw):
            if not scratch[0] and (name != "open" or kw.get("flags", args[1] if len(args) > 1 else 0) & os.O_CREAT):
                calls.append((name, str(args[0])))
            return real(*args, **kw)
        return call

    def indexing(*args, **kw):
        scratch[0] = True
        try:
            return make_index(*args, **kw)
        finally:
            scratch[0] = False

    from tathya import pipeline
    make_index = pipeline.make_index
    with monkeypatch.context() as patched:
        for name in (*CREATING, "open"):
            patched.setattr(write.os, name, counted(name))
        patched.setattr(pipeline, "make_index", indexing)
        build(Path("content"), Path("site"), jobs=1)
    assert len(list_files("site")) > 200
    assert len(calls) < 60, calls
    assert snapshot(Path("site")) == clean_build()


@pytest.mark.parametrize("at", [1, 2, 3, 5, 8, 13, 21, 34])
def test_a_build_stopped_while_it_updates_the_spare_leaves_the_old_site_and_the_next_is_right(tree, monkeypatch, at):
    from tathya import write

    copies(4)
    build(Path("content"), Path("site"), jobs=1)
    retitle("copy-000", "Mars")
    build(Path("content"), Path("site"), jobs=1)  # the spare holds the first site now
    old = snapshot(Path("site"))
    retitle("copy-001", "Venus")
    shutil.rmtree("content/checks/copy-002")
    shutil.copytree("content/checks/copy-003", "content/checks/added")
    calls: list[str] = []

    def stopping(name: str):
        real = getattr(os, name)

        def call(*args, **kw):
            if any(str(SPARE) in str(arg) for arg in args):
                calls.append(name)
                if len(calls) == at:
                    raise KeyboardInterrupt  # as a kill would stop it part way
            return real(*args, **kw)
        return call

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        for name in (*CREATING, "open"):
            patched.setattr(write.os, name, stopping(name))
        build(Path("content"), Path("site"), jobs=1)
    assert snapshot(Path("site")) == old
    spare_accounted()
    build(Path("content"), Path("site"), jobs=1)
    assert snapshot(Path("site")) == clean_build()
    clean_spare_is(old)
    assert not leftovers()


@pytest.mark.parametrize("at", [1, 2], ids=["spare-to-site", "old-site-to-spare"])
def test_without_an_atomic_swap_a_build_stopped_between_its_renames_is_finished_by_the_next(tree, monkeypatch, at):
    from tathya import write

    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    build(Path("content"), Path("site"))
    retitle("moon-cheese", "Mars")
    build(Path("content"), Path("site"))
    old = snapshot(Path("site"))
    retitle("moon-cheese", "Venus")
    new = clean_build()
    renames: list[tuple[str, str]] = []
    real = os.rename

    def stopping(src, dst, *args, **kw):
        if str(SPARE) in f"{src} {dst}":
            renames.append((src, dst))
            if len(renames) == at:
                raise KeyboardInterrupt
        return real(src, dst, *args, **kw)

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(write.os, "rename", stopping)
        build(Path("content"), Path("site"))
    assert (snapshot(Path("site")) if Path("site").exists() else None) == (None if at == 1 else new)
    build(Path("content"), Path("site"))  # which first puts back the old site when it had been moved aside
    assert snapshot(Path("site")) == new
    assert not leftovers()
    clean_spare_is(old if at == 1 else new)


def test_a_file_put_into_the_spare_is_refused_not_deleted(tree, capsys):
    build(Path("content"), Path("site"))
    retitle("moon-cheese", "Mars")
    build(Path("content"), Path("site"))
    (SPARE / "en" / "notes.txt").write_text("mine")
    retitle("moon-cheese", "Venus")
    site, spare = snapshot(Path("site")), snapshot(SPARE)
    assert refused(capsys) == (
        "error: .site.tathya-spare: holds files tathya did not make: en/notes.txt; it is tathya's copy of the previous "
        "build, and the next build would publish it: move them elsewhere, or delete the folder, then build again")
    assert (snapshot(Path("site")), snapshot(SPARE)) == (site, spare)
    (SPARE / MARKER).unlink()  # and a folder by that name that tathya did not make at all
    assert refused(capsys) == ("error: .site.tathya-spare: was not made by tathya, but tathya keeps its previous build "
                               "there; move it away or delete it, then build again")
    assert snapshot(SPARE) == {k: v for k, v in spare.items() if k != MARKER}
    shutil.rmtree(SPARE)
    assert main(["build"]) == 0
    assert "Is the Venus" in Path("site/en/moon-cheese/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_spare_deleted_by_hand_only_makes_the_next_build_make_the_site_anew(tree, monkeypatch, how):
    from tathya import write

    copies(2)
    build(Path("content"), Path("site"))
    retitle("copy-000", "Mars")
    build(Path("content"), Path("site"))
    shutil.rmtree(SPARE)
    if how == "emptied":  # as a build killed while it deleted the spare leaves it: its marker goes last
        SPARE.mkdir()
    previous = snapshot(Path("site"))
    retitle("copy-001", "Venus")
    made = []
    real = write.sibling
    with monkeypatch.context() as patched:
        patched.setattr(write, "sibling", lambda out, kind: made.append(kind) or real(out, kind))
        build(Path("content"), Path("site"))
    assert made == ["new"]  # a staging folder of its own
    assert snapshot(Path("site")) == clean_build()
    clean_spare_is(previous)
    assert not leftovers()


def test_a_save_between_reading_a_check_and_parsing_it_is_rebuilt_next_time(tree, monkeypatch):
    """The key is made from the bytes read, not the file: a save after the reading shows as a new key next time."""
    from tathya import load
    from tathya.rebuild import Rebuilder

    builder = Rebuilder(Path("content"), Path("preview"))
    builder.build()
    claims = tree.path("checks/moon-cheese/claims.yaml")
    tree.replace("checks/moon-cheese/claims.yaml", "Is the Moon", "Is the Mars")
    real = load.parse_check

    def saved_meanwhile(*args, **kw):
        claims.write_text(claims.read_text(encoding="utf-8").replace("Is the Mars", "Is the Venus"), encoding="utf-8")
        return real(*args, **kw)

    with monkeypatch.context() as patched:
        patched.setattr(load, "parse_check", saved_meanwhile)
        builder.rebuild([claims])
    assert "Is the Mars" in Path("preview/en/moon-cheese/index.html").read_text(encoding="utf-8")  # what was read
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
