"""RDF files. Turtle, N-Triples and JSON-LD hold the union of all named graphs; TriG and
N-Quads keep one named graph per document; all hold exactly the same triples.

Turtle, N-Triples, TriG and N-Quads are written by Oxigraph (several times faster than
rdflib's writers), from an rdflib Dataset or straight from an Oxigraph store; JSON-LD by rdflib.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..oxi import quads, term
from ..rdf import PREFIXES
from ..stores.oxigraph import OxigraphStore
from .files import write_atomic

OX_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def _union_triples(graph: Dataset | OxigraphStore) -> list[ox.Triple]:
    """Each triple once, whichever graphs hold it: rdflib's conjunctive query (context None)
    gives them unique, without converting every graph's copy first."""
    if isinstance(graph, OxigraphStore):
        return list(graph.union_triples())
    return [ox.Triple(term(s), term(p), term(o)) for (s, p, o), _ in graph.store.triples((None, None, None), None)]


def _quads(graph: Dataset | OxigraphStore):
    return graph.named_quads() if isinstance(graph, OxigraphStore) else quads(graph)


def _write_ox(path: Path, items, fmt: ox.RdfFormat) -> Path:
    def write(stream) -> None:
        ox.serialize(items, stream, format=fmt, prefixes=OX_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None)
    return write_atomic(path, write)


def write_turtle(dataset: Dataset, path: Path) -> Path:
    return _write_ox(path, sorted(_union_triples(dataset), key=str), ox.RdfFormat.TURTLE)


def write_ntriples(dataset: Dataset, path: Path) -> Path:
    return _write_ox(path, sorted(_union_triples(dataset), key=str), ox.RdfFormat.N_TRIPLES)


def write_trig(dataset: Dataset, path: Path) -> Path:
    return _write_ox(path, sorted(_quads(dataset), key=lambda q: (str(q.graph_name), str(q))), ox.RdfFormat.TRIG)


def write_nquads(dataset: Dataset, path: Path) -> Path:
    return _write_ox(path, sorted(_quads(dataset), key=str), ox.RdfFormat.N_QUADS)


def write_jsonld(dataset: Dataset, path: Path) -> Path:
    graph = union(dataset)
    return write_atomic(path, lambda stream: graph.serialize(stream, format="json-ld", encoding="utf-8"))
