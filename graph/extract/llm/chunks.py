"""Cut a long text into overlapping chunks, at sentence ends or spaces where it can."""

from __future__ import annotations

import re

from ...errors import TalkgraphError

SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s|\n")
SPACE = re.compile(r"\s")


def chunk_spans(text: str, size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) offsets of chunks of at most `size` characters; each starts about `overlap`
    characters before the previous one ended, so a fact cut by one boundary is whole in a chunk."""
    check_chunking(size, overlap)
    spans: list[tuple[int, int]] = []
    start, end = _skip_space(text, 0), 0
    while start < len(text):
        end = _cut(text, start, size, end + 1)
        spans.append((start, end))
        if end >= len(text):
            break
        following = _word_start(text, end - overlap, end)
        start = following if following > start else _skip_space(text, end)
    return spans


def check_chunking(size: int, overlap: int) -> None:
    if size < 1:
        raise TalkgraphError(f"the chunk size must be at least 1 character, got {size}")
    if not 0 <= overlap < size:
        raise TalkgraphError(
            f"the chunk overlap ({overlap}) must be at least 0 and smaller than the chunk size ({size})"
        )


def _cut(text: str, start: int, size: int, floor: int) -> int:
    """The end of a chunk starting at `start`: the last sentence end, else the last space, in its
    second half and at or after `floor` (past the previous chunk); else `size` characters on."""
    limit = start + size
    if limit >= len(text):
        return len(text)
    lowest = max(start + size // 2, floor - 1)
    for pattern in (SENTENCE_END, SPACE):
        ends = [m.end() for m in pattern.finditer(text, lowest, limit) if m.end() >= floor]
        if ends:
            return ends[-1]
    return limit


def _word_start(text: str, position: int, end: int) -> int:
    """The first word start at or after `position` (and before `end`)."""
    position = max(position, 0)
    if position == 0 or text[position - 1].isspace():
        return _skip_space(text, position)
    match = SPACE.search(text, position, end)
    return _skip_space(text, match.end()) if match else position


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
