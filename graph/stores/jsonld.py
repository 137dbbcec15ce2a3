"""JSON-LD read without fetching: rdflib's parser downloads every @context (and @import) that
is a URL, and reads one that is a file path. A graph file whose context is not written inside
it is refused before rdflib sees it, so reading a graph never touches the network or other files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError


def check_contexts(path: Path) -> None:
    """Raise StoreError if the JSON-LD file at `path` names a context it does not contain."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:
        reason = str(error).splitlines()[0][:200] if isinstance(error, ValueError) else "nested too deeply"
        raise StoreError(f"{path}: not valid JSON-LD ({reason})") from error
    except OSError as error:
        raise StoreError(f"{path}: cannot be read ({error.strerror})") from error
    for reference in _references(data):
        raise StoreError(
            f"{path}: its @context refers to {reference[:200]!r}, which talkgraph does not fetch; "
            "put the context itself in the file"
        )


def _references(node: Any) -> Iterator[str]:
    """Every context named by reference: a string @context (alone or in a list) and @import."""
    stack = [node]
    while stack:  # not recursive: the file may nest deeper than Python's stack
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    yield from (v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
                if key == "@import" and isinstance(value, str):
                    yield value
                stack.append(value)
