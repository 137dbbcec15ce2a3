"""Progress for long builds: a bar on a terminal, plain log lines otherwise."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager


@contextmanager
def progress_reporter(enabled: bool = True):
    """Yields a callback ``(path, done, total)``, or None when progress is off."""
    if not enabled:
        yield None
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}"), transient=True) as bar:
            task = bar.add_task("", total=None)

            def update(path: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=path[-50:])

            yield update
        return
    started = time.perf_counter()
    last_logged = [0.0]

    def log(path: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - last_logged[0] >= 2.0:
            last_logged[0] = now
            print(f"talkgraph: {done}/{total} files read ({now - started:.1f} s)", file=sys.stderr)

    yield log
