"""SRT (SubRip): numbered cues, "00:00:01,230 --> 00:00:04,000" times, <i>/<b>/<font>
markup and {\\an8} position overrides. Rolling lines (auto-captions converted by yt-dlp)
come out once. Text outside any cue means a cue lost its time line, and is an error."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from . import read_text
from .cues import INDEX, new_pieces, parse_cues
from .timed import assemble, timed_document

FIRST_CUE = re.compile(r"\A\s*\d+[ \t]*\r?\n[ \t]*\d[\d:.,]*[ \t]*-->")


def looks_like(head: str) -> bool:
    return bool(FIRST_CUE.match(head))


def read(path: Path, text: str | None = None) -> Document:
    cues, stray = parse_cues(read_text(path) if text is None else text, path)
    for number, line in stray:
        if not INDEX.match(line):
            shown = line.strip()[:60]
            raise SourceError(
                f"{path}: line {number}: {shown!r} is outside any cue; each cue is a number, "
                "a '00:00:01,000 --> 00:00:04,000' line and its text, then an empty line"
            )
    if not cues:
        raise SourceError(
            f"{path}: no cues found; each cue is a number, a '00:00:01,000 --> 00:00:04,000' line and its text"
        )
    text, segments = assemble(new_pieces(cues))
    return timed_document(path, text, segments)
