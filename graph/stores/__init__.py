"""Where a graph lives: stores opened by spec.

``memory`` (an rdflib Dataset), ``oxigraph:DIR`` (a persistent Oxigraph store) or a path
to an RDF file (read-only; format by extension).  A new store is one module plus one
``register`` line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rdflib import Dataset

from ..query import QueryResult
from ..registry import Registry


class GraphStore(Protocol):
    def replace_graphs(self, dataset: Dataset) -> None:
        """Store every named graph of `dataset`, replacing graphs of the same name."""

    def dataset(self) -> Dataset:
        """Everything in the store as an rdflib Dataset."""

    def select(self, sparql: str) -> QueryResult:
        """Run a read-only query over the union of all graphs."""

    def close(self) -> None: ...


STORES: Registry[type] = Registry("store")
STORES.register("memory", "graph.stores.memory:MemoryStore")
STORES.register("file", "graph.stores.memory:FileStore")
STORES.register("oxigraph", "graph.stores.oxigraph:OxigraphStore")


def open_store(spec: str | Path) -> GraphStore:
    """Open `spec`: ``memory``, ``oxigraph:DIR`` or an RDF file path."""
    text = str(spec)
    name, colon, argument = text.partition(":")
    if text == "memory":
        return STORES.get("memory")()
    if colon and name in STORES.names() and name not in ("memory", "file"):
        return STORES.get(name)(argument)
    return STORES.get("file")(text)
