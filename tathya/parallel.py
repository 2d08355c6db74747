"""Spreading work over the machine's cores with forked workers."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

_task: Callable[[Any], Any] | None = None  # what forked workers inherit; never pickled


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(task: Callable[[Any], Any], items: Sequence, jobs: int | None = None, on_result=None) -> list:
    """task(item) for every item, in order, on `jobs` processes (one per core by default).

    Workers are forked, so they share everything loaded so far without pickling it;
    only items and results cross between processes. With one job or one item it
    runs here, in this process.
    """
    global _task
    jobs = min(jobs or os.cpu_count() or 1, len(items))
    if jobs <= 1 or not can_fork():
        results = []
        for item in items:
            results.append(task(item))
            on_result and on_result(results[-1])
        return results
    _task = task
    gc.freeze()  # objects made so far stay shared with the workers instead of being copied on first touch
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = []
            for result in pool.imap(_run, items, chunksize=max(1, len(items) // (jobs * 50))):
                results.append(result)
                on_result and on_result(result)
            return results
    finally:
        _task = None
        gc.unfreeze()


def _run(item):
    return _task(item)
