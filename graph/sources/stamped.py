"""Text with line stamps: "[00:01:02] words", "(01:02) words", or a stamp alone on its line
with the words below it (YouTube's "Show transcript" panel, copied). Lines without a stamp
belong to the stamp above; text before the first stamp starts at second 0.

The plain text and Markdown readers use this when at least two lines start with a stamp.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import SourceError
from ..model import Segment
from .timed import CLOCK, Piece, assemble, format_clock, parse_clock

LINE_BREAK = re.compile(r"\r\n|\r|\n")
STAMP = re.compile(rf"[ \t]*(?:\[({CLOCK})\]|\(({CLOCK})\)|({CLOCK})(?=[ \t]*$))[ \t]*")
# Looser, to catch a broken stamp ("[00:61:00]", "(1:2:3)", "[00:00:1O]") rather than read it as words.
STAMP_LIKE = re.compile(r"[ \t]*(?:\[([^\]\s]*\d:[^\]\s]*)\]|\(([^)\s]*\d:[^)\s]*)\))")
MIN_STAMPED_LINES = 2


def looks_like(text: str) -> bool:
    stamped = 0
    for line in LINE_BREAK.split(text):
        if STAMP.match(line):
            stamped += 1
            if stamped >= MIN_STAMPED_LINES:
                return True
    return False


def parse(text: str, path: Path, first_line: int = 1) -> tuple[str, tuple[Segment, ...]]:
    """The text without its stamps, and a segment where each stamp's words begin.
    `first_line` is the file's line number of the text's first line, for error messages."""
    return assemble(_pieces(text, path, first_line))


def _pieces(text: str, path: Path, first_line: int) -> Iterator[Piece]:
    second, stamp_line = 0.0, 0
    for number, line in enumerate(LINE_BREAK.split(text), first_line):
        match = STAMP.match(line) or STAMP_LIKE.match(line)
        if match:
            stamp = next(group for group in match.groups() if group is not None)
            stamped = parse_clock(stamp)
            if stamped is None:
                raise SourceError(
                    f"{path}: line {number}: stamp {stamp!r} is not a time; write [hh:mm:ss], [mm:ss] or (mm:ss)"
                )
            if stamped < second:
                raise SourceError(
                    f"{path}: line {number}: stamp {format_clock(stamped)} comes before "
                    f"{format_clock(second)} on line {stamp_line}; stamps must not go back in time"
                )
            second, stamp_line = stamped, number
            line = line[match.end() :]
        yield second, " "
        yield second, line
