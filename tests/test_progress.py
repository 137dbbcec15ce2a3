"""graph/progress.py: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from graph.progress import _tail, progress_reporter

LONG_NAME = "corpus/2026-01-13-shopifys-ai-memo-changed-hiring-foreverand-why-google-meta-nvidia-are-copying-it.md"
SHOW_A_BAR = """
import sys, time
from graph.progress import progress_reporter
with progress_reporter() as progress:
    for done in range(1, 4):
        progress(sys.argv[1], done, 485, 3000)
        time.sleep(0.2)
"""
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_without_a_terminal_progress_is_plain_lines(capsys):
    with progress_reporter() as progress:
        progress("a.md", 1, 2, 10)
        progress("b.md", 2, 2, 30)
    lines = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"talkgraph: 1/2 files \(\d+\.\d s, [\d,]+ words/s\)", lines[0])
    assert lines[-1].startswith("talkgraph: 2/2 files (")


def test_no_progress_when_quiet():
    with progress_reporter(enabled=False) as progress:
        assert progress is None


def _frames_on_a_terminal(columns: int, name: str = LONG_NAME) -> list[str]:
    """What the bar draws on a real pseudo-terminal `columns` wide while it reads `name`."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-c", SHOW_A_BAR, name], stderr=follower, stdout=subprocess.DEVNULL, env=environment
    )
    os.close(follower)
    drawn, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        if not select.select([leader], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    assert process.wait(timeout=10) == 0, drawn.decode("utf-8", "replace")
    os.close(leader)
    text = ESCAPE.sub("", drawn.decode("utf-8", "replace"))
    return [frame for frame in re.split(r"[\r\n]", text) if "building" in frame]


def test_on_a_narrow_terminal_the_name_gives_way_to_the_counts():
    frames = _frames_on_a_terminal(80)
    last = frames[-1]
    assert "3/485" in last and "words/s" in last and re.search(r"\d:\d\d:\d\d", last), last
    assert all(len(frame.rstrip()) <= 80 for frame in frames)
    assert "copying-it.md" in last and "corpus/" not in last


def test_on_a_wide_terminal_the_whole_name_shows():
    assert LONG_NAME in _frames_on_a_terminal(200)[-1]


@given(st.text(min_size=0, max_size=120), st.integers(min_value=-5, max_value=150))
def test_a_tail_fits_its_room_and_ends_as_the_path_does(path, room):
    tail = _tail(path, room)
    if cell_len(path) <= room:
        assert tail == path
    elif room < 2:
        assert tail == ""
    else:
        kept = tail[1:]
        assert tail.startswith("\u2026") and path.endswith(kept) and cell_len(tail) <= room
        next_character = path[len(path) - len(kept) - 1]
        assert cell_len(next_character + kept) > room - 1  # as much of the end as fits


def test_a_file_name_is_not_read_as_markup():
    name = "talks/[/]odd [bold]name.md"  # as markup, "[/]" closes nothing and stops the build
    assert name in _frames_on_a_terminal(200, name)[-1]
