"""RDF files. Turtle, N-Triples and JSON-LD hold the union of all named graphs; TriG and
N-Quads keep one named graph per document; all hold exactly the same triples.

Turtle, N-Triples, TriG and N-Quads are written by Oxigraph (several times faster than
rdflib's writers), from an rdflib Dataset or from a store's own quads; JSON-LD by rdflib, compacted
with schema/context.jsonld (graph.jsonld).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..jsonld import compact
from ..rdf import PREFIXES, file_prefixes
from ..stores import GraphStore
from ..stores.memory import MemoryStore
from .files import write_atomic


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


def _write_ox(path: Path, items: list, fmt: ox.RdfFormat) -> Path:
    if fmt not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return write_atomic(path, lambda stream: ox.serialize(items, stream, format=fmt))
    prefixes = file_prefixes(iris(items))
    return write_atomic(path, _prefixes_in_order(ox.serialize(items, format=fmt, prefixes=prefixes) or b"", prefixes))


def _prefixes_in_order(text: bytes, prefixes: dict[str, str]) -> bytes:
    """Oxigraph writes the @prefix lines in an order of its own; put them in the order of `prefixes`
    (the vocabularies, then the kinds of IRIs by name), so a reader finds them where expected."""
    lines = text.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    rank = {name.encode(): i for i, name in enumerate(prefixes)}
    header = sorted(lines[:count], key=lambda line: rank.get(line[8:].partition(b":")[0], len(rank)))
    return b"\n".join(header + lines[count:])


def iris(items: list[ox.Triple] | list[ox.Quad]) -> set[str]:
    """Every IRI the triples or quads name."""
    found = set()
    for item in items:
        for term in (item.subject, item.predicate, item.object, getattr(item, "graph_name", None)):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


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
    """Compacted with schema/context.jsonld, the context inside the file (see graph.jsonld)."""
    return write_atomic(path, compact(union(dataset)))
