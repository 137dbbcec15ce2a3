"""Worker processes on this machine (forked, like `talkgraph build`)."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import TalkgraphError


def run(function: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, address: str | None = None) -> Iterator[Any]:
    if address:
        raise TalkgraphError("--scheduler is for --engine dask; the processes engine runs on this machine")
    if jobs <= 1 or len(items) < 2:
        yield from map(function, items)
        return
    with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
        yield from pool.imap(function, items, chunksize=4)
