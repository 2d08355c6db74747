#!/usr/bin/env python3
"""Instructions a cold one-process build executes, per check: a steady measure on a noisy machine.

    python bench/instructions.py [--checks 40] [--seed 1] [--tree DIR]

Times on a shared machine swing by tens of percent within the hour; the number of
instructions a build executes does not. This runs `build.py --jobs 1` from a cold
cache under valgrind's callgrind on the 10-check corpus and on the --checks one,
and prints both totals and the difference per check (start-up and template
compilation cancel out). Needs valgrind; takes a minute or two.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from build_speed import corpus  # noqa: E402


def instructions(tree: Path, content: Path) -> int:
    """Instructions executed by one cold `build.py --jobs 1` of `content`."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TATHYA_CACHE_DIR=str(Path(tmp) / "cache"))
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/callgrind.out", sys.executable,
               str(tree / "build.py"), "--jobs", "1", "--content", str(content), "--out", str(Path(tmp) / "site")]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True)
        found = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or not found:
            raise SystemExit(f"build under valgrind failed ({run.returncode}):\n{run.stderr[-2000:]}")
        return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count the instructions of a cold one-process build.")
    parser.add_argument("--checks", type=int, default=40, help="corpus size to compare with 10 checks (default: 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tree", type=Path, default=BENCH.parent, help="tathya checkout to measure (default: this one)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    if args.checks <= 10:
        parser.error("--checks must be more than 10")
    small = instructions(args.tree.resolve(), corpus(10, args.seed))
    large = instructions(args.tree.resolve(), corpus(args.checks, args.seed))
    print(f"$ python bench/instructions.py --checks {args.checks} --seed {args.seed}")
    print(f"N=10: {small / 1e9:.3f} G instructions; N={args.checks}: {large / 1e9:.3f} G")
    print(f"per check: {(large - small) / (args.checks - 10) / 1e6:.1f} M instructions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
