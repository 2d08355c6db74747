"""`build.py serve` whose every rebuild waits until the file $TATHYA_TEST_GATE exists: a build as slow as a test needs."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tathya.cli import main
from tathya.rebuild import Rebuilder

GATE = Path(os.environ["TATHYA_TEST_GATE"])
rebuild = Rebuilder.rebuild


def held(self: Rebuilder, paths: list[Path]):
    print("test: rebuild held", flush=True)
    deadline = time.monotonic() + 60
    while not GATE.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return rebuild(self, paths)


Rebuilder.rebuild = held
sys.exit(main(sys.argv[1:]))
