"""Where a graph lives: stores opened by spec.

``memory`` (an rdflib Dataset), ``oxigraph:DIR`` (a persistent Oxigraph store),
``sparql:QUERY_URL`` (any SPARQL 1.1 server) or a path to an RDF file (read-only; format
by extension).  A new store is one module plus one ``register`` line.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import StoreError
from ..query import QueryResult
from ..registry import Registry


class GraphStore(Protocol):
    remote: bool
    """Queries go over the network to a server; a local store's run in a child cut off from it."""

    def replace_graphs(self, dataset: Dataset) -> None:
        """Store every named graph of `dataset`, replacing graphs of the same name."""

    def remove_graphs(self, identifiers: Iterable[str]) -> None:
        """Drop these named graphs."""

    def dataset(self) -> Dataset:
        """Everything in the store as an rdflib Dataset."""

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every document's triples in its named graph, as Oxigraph terms (the store's own where it
        keeps them: the RDF exporters write them without rdflib)."""

    def union_triples(self) -> Iterator[ox.Triple]:
        """Each triple of any document once, as Oxigraph terms."""

    def select(self, sparql: str, prefixes: Mapping[str, str] | None = None) -> QueryResult:
        """Run a read-only query over the union of all graphs; `prefixes` are declared for it
        where it does not declare them itself."""

    def serialized(self, sparql: str, accept: str | None) -> tuple[str, bytes]:
        """Run a read-only query; its answer as (media type, body) in a format `accept` allows."""

    def opener(self) -> Callable[[], GraphStore]:
        """A function that opens, in another process, what this store reads now: pickled, so a
        class or function of a module and its arguments (the server's query process opens it)."""

    def for_serving(self) -> GraphStore:
        """The store as a long-running server reads it (one that does not stop writers); often itself."""

    def refresh(self) -> bool:
        """Catch up with what writers stored since; True if what is read changed. A server asks
        before each query."""

    def close(self) -> None: ...


STORES: Registry[type[GraphStore]] = Registry("store")
STORES.register("memory", "graph.stores.memory:MemoryStore")
STORES.register("file", "graph.stores.memory:FileStore")
STORES.register("oxigraph", "graph.stores.oxigraph:OxigraphStore")
STORES.register("sparql", "graph.stores.sparql:SparqlStore")


def open_store(spec: str | Path, *, create: bool = True, **options) -> GraphStore:
    """Open `spec`: ``memory``, ``oxigraph:DIR``, ``sparql:QUERY_URL`` or an RDF file path.
    `options` (those not None) go to the store: ``update_endpoint`` for ``sparql:``. Without
    `create`, a store that keeps its own files (``oxigraph:DIR``) must exist already, and is
    opened only to be read: a command that only reads names a missing one instead of making an
    empty one, and does not stop other readers or a writer."""
    text = str(spec)
    name, argument = _kind(text)
    options = {key: value for key, value in options.items() if value is not None}
    store = _checked(STORES.get(name), options, text)
    if name == "memory":
        return store()
    if not create:
        accepted = inspect.signature(store).parameters
        options.update({flag: value for flag, value in (("create", False), ("read_only", True)) if flag in accepted})
    return store(argument, **options)


def is_remote(spec: str | Path) -> bool:
    """Whether the store `spec` names is reached over the network."""
    return STORES.get(_kind(str(spec))[0]).remote


def _kind(spec: str) -> tuple[str, str]:
    """The registered name of the store `spec` names, and the argument it is opened with."""
    name, colon, argument = spec.partition(":")
    if colon and name in STORES.names() and name not in ("memory", "file"):
        return name, argument
    return ("memory", "") if spec == "memory" else ("file", spec)


def _checked(store: type, options: dict, spec: str) -> type:
    """`store` if it takes every option given, else a StoreError naming the options."""
    unknown = [key for key in options if key not in inspect.signature(store).parameters]
    if unknown:
        given = ", ".join("--" + key.replace("_", "-") for key in unknown)
        raise StoreError(f"{given} is for sparql: stores, not {spec}")
    return store
