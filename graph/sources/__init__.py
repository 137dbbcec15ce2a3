"""Readers: one module per transcript format, each a function ``read(path) -> Document``.

Readers are looked up by file extension in ``READERS``; registering a new format is
one module and one ``register`` line here.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SourceError
from ..model import Document
from ..registry import Registry

Reader = Callable[[Path], Document]

READERS: Registry[Reader] = Registry("reader")
READERS.register(".md", "graph.sources.markdown:read")
READERS.register(".markdown", "graph.sources.markdown:read")
READERS.register(".txt", "graph.sources.plaintext:read")

SKIPPED_NAMES = {"readme.md", "license.md", "changelog.md", "contributing.md"}


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS.names() and path.name.lower() not in SKIPPED_NAMES


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
            found[path] = None
        else:
            raise SourceError(f"{path}: no such file or folder")
    return list(found)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read(path: Path) -> Document:
    reader = READERS.get(path.suffix.lower()) if path.suffix.lower() in READERS.names() else READERS.get(".txt")
    return reader(path)


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
