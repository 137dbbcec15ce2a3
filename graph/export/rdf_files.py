"""RDF files. Turtle, N-Triples and JSON-LD hold the union of all named graphs; TriG and
N-Quads keep one named graph per document; all hold exactly the same triples."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ..rdf import PREFIXES
from .files import write_atomic


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def _write(graph: Graph | Dataset, path: Path, fmt: str) -> Path:
    return write_atomic(path, lambda stream: graph.serialize(stream, format=fmt, encoding="utf-8"))


def write_turtle(dataset: Dataset, path: Path) -> Path:
    return _write(union(dataset), path, "turtle")


def write_ntriples(dataset: Dataset, path: Path) -> Path:
    return _write(union(dataset), path, "nt")


def write_jsonld(dataset: Dataset, path: Path) -> Path:
    return _write(union(dataset), path, "json-ld")


def write_trig(dataset: Dataset, path: Path) -> Path:
    return _write(dataset, path, "trig")


def write_nquads(dataset: Dataset, path: Path) -> Path:
    return _write(dataset, path, "nquads")
