"""Readers: one module per transcript format, each a function ``read(path) -> Document``.

Readers are looked up by file extension in ``READERS``; registering a new format is
one module and one ``register`` line here. The file is read here, once, and its text handed
to the reader (a reader called on its own reads the file itself). A file whose extension does not say its format
(.txt, none, an unknown one) is recognised by its opening through ``DETECTORS``, and the
.txt reader itself tells stamped lines from plain text. A yt-dlp NAME.info.json beside a
transcript adds the video's metadata (:mod:`graph.sources.sidecar`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..model import Document
from ..registry import Registry
from . import sidecar

Reader = Callable[[Path, str], Document]
"""reader(path, text): the Document in `text`, the decoded contents of the file at `path`."""
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
    return (
        path.suffix.lower() in READERS.names()
        and path.name.lower() not in SKIPPED_NAMES
        and not sidecar.is_sidecar(path)
    )


def discover(
    sources: Iterable[str | Path], *, follow_symlinks: bool = False, notices: list[str] | None = None
) -> list[Path]:
    """Every supported file named or under a named folder, sorted, without duplicates.

    Under a folder, what cannot be read as a transcript is passed over with a line in
    `notices`: a FIFO, device or socket, a link to nothing, a path too long to open, and,
    unless `follow_symlinks`, a link that leads out of the folders named."""
    passed_over = notices if notices is not None else []
    roots = [Path(source) for source in sources]
    folders = [root for root in roots if _is_dir(root, passed_over)]
    inside = [folder.resolve() for folder in folders]
    found: dict[Path, None] = {}
    for root in roots:
        if root in folders:
            for path in _files_under(root, follow_symlinks, passed_over):
                if _readable(path, inside, follow_symlinks, passed_over):
                    found[path] = None
        elif root.is_file():
            if not sidecar.is_sidecar(root):  # named by a glob such as downloads/*
                found[root] = None
        elif not _too_long(root):
            raise SourceError(f"{root}: no such file or folder")
    return list(found)


def _is_dir(path: Path, notices: list[str]) -> bool:
    try:
        return path.is_dir()
    except OSError as error:
        notices.append(f"{path}: passed over ({error.strerror})")
        return False


def _too_long(path: Path) -> bool:
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ENAMETOOLONG
    return False


def _files_under(root: Path, follow_symlinks: bool, notices: list[str]) -> list[Path]:
    """The supported files below `root` outside hidden folders, sorted as paths."""

    def note(error: OSError) -> None:
        notices.append(f"{error.filename}: passed over ({error.strerror})")

    files: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=note, followlinks=follow_symlinks):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files.extend(Path(folder, name) for name in names if not name.startswith("."))
    return sorted(path for path in files if supported(path))


def _readable(path: Path, inside: list[Path], follow_symlinks: bool, notices: list[str]) -> bool:
    """Whether `path` is a regular file to read (through a link that stays inside the folders
    named, unless `follow_symlinks`); if not, a notice says why it is passed over."""
    try:
        target = path.resolve(strict=True) if path.is_symlink() else path
        mode = target.stat().st_mode
    except OSError as error:
        what = "a link to nothing that can be read" if path.is_symlink() else "cannot be read"
        notices.append(f"{path}: passed over: {what} ({error.strerror})")
        return False
    if not stat.S_ISREG(mode):
        notices.append(f"{path}: passed over: {_file_kind(mode)}, not a transcript file")
        return False
    if target is not path and not follow_symlinks and not any(target.is_relative_to(root) for root in inside):
        notices.append(
            f"{path}: passed over: a link out of the folders named (to {target}); pass --follow-symlinks to read it"
        )
        return False
    return True


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a folder"


def read(path: Path, data: bytes | None = None) -> Document:
    """The transcript in the file at `path`; `data` is its bytes when the caller has read them
    already (to hash them), so that the file is not read twice."""
    if sidecar.is_sidecar(path):
        raise SourceError(
            f"{path}: is yt-dlp metadata, not a transcript; it is used for the transcript "
            "beside it (NAME.vtt, NAME.en.vtt, NAME.srt, NAME.json)"
        )
    if data is None:
        data = read_bytes(path)
    text, notice = decode(data, path)
    document = READERS.get(reader_for(path, data))(path, text)
    if notice:
        document = replace(document, notices=(notice, *document.notices))
    if not document.text.strip():
        raise SourceError(f"{path}: holds no transcript text; nothing to build")
    if len(document.text) > MAX_TEXT_CHARS:
        raise SourceError(
            f"{path}: {len(document.text):,} characters of text is more than a transcript holds "
            f"(the limit is {MAX_TEXT_CHARS:,}, about 50 hours of speech); split it into parts"
        )
    return _without_surrogates(sidecar.apply(document, path))


def _without_surrogates(document: Document) -> Document:
    """A JSON or YAML escape ("\\ud800") can make a lone surrogate, which no UTF-8 file, log or
    request can hold: each becomes U+FFFD, one character for one, so offsets stay right."""
    fields: dict[str, Any] = {
        name: LONE_SURROGATE.sub("\ufffd", value)
        for name, value in vars(document).items()
        if isinstance(value, str) and LONE_SURROGATE.search(value)
    }
    if any(LONE_SURROGATE.search(name) for name, _ in document.hints):
        fields["hints"] = tuple((LONE_SURROGATE.sub("\ufffd", name), kind) for name, kind in document.hints)
    return replace(document, **fields) if fields else document


def reader_for(path: Path, data: bytes | None = None) -> str:
    """The READERS key for `path`: its extension, or for a vague one what its opening (in `data`,
    the file's bytes, if given) looks like."""
    extension = path.suffix.lower()
    if extension in READERS.names() and extension not in VAGUE_EXTENSIONS:
        return extension
    head = (data[:HEAD_BYTES] if data is not None else _head(path)).decode("utf-8-sig", errors="replace")
    return next((name for name in DETECTORS.names() if DETECTORS.get(name)(head)), ".txt")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(HEAD_BYTES)
    except OSError:
        return b""  # the reader reports it


def read_all(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Documents in order; a file that cannot be read yields a :class:`Failure` and the rest go on."""
    return (read_or_failure(path) for path in paths)


def read_or_failure(path: Path, data: bytes | None = None) -> Document | Failure:
    """`read(path, data)`, or a :class:`Failure` that says why the file cannot be read."""
    try:
        return read(path, data)
    except SourceError as error:
        return Failure(path, str(error), error)
    except (ImportError, LookupError, PermissionError) as error:  # a module, codec or file this user cannot load
        return Failure(
            path,
            f"{path}: could not be read: the Python environment failed ({type(error).__name__}: "
            f"{error}); check that talkgraph's installation is readable by this user "
            "(make install)",
            error,
        )
    except Exception as error:  # a reader's bug must not stop the other files
        return Failure(
            path,
            f"{path}: could not be read ({type(error).__name__}: {error}); this is a "
            "talkgraph bug: please report it with the file",
            error,
        )


def read_text(path: Path) -> str:
    """A file's text (see decode; its notice is left out: read() keeps it for a transcript)."""
    return decode(read_bytes(path), path)[0]


def read_bytes(path: Path) -> bytes:
    """A file's bytes, unless it is too big to be a transcript."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                f"{path}: {size / 1e6:,.0f} MB is too big for a transcript (the limit is "
                f"{MAX_FILE_BYTES / 1e6:,.0f} MB); split it into parts"
            )
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror})") from error


def decode(data: bytes, path: Path) -> tuple[str, str | None]:
    """The text of the file at `path` from its bytes, and a notice when it was not clean UTF-8.

    A UTF-8 file with a few broken bytes keeps its UTF-8 (each broken sequence becomes U+FFFD);
    only a file with no UTF-8 sequence beyond ASCII at all is read as cp1252 (old Windows exports)."""
    if not data.strip():
        raise SourceError(f"{path}: empty file; nothing to build")
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file (contains NUL bytes), not a transcript")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    if any(ord(character) > 127 and character != "\ufffd" for character in text):
        return text, (
            f"{path}: {broken:,} byte sequence(s) that are not UTF-8 were replaced with U+FFFD; "
            "save the file as UTF-8 to keep them"
        )
    return data.decode("cp1252", errors="replace"), f"{path}: not UTF-8; read as Windows-1252 (cp1252)"
