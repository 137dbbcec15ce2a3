"""yt-dlp's metadata sidecar: NAME.info.json beside NAME.vtt, NAME.en.vtt, NAME.srt,
NAME.json (or any transcript) gives the video's id, title, upload date, channel, duration
and URL. Its values win over the transcript's own; a value of the wrong kind is ignored."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Document
from .ids import document_id

SUFFIX = ".info.json"
SUFFIXES_TO_STRIP = 2  # the format's (".vtt") and a language's (".en")
WEB_URL = re.compile(r"https?://\S+")


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIX)


def find(path: Path) -> Path | None:
    """NAME.info.json for NAME.ext or NAME.lang.ext, if it exists."""
    name = path.name
    for _ in range(SUFFIXES_TO_STRIP):
        name, dot, _ = name.rpartition(".")
        if not dot or not name:
            return None
        candidate = path.with_name(name + SUFFIX)
        if candidate.is_file():
            return candidate
    return None


def apply(document: Document, path: Path) -> Document:
    """The document with the metadata of the sidecar beside `path`, if there is one."""
    sidecar = find(path)
    if sidecar is None:
        return document
    fields = metadata(sidecar)
    if "video_id" in fields:
        fields["id"] = document_id(path, fields["video_id"])
    return replace(document, **fields)


def metadata(sidecar: Path) -> dict[str, Any]:
    """Document fields from a yt-dlp .info.json."""
    from . import read_text  # the package imports this module
    from .json_transcript import parse_json

    try:
        info = parse_json(read_text(sidecar))
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        raise SourceError(
            f"{sidecar}: metadata sidecar is not valid JSON ({reason}); fix it or move it away"
        ) from error
    if not isinstance(info, dict):
        raise SourceError(f"{sidecar}: metadata sidecar must be a JSON object, not a {type(info).__name__}")
    fields = {
        "video_id": _text(info.get("id")),
        "title": _text(info.get("title")),
        "published": _date(info.get("upload_date")),
        "author": _text(info.get("channel")) or _text(info.get("uploader")),
        "duration_seconds": _seconds(info.get("duration")),
        "url": _url(info.get("webpage_url")),
        "description": _text(info.get("description")),
    }
    return {name: value for name, value in fields.items() if value is not None}


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    """ "2025-01-20" from yt-dlp's "20250120"."""
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date().isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and 0 <= value < 10**7 else None


def _url(value: Any) -> str | None:
    return value if isinstance(value, str) and WEB_URL.fullmatch(value) else None
