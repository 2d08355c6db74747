#!/usr/bin/env python3
"""tathya's entry point: `python build.py [build|serve|check] --help`."""

from tathya.cli import entry

if __name__ == "__main__":
    entry()
