"""Document ids: the video id where known, else a slug of the file name."""

from __future__ import annotations

import re
from pathlib import Path

NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return NOT_SLUG.sub("-", text.lower()).strip("-") or "untitled"


def document_id(path: Path, video_id: str | None = None) -> str:
    if video_id and re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video_id):
        return video_id
    return slug(path.stem)
