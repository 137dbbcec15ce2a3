"""RDF files. Turtle, N-Triples and JSON-LD hold the union of all named graphs; TriG and
N-Quads keep one named graph per document; all hold exactly the same triples.

Turtle, N-Triples, TriG and N-Quads are written by Oxigraph (several times faster than
rdflib's writers), from an rdflib Dataset or from a store's own quads; JSON-LD by rdflib.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..rdf import PREFIXES
from ..stores import GraphStore
from ..stores.memory import MemoryStore
from .files import write_atomic

OX_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def _store(graph: Dataset | GraphStore) -> GraphStore:
    """A store to ask for quads: an open store writes its own, without loading rdflib terms."""
    return MemoryStore(graph) if isinstance(graph, Dataset) else graph


def _write_ox(path: Path, items, fmt: ox.RdfFormat) -> Path:
    def write(stream) -> None:
        prefixes = OX_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        ox.serialize(items, stream, format=fmt, prefixes=prefixes)

    return write_atomic(path, write)


def write_turtle(graph: Dataset | GraphStore, path: Path) -> Path:
    return _write_ox(path, sorted(_store(graph).union_triples(), key=str), ox.RdfFormat.TURTLE)


def write_ntriples(graph: Dataset | GraphStore, path: Path) -> Path:
    return _write_ox(path, sorted(_store(graph).union_triples(), key=str), ox.RdfFormat.N_TRIPLES)


def write_trig(graph: Dataset | GraphStore, path: Path) -> Path:
    quads = sorted(_store(graph).named_quads(), key=lambda q: (str(q.graph_name), str(q)))
    return _write_ox(path, quads, ox.RdfFormat.TRIG)


def write_nquads(graph: Dataset | GraphStore, path: Path) -> Path:
    return _write_ox(path, sorted(_store(graph).named_quads(), key=str), ox.RdfFormat.N_QUADS)


def write_jsonld(dataset: Dataset, path: Path) -> Path:
    graph = union(dataset)
    return write_atomic(path, lambda stream: graph.serialize(stream, format="json-ld", encoding="utf-8"))
