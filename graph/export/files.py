"""Atomic file writes: a temporary file in the same folder, fsync, rename.

A failed or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..errors import TalkgraphError


def write_atomic(path: str | Path, data: bytes | str | Callable[[BinaryIO], object]) -> Path:
    """Write `data` (bytes, text, or a function that writes to a binary file) to `path` atomically."""
    path = Path(path)
    if path.exists() and not path.is_file():  # a device or pipe (/dev/stdout): write to it, never replace it
        return _write_direct(path, data)
    # named before it is made, so an interrupt at any point (even inside the open) can remove it
    temporary = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise TalkgraphError(f"cannot write {path}: {error.strerror}; choose a writable folder with -o") from error
    except BaseException:
        _remove(temporary)
        raise
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise TalkgraphError(f"cannot write {path}: {error.strerror or error}") from error
    except BaseException:
        _remove(temporary)
        raise
    return path


def _write_direct(path: Path, data: bytes | str | Callable[[BinaryIO], object]) -> Path:
    try:
        with open(path, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BrokenPipeError:
        pass  # the reader of the pipe (`| head`) has all it wanted
    except OSError as error:
        raise TalkgraphError(f"cannot write {path}: {error.strerror or error}") from error
    return path


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
