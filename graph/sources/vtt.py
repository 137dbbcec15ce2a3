"""WebVTT, including YouTube auto-captions as yt-dlp writes them (--write-auto-subs):
a WEBVTT header with Kind/Language lines, cue settings after the times ("align:start
position:0%"), rolling cues that repeat the line before, and word timings as inline
<00:00:01.230> and <c> tags. NOTE, STYLE and REGION blocks and cue identifiers are skipped."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from . import read_text
from .cues import new_pieces, parse_cues
from .timed import assemble, timed_document

SIGNATURE = re.compile(r"\A\s*WEBVTT(?:[ \t]|\r|\n|\Z)")


def looks_like(head: str) -> bool:
    return bool(SIGNATURE.match(head))


def read(path: Path, text: str | None = None) -> Document:
    cues, _ = parse_cues(read_text(path) if text is None else text, path)
    if not cues:
        raise SourceError(
            f"{path}: no cues found; a WebVTT file is 'WEBVTT' and then cues, "
            "each a '00:00:01.000 --> 00:00:04.000' line and its text"
        )
    text, segments = assemble(new_pieces(cues))
    return timed_document(path, text, segments)
