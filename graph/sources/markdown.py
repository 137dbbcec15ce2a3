"""Markdown with YAML front matter (title, video_id, youtube_url, publish_date,
duration_seconds, author, description, entities: {companies, people, products, models}).
A body whose lines carry stamps ("[00:01:02] …") gets the second of each stamp."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import SourceError
from ..model import NO_SEGMENTS, Document
from ..schema import SafeLoader
from . import read_text, stamped
from .ids import document_id

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class FrontMatterLoader(SafeLoader):
    """YAML's safe loader that leaves dates as text: read here, so that an impossible one
    ("2025-02-30") is a notice about that field, not a file that cannot be read."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}

HINT_TYPES = {"companies": "Company", "people": "Person", "products": "Product", "models": "AIModel"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
HEADING = re.compile(r"^#{1,6}[ \t].*$", re.MULTILINE)
# Metadata spilled past the closing '---' (an unindented line inside a block value ends the front
# matter early): a line of a front-matter key before a second '---' line, and all up to it.
SECOND_CLOSING_LINE = re.compile(r"^---[ \t]*\r?$\n?", re.MULTILINE)
SPILLED_KEY = re.compile(r"^(?:entities|keywords|summary|concepts|description|video_id|title):", re.MULTILINE)


def read(path: Path, text: str | None = None) -> Document:
    raw = read_text(path) if text is None else text
    meta, body = split_front_matter(raw, path)
    text, segments = HEADING.sub("", body), NO_SEGMENTS
    if stamped.looks_like(text):
        text, segments = stamped.parse(text, path, first_line=raw.count("\n", 0, len(raw) - len(body)) + 1)
    date = meta.get("publish_date") or meta.get("date")
    published = _date(date)
    notices = (
        ()
        if published or not date
        else (f"{path}: publish date {_str(date)!r} is not a date (YYYY-MM-DD); the transcript is built without it",)
    )
    return Document(
        id=document_id(path, _str(meta.get("video_id"))),
        source=str(path),
        text=text.strip(),
        title=_str(meta.get("title")) or _first_heading(body) or path.stem,
        video_id=_str(meta.get("video_id")),
        url=_str(meta.get("youtube_url") or meta.get("url")),
        published=published,
        duration_seconds=_number(meta.get("duration_seconds")),
        author=_str(meta.get("author") or meta.get("channel")),
        description=_str(meta.get("description")),
        hints=_hints(meta.get("entities")) + _names(meta.get("speakers"), "Person"),
        segments=segments,
        notices=notices,
    )


def split_front_matter(raw: str, path: Path) -> tuple[dict[str, Any], str]:
    if not raw.startswith("---"):
        return {}, raw
    match = FRONT_MATTER.match(raw)
    if not match:
        raise SourceError(f"{path}: front matter opened with '---' is never closed; add a closing '---' line")
    try:
        meta = yaml.load(match.group(1), Loader=FrontMatterLoader)
    except yaml.constructor.ConstructorError as error:
        tag = re.search(r"tag '([^']*)'", str(error))
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else str(error).splitlines()[0]
        raise SourceError(
            f"{path}: front matter tag {shown} is refused: front matter is plain data "
            "(talkgraph never builds objects or runs code from it); remove the tag"
        ) from error
    except yaml.YAMLError as error:
        raise SourceError(
            f"{path}: front matter is not valid YAML ({_yaml_problem(error)}); fix it or remove the front matter"
        ) from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(f"{path}: front matter must be a mapping of keys to values, not a {type(meta).__name__}")
    body = raw[match.end() :]
    return meta, body[_spilled_metadata_end(body) :]


def _spilled_metadata_end(body: str) -> int:
    closing = SECOND_CLOSING_LINE.search(body)
    return closing.end() if closing and SPILLED_KEY.search(body, 0, closing.start()) else 0


def _yaml_problem(error: yaml.YAMLError) -> str:
    """ "did not find expected ',' or ']' at line 3", with the line counted in the file."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    mark = getattr(error, "problem_mark", None)
    return f"{problem} at line {mark.line + 2}" if mark is not None else problem  # +2: 0-based, after '---'


def _first_heading(body: str) -> str | None:
    match = HEADING.search(body)
    return match.group(0).lstrip("#").strip() if match else None


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and 0 <= value < 10**7:
        return float(value)
    return None


def _date(value: Any) -> str | None:
    """YYYY-MM-DD of a date that exists, from a date or the text it starts."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = _str(value)
    if not text or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _hints(entities: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(entities, dict):
        return ()
    return tuple(hint for key, etype in HINT_TYPES.items() for hint in _names(entities.get(key), etype))


def _names(names: Any, etype: str) -> tuple[tuple[str, str], ...]:
    """(name, type) for each name of a front-matter list ("speakers: [Jack Dorsey, ...]")."""
    if not isinstance(names, list):
        return ()
    return tuple((name.strip(), etype) for name in names if isinstance(name, str) and name.strip())
