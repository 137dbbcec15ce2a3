"""JSON transcripts: youtube-transcript-api's list of {text, start, duration} and Whisper's
{"segments": [{start, end, text}, …]} (also what faster-whisper and WhisperX write)."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Document
from . import read_text
from .timed import Piece, assemble, timed_document

OPENING = re.compile(r"\A\s*(?:\{|\[\s*[{\]])")
SHAPES = 'a list of {text, start, duration} (youtube-transcript-api) or {"segments": [{start, end, text}]} (Whisper)'


def looks_like(head: str) -> bool:
    return bool(OPENING.match(head))


def read(path: Path, text: str | None = None) -> Document:
    data = _load(path, read_text(path) if text is None else text)
    if isinstance(data, list):
        # youtube-transcript-api before 0.6 left HTML entities ("don&#39;t") in the text
        pieces = [(start, html.unescape(text)) for start, text in _pieces(data, path, "duration")]
    elif isinstance(data, dict) and isinstance(data.get("segments"), list):
        pieces = _pieces(data["segments"], path, "end")
    else:
        raise SourceError(f"{path}: JSON is not a transcript; expected {SHAPES}")
    if not pieces:
        raise SourceError(f"{path}: the transcript has no entries; expected {SHAPES}")
    text, segments = assemble(_spaced(pieces))
    return timed_document(path, text, segments)


def _spaced(pieces: list[Piece]) -> Iterator[Piece]:
    for second, text in pieces:
        yield second, " "
        yield second, text


def _load(path: Path, text: str) -> Any:
    try:
        return parse_json(text)
    except RecursionError as error:
        raise SourceError(f"{path}: JSON nested too deeply to be a transcript") from error
    except ValueError as error:
        raise SourceError(f"{path}: not valid JSON ({error})") from error


def parse_json(text: str) -> Any:
    """JSON as Python values; a ValueError with a one-line reason for broken JSON, NaN and
    Infinity, and numbers too long to read; a RecursionError for absurdly deep nesting."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ValueError(f"{error.msg} at line {error.lineno} column {error.colno}") from error
    except ValueError as error:
        if "integer string conversion" in str(error):  # Python refuses ints of more than 4300 digits
            raise ValueError("a number has thousands of digits") from error
        raise


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _pieces(entries: list[Any], path: Path, length_key: str) -> list[Piece]:
    return [_piece(entry, index, path, length_key) for index, entry in enumerate(entries, 1)]


def _piece(item: Any, index: int, path: Path, length_key: str) -> Piece:
    """(start, text) of the entry; `length_key` is "duration" (seconds long) or "end" (second it ends)."""
    where = f"{path}: entry {index}"
    if not isinstance(item, dict):
        raise SourceError(f"{where} is a {type(item).__name__}, not an object; expected {SHAPES}")
    text = item.get("text")
    if not isinstance(text, str):
        raise SourceError(f"{where} has no 'text' string")
    start = _seconds(item.get("start"), f"{where}: 'start'")
    if item.get(length_key) is not None:
        length = _seconds(item[length_key], f"{where}: '{length_key}'")
        if length_key == "end" and length < start:
            raise SourceError(f"{where} ends ({length} s) before it starts ({start} s); fix or remove it")
    return start, text


def _seconds(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise SourceError(f"{what} must be a number of seconds (0 or more), not {value!r}")
    return float(value)
