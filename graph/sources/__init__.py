"""Readers: one module per transcript format, each a function ``read(path) -> Document``.

Readers are looked up by file extension in ``READERS``; registering a new format is
one module and one ``register`` line here. A file whose extension does not say its format
(.txt, none, an unknown one) is recognised by its opening through ``DETECTORS``, and the
.txt reader itself tells stamped lines from plain text. A yt-dlp NAME.info.json beside a
transcript adds the video's metadata (:mod:`graph.sources.sidecar`).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SourceError
from ..model import Document
from ..registry import Registry
from . import sidecar

Reader = Callable[[Path], Document]
Detector = Callable[[str], bool]

READERS: Registry[Reader] = Registry("reader")
READERS.register(".md", "graph.sources.markdown:read")
READERS.register(".markdown", "graph.sources.markdown:read")
READERS.register(".txt", "graph.sources.plaintext:read")
READERS.register(".vtt", "graph.sources.vtt:read")
READERS.register(".srt", "graph.sources.srt:read")
READERS.register(".json", "graph.sources.json_transcript:read")

# By content, keyed by the extension whose reader to use: the first that recognises a file's opening.
DETECTORS: Registry[Detector] = Registry("format detector")
DETECTORS.register(".vtt", "graph.sources.vtt:looks_like")
DETECTORS.register(".srt", "graph.sources.srt:looks_like")
DETECTORS.register(".json", "graph.sources.json_transcript:looks_like")
VAGUE_EXTENSIONS = {".txt"}
HEAD_BYTES = 4096

SKIPPED_NAMES = {"readme.md", "license.md", "changelog.md", "contributing.md"}


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str


def supported(path: Path) -> bool:
    return (path.suffix.lower() in READERS.names() and path.name.lower() not in SKIPPED_NAMES
            and not sidecar.is_sidecar(path))


def discover(sources: Iterable[str | Path]) -> list[Path]:
    """Every supported file named or under a named folder, sorted, without duplicates."""
    found: dict[Path, None] = {}
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and supported(child) and not _hidden(child, path):
                    found[child] = None
        elif path.is_file():
            if not sidecar.is_sidecar(path):  # named by a glob such as downloads/*
                found[path] = None
        else:
            raise SourceError(f"{path}: no such file or folder")
    return list(found)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read(path: Path) -> Document:
    if sidecar.is_sidecar(path):
        raise SourceError(f"{path}: is yt-dlp metadata, not a transcript; it is used for the transcript "
                          "beside it (NAME.vtt, NAME.en.vtt, NAME.srt, NAME.json)")
    document = READERS.get(reader_for(path))(path)
    return sidecar.apply(document, path)


def reader_for(path: Path) -> str:
    """The READERS key for `path`: its extension, or for a vague one what its opening looks like."""
    extension = path.suffix.lower()
    if extension in READERS.names() and extension not in VAGUE_EXTENSIONS:
        return extension
    head = _head(path)
    return next((name for name in DETECTORS.names() if DETECTORS.get(name)(head)), ".txt")


def _head(path: Path) -> str:
    try:
        with path.open("rb") as file:
            return file.read(HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return ""  # the reader reports it


def read_all(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Documents in order; a file that cannot be read yields a :class:`Failure` and the rest go on."""
    for path in paths:
        try:
            yield read(path)
        except SourceError as error:
            yield Failure(path, str(error))


def read_text(path: Path) -> str:
    """A file's text as UTF-8, falling back to cp1252 for old Windows exports."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror})") from error
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file (contains NUL bytes), not a transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
