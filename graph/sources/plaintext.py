"""Plain text: the whole file is the transcript; the file name is the title. Text whose
lines carry stamps ("[00:01:02] …", "(01:02) …") gets the second of each stamp."""

from __future__ import annotations

from pathlib import Path

from ..model import NO_SEGMENTS, Document
from . import read_text, stamped
from .ids import document_id


def read(path: Path, text: str | None = None) -> Document:
    text, segments = read_text(path) if text is None else text, NO_SEGMENTS
    if stamped.looks_like(text):
        text, segments = stamped.parse(text, path)
    return Document(id=document_id(path), source=str(path), text=text.strip(), title=path.stem, segments=segments)
