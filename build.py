#!/usr/bin/env python3
"""tathya's entry point: `python build.py [build|serve|check] --help`."""

import sys

from tathya.cli import main

if __name__ == "__main__":
    sys.exit(main())
