"""Progress for long builds: a bar on a terminal, plain log lines otherwise."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager


@contextmanager
def progress_reporter(enabled: bool = True):
    """Yields a callback ``(path, done, total, words=0)``, or None when progress is off."""
    if not enabled:
        yield None
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        started = time.perf_counter()
        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                      TimeRemainingColumn(), TextColumn("{task.description}"), transient=True) as bar:
            task = bar.add_task("", total=None, rate="")
            words_done = [0]

            def update(path: str, done: int, total: int, words: int = 0) -> None:
                words_done[0] += words
                rate = words_done[0] / max(time.perf_counter() - started, 1e-6)
                bar.update(task, completed=done, total=total, description=path[-50:], rate=f"{rate:,.0f} words/s")

            yield update
        return
    started = time.perf_counter()
    last_logged = [0.0]
    words_done = [0]

    def log(path: str, done: int, total: int, words: int = 0) -> None:
        words_done[0] += words
        now = time.perf_counter()
        if done == total or now - last_logged[0] >= 2.0:
            last_logged[0] = now
            rate = words_done[0] / max(now - started, 1e-6)
            print(f"talkgraph: {done}/{total} files ({now - started:.1f} s, {rate:,.0f} words/s)", file=sys.stderr)

    yield log
