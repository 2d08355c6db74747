#!/usr/bin/env python3
"""tathya's entry point: `python build.py [build|serve|check|catalogues|status] --help`."""

import os
import sys
from pathlib import Path

try:
    import PIL, babel, jinja2, markdown, nh3, pagefind, yaml  # noqa: E401,F401 - the dependencies tathya needs
except ImportError:
    # Run with a Python that lacks the dependencies (say, plain `python3 build.py` after the
    # README's set-up): use the project's own virtual environment when there is one.
    venv = Path(__file__).resolve().parent / ".venv"
    if (venv / "bin" / "python").exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(str(venv / "bin" / "python"), [str(venv / "bin" / "python"), *sys.argv])
    raise

from tathya.cli import entry  # noqa: E402

if __name__ == "__main__":
    entry()
