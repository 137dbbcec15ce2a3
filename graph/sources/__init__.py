"""Readers: one module per transcript format, each a function ``read(path) -> Document``.

Readers are looked up by file extension in ``READERS``; registering a new format is
one module and one ``register`` line here. A file whose extension does not say its format
(.txt, none, an unknown one) is recognised by its opening through ``DETECTORS``, and the
.txt reader itself tells stamped lines from plain text. A yt-dlp NAME.info.json beside a
transcript adds the video's metadata (:mod:`graph.sources.sidecar`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
# Bounds that keep a hostile file from taking the build's time and memory. The longest real
# transcripts are a few hundred kB of text; word-timed JSON is some 30 times its text.
MAX_TEXT_CHARS = 3_000_000
MAX_FILE_BYTES = 100_000_000
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")

SKIPPED_NAMES = {"readme.md", "license.md", "changelog.md", "contributing.md"}


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str
    error: BaseException | None = field(default=None, compare=False, repr=False)
    """What was raised, for a traceback with --debug."""


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
    if not document.text.strip():
        raise SourceError(f"{path}: holds no transcript text; nothing to build")
    if len(document.text) > MAX_TEXT_CHARS:
        raise SourceError(f"{path}: {len(document.text):,} characters of text is more than a transcript holds "
                          f"(the limit is {MAX_TEXT_CHARS:,}, about 50 hours of speech); split it into parts")
    return _without_surrogates(sidecar.apply(document, path))


def _without_surrogates(document: Document) -> Document:
    """A JSON or YAML escape ("\\ud800") can make a lone surrogate, which no UTF-8 file, log or
    request can hold: each becomes U+FFFD, one character for one, so offsets stay right."""
    fields: dict[str, Any] = {name: LONE_SURROGATE.sub("\ufffd", value) for name, value in vars(document).items()
              if isinstance(value, str) and LONE_SURROGATE.search(value)}
    if any(LONE_SURROGATE.search(name) for name, _ in document.hints):
        fields["hints"] = tuple((LONE_SURROGATE.sub("\ufffd", name), kind) for name, kind in document.hints)
    return replace(document, **fields) if fields else document


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
            yield Failure(path, str(error), error)
        except Exception as error:  # a reader's bug must not stop the other files
            yield Failure(path, f"{path}: could not be read ({type(error).__name__}: {error}); this is a "
                                "talkgraph bug: please report it with the file", error)


def read_text(path: Path) -> str:
    """A file's text as UTF-8, falling back to cp1252 for old Windows exports."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(f"{path}: {size / 1e6:,.0f} MB is too big for a transcript (the limit is "
                              f"{MAX_FILE_BYTES / 1e6:,.0f} MB); split it into parts")
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror})") from error
    if not data.strip():
        raise SourceError(f"{path}: empty file; nothing to build")
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file (contains NUL bytes), not a transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
