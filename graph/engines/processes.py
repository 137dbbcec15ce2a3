"""Worker processes on this machine (forked, like `talkgraph build`)."""
from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import TalkgraphError


def run(function: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, address: str | None = None) -> Iterator[Any]:
    """`function` over `items` in order, in `jobs` forked processes (in this one for a single job)."""
    if address:
        raise TalkgraphError("--scheduler is for --engine dask; the processes engine runs on this machine")
    if jobs <= 1 or len(items) < 2:
        yield from map(function, items)
        return
    # Leaving the pool terminates its workers with SIGTERM; the handler they would inherit from
    # the command line (unwind by raising SystemExit) could stop one inside a lock the pool
    # needs, and the build hung. Workers take SIGTERM's default: they just end.
    with multiprocessing.get_context("fork").Pool(min(jobs, len(items)), initializer=signal.signal,
                                                  initargs=(signal.SIGTERM, signal.SIG_DFL)) as pool:
        yield from pool.imap(function, items, chunksize=4)
