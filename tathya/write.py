"""Staging directory -> site/: all or nothing, unchanged files left as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_site(files: dict[str, bytes], out: Path) -> int:
    """Swap a complete new site into `out`; return how many files changed.

    Everything is written into a staging folder beside `out` first. A file whose
    bytes match the previous build is hard-linked from it, so its timestamp and
    inode survive; `out` is replaced only once the staging folder is complete.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        changed = sum(stage_file(staging, out, rel, data) for rel, data in sorted(files.items()))
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out.exists():
            os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return changed


def stage_file(staging: Path, out: Path, rel: str, data: bytes) -> bool:
    """Put one file into the staging folder; True when its bytes are new."""
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = out / rel
    try:
        if previous.is_file() and not previous.is_symlink() and previous.stat().st_size == len(data) and previous.read_bytes() == data:
            os.link(previous, target)
            return False
    except OSError:
        pass  # a filesystem without hard links: write the bytes instead
    target.write_bytes(data)
    return True


def read_static(static: Path) -> dict[str, bytes]:
    """The theme's static files, keyed by their path under assets/."""
    return {f"assets/{p.relative_to(static).as_posix()}": p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file() and not p.name.startswith(".")}
