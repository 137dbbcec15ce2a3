"""Timed text, shared by the readers of timed formats: clock times (hh:mm:ss.mmm) and
pieces of text with the second they start, joined into one text whose segments index into it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..model import Document, Segment
from .ids import document_id

CLOCK = r"(?:\d{1,3}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?"
_CLOCK_PARTS = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?")
_TOKENS = re.compile(r"\s+|\S+")

Piece = tuple[float, str]
"""(second the text starts, text as written)."""


def parse_clock(text: str) -> float | None:
    """Seconds of "1:02:03.5", "02:03,500" or "2:03"; None when it is no valid time
    (minutes past 59 are allowed only without hours, as "75:00" for 1 h 15 min)."""
    match = _CLOCK_PARTS.fullmatch(text.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    milliseconds = int(fraction.ljust(3, "0")) if fraction else 0
    return (((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + milliseconds) / 1000


def format_clock(seconds: float) -> str:
    """ "01:02:03.450" for 3723.45."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def assemble(pieces: Iterable[Piece]) -> tuple[str, tuple[Segment, ...]]:
    """Join the pieces into one text, every run of whitespace one space, with a segment where
    each piece's text begins (unless it starts at the same second as the segment before).

    Pieces are concatenated as they are, so a reader separates lines or cues with a piece of
    whitespace and an inline timestamp inside a word does not split it."""
    parts: list[str] = []
    length = 0
    segments: list[Segment] = []
    space_pending = False
    for second, text in pieces:
        marked = False
        for token in _TOKENS.findall(text):
            if token[0].isspace():
                space_pending = length > 0
                continue
            if space_pending:
                parts.append(" ")
                length += 1
                space_pending = False
            if not marked and (not segments or segments[-1].start_second != second):
                segments.append(Segment(length, round(second, 3)))
            marked = True
            parts.append(token)
            length += len(token)
    return "".join(parts), tuple(segments)


def timed_document(path: Path, text: str, segments: tuple[Segment, ...]) -> Document:
    """A document of a format that carries no metadata: the file name is its title and id
    (a yt-dlp .info.json sidecar, applied by :func:`graph.sources.read`, adds the rest)."""
    return Document(id=document_id(path), source=str(path), text=text, title=path.stem, segments=segments)
