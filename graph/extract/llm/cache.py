"""A content-addressed cache of LLM answers on disk.

The key is a hash of the whole request (model, prompt and chunk, with the response format
and token cap), so an unchanged chunk is never sent twice and a changed prompt, schema or
model asks again. Files are written whole (temporary file, then rename), so worker
processes may share one folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ...errors import LLMError


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "talkgraph" / "llm"


def request_key(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


class AnswerCache:
    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory else default_cache_dir()

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The cached answer content, or None when there is none (or the file is damaged)."""
        try:
            return json.loads(self.path(key).read_text(encoding="utf-8"))["content"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, content: Any, model: str) -> None:
        target = self.path(key)
        text = json.dumps({"model": model, "content": content}, ensure_ascii=False)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._write(target, text)
        except OSError as error:
            raise LLMError(
                f"cannot write the LLM cache in {self.directory} ({error.strerror or error}); "
                "pass --llm-cache-dir with a writable folder"
            ) from None

    @staticmethod
    def _write(target: Path, text: str) -> None:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
