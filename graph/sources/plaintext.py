"""Plain text: the whole file is the transcript; the file name is the title."""
from __future__ import annotations

from pathlib import Path

from ..model import Document
from . import read_text
from .ids import document_id


def read(path: Path) -> Document:
    text = read_text(path)
    return Document(id=document_id(path), source=str(path), text=text.strip(), title=path.stem)
