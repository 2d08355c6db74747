#!/usr/bin/env python3
"""Kept for old notes: the same as `python build.py catalogues` (see tathya/catalogues.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tathya.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["catalogues"]))
