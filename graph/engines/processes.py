"""Worker processes on this machine (forked, like `talkgraph build`)."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from ..errors import TalkgraphError
from ..lifetime import die_with_parent


def run(
    function: Callable[[Any], Any], items: Iterable[Any], *, jobs: int, address: str | None = None
) -> Iterator[Any]:
    """`function` over `items` in order, in `jobs` forked processes (in this one for a single job).
    `items` may be a generator: the pool takes each item as it comes, so producing the items
    (reading the files) overlaps with working on them."""
    if address:
        raise TalkgraphError("--scheduler is for --engine dask; the processes engine runs on this machine")
    size = len(items) if isinstance(items, Sized) else None
    sized = size is not None
    if jobs <= 1 or (size is not None and size < 2):
        yield from map(function, items)
        return
    processes = min(jobs, size) if size is not None else jobs
    if not sized:  # start no pool for nothing
        remaining = iter(items)
        first = next(remaining, _NOTHING)
        if first is _NOTHING:
            return
        items = itertools.chain([first], remaining)
    with multiprocessing.get_context("fork").Pool(
        processes, initializer=_start_worker, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.imap(function, items, chunksize=4)


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    # Leaving the pool terminates its workers with SIGTERM; the handler they would inherit from
    # the command line (unwind by raising SystemExit) could stop one inside a lock the pool
    # needs, and the build hung. Workers take SIGTERM's default: they just end.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.enable()  # the parent may have paused its collector while it gathers what workers send


_NOTHING = object()


class Background:
    """`function(*args)` in a forked process while this one goes on; `with` waits for it at the
    end of the block and raises what it raised, or stops it if the block itself failed."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        self._function, self._args = function, args

    def __enter__(self) -> Background:
        context = multiprocessing.get_context("fork")
        self._errors, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=self._run, args=(sender, os.getpid()), daemon=True)
        gc.freeze()  # the child's collector leaves alone what it inherits, instead of walking all of it
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        sender.close()
        return self

    def _run(self, sender, parent: int) -> None:  # in the child; it keeps the command line's SIGTERM unwinding
        die_with_parent(parent)
        try:
            self._function(*self._args)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
            if not isinstance(error, TalkgraphError):
                error = TalkgraphError(f"{type(error).__name__}: {error}")
            sender.send(error)
            raise SystemExit(1) from None

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None:
            self._process.terminate()  # its temporary file goes; the block's own error is the one to see
            self._process.join()
            return
        self._process.join()
        if self._process.exitcode != 0:
            raise (
                self._errors.recv()
                if self._errors.poll()
                else TalkgraphError(f"the background writer stopped with exit code {self._process.exitcode}")
            )
