"""Lazy name → implementation registries, after rdflib's plugin.py.

A registration is a dotted path, imported on first use, so adding a reader,
extractor, store or exporter is one module plus one ``register`` line.
"""

from __future__ import annotations

import importlib
from typing import Generic, TypeVar

from .errors import TalkgraphError

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str):
        self.kind = kind
        self._paths: dict[str, str] = {}
        self._loaded: dict[str, T] = {}

    def register(self, name: str, path: str) -> None:
        """Register ``name`` as ``"package.module:attribute"``."""
        self._paths[name] = path

    def names(self) -> list[str]:
        return sorted(self._paths)

    def get(self, name: str) -> T:
        if name not in self._loaded:
            if name not in self._paths:
                known = ", ".join(self.names())
                raise TalkgraphError(f"unknown {self.kind} {name!r}; choose one of: {known}")
            module_name, _, attribute = self._paths[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module_name), attribute)
        return self._loaded[name]
