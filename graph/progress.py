"""Progress for long builds: a bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

BAR_WIDTH = 20
# what stands beside the file's name: "building", the bar, "/", "1,234,567 words/s", "0:01:02"
# and the spaces between; the name gives way on a narrow terminal, the counts never do
BESIDE_THE_NAME = len("building") + BAR_WIDTH + 1 + len("1,234,567 words/s") + len("0:01:02") + 6


@contextmanager
def progress_reporter(enabled: bool = True):
    """Yields a callback ``(path, done, total, words=0)``, or None when progress is off."""
    if not enabled:
        yield None
        return
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        started = time.perf_counter()
        with Progress(
            TextColumn("building"),
            BarColumn(bar_width=BAR_WIDTH),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.description}", markup=False),  # a file name is no markup
            console=Console(stderr=True),
            transient=True,
        ) as bar:  # not stdout: it may be a file
            task = bar.add_task("", total=None, rate="")
            words_done = [0]

            def update(path: str, done: int, total: int, words: int = 0) -> None:
                words_done[0] += words
                rate = words_done[0] / max(time.perf_counter() - started, 1e-6)
                room = bar.console.width - BESIDE_THE_NAME - 2 * len(str(total))
                bar.update(
                    task, completed=done, total=total, description=_tail(path, room), rate=f"{rate:,.0f} words/s"
                )

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


def _tail(path: str, room: int) -> str:
    """The end of `path` in `room` terminal cells ("…" where it was cut), or nothing if none fit."""
    from rich.cells import cell_len

    if cell_len(path) <= room:
        return path
    kept, width = [], 0
    for character in reversed(path):  # wide characters (CJK, emoji) take two cells, some none
        width += cell_len(character)
        if width > room - 1:
            break
        kept.append(character)
    return "\u2026" + "".join(reversed(kept)) if room > 1 else ""
