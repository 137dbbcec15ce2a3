"""Cue files (WebVTT, SRT): timed cues, their text without markup, and the lines each adds.

A line with an arrow (``-->``) times a cue; the lines after it, up to an empty line, are
its text. Auto-captions roll: each cue repeats the last line or lines of the cue before it
(YouTube's also hold the finished line alone for 10 ms), so a cue's opening lines that
repeat the end of the cue before are dropped, and the text comes out once. They open a cue
with a line of one space; where a tool trimmed it to an empty line, the empty line right
after the time line does not end the cue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from .timed import Piece, format_clock, parse_clock

LINE_BREAK = re.compile(r"\r\n|\r|\n")
TIMING = re.compile(r"^\s*(.*?)\s*-->\s*(\S*)")
INDEX = re.compile(r"^\s*\d+\s*$")
INLINE_TIME = re.compile(r"<(\d[\d:.,]*)>")
# <c>, <i>, <b>, <u>, <v Speaker>, <font color=…>, <c.colorE5E5E5> and their ends; a bare
# "<" in text ("a < b") is left alone. {\an8} is an SRT position override.
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|<\d[^<>]*>|\{\\[^{}]*\}")


@dataclass
class Cue:
    start: float
    end: float
    line_number: int
    lines: list[str] = field(default_factory=list)


def parse_cues(raw: str, path: Path) -> tuple[list[Cue], list[tuple[int, str]]]:
    """The cues in file order, and the non-empty lines outside any cue (headers, notes,
    numbers, stray text) with their line numbers, for the format to judge."""
    cues: list[Cue] = []
    stray: list[tuple[int, str]] = []
    current: Cue | None = None
    for number, line in enumerate(LINE_BREAK.split(raw), 1):
        if "-->" in line:
            if current is not None and current.lines and INDEX.match(current.lines[-1]):
                current.lines.pop()  # an SRT cue number after a cue with no empty line to end it
            current = Cue(*cue_times(line, number, path), number)
            cues.append(current)
        elif line == "":
            if current is not None and number > current.line_number + 1:
                current = None
        elif current is not None:
            current.lines.append(line)
        elif line.strip():
            stray.append((number, line))
    return cues, stray


def cue_times(line: str, number: int, path: Path) -> tuple[float, float]:
    match = TIMING.match(line)
    start, end = (parse_clock(match.group(1)), parse_clock(match.group(2))) if match else (None, None)
    if start is None or end is None:
        shown = line.strip()[:60]
        raise SourceError(
            f"{path}: line {number}: cue time {shown!r} is not 'start --> end' "
            "as hh:mm:ss.mmm (e.g. 00:01:02.500 --> 00:01:04.000); fix or remove the cue"
        )
    if end < start:
        raise SourceError(
            f"{path}: line {number}: cue ends ({format_clock(end)}) before it starts "
            f"({format_clock(start)}); fix or remove the cue"
        )
    return start, end


def line_pieces(line: str, second: float) -> list[Piece]:
    """A cue line as timed pieces: it starts at the cue's second, and each inline
    timestamp (<00:00:01.230>, word timing in YouTube captions) starts a new piece."""
    pieces: list[Piece] = []
    position = 0
    for match in INLINE_TIME.finditer(line):
        pieces.append((second, plain(line[position : match.start()])))
        stamped = parse_clock(match.group(1))
        second = second if stamped is None else stamped
        position = match.end()
    pieces.append((second, plain(line[position:])))
    return pieces


def plain(fragment: str) -> str:
    return html.unescape(MARKUP.sub("", fragment))


def new_pieces(cues: Iterable[Cue]) -> Iterator[Piece]:
    """The timed pieces of every line the cues add, each line after a space."""
    previous: list[str] = []
    for cue in cues:
        lines = [(pieces, _squeezed(pieces)) for pieces in (line_pieces(line, cue.start) for line in cue.lines)]
        lines = [(pieces, text) for pieces, text in lines if text]
        texts = [text for _, text in lines]
        for pieces, _ in lines[_repeated_lines(texts, previous) :]:
            yield cue.start, " "
            yield from pieces
        previous = texts


def _squeezed(pieces: list[Piece]) -> str:
    return " ".join("".join(text for _, text in pieces).split())


def _repeated_lines(lines: list[str], previous: list[str]) -> int:
    """How many of a cue's `lines`, from the first, repeat the last lines of the cue before."""
    for count in range(min(len(lines), len(previous)), 0, -1):
        if lines[:count] == previous[-count:]:
            return count
    return 0
