"""rdflib terms to pyoxigraph terms and back: Oxigraph parses, serialises and stores several
times faster than rdflib's pure-Python readers and writers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

_NAMED: dict[str, ox.NamedNode] = {}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def named(iri: str) -> ox.NamedNode:
    node = _NAMED.get(iri)
    if node is None:
        node = _NAMED[iri] = ox.NamedNode(iri)
        if len(_NAMED) > 500_000:
            _NAMED.clear()
    return node


def term(value) -> Any:
    """The Oxigraph term of an rdflib term (typed Any: rdflib does not type a triple's terms by position)."""
    if isinstance(value, URIRef):
        return named(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=named(str(value.datatype)))
        return ox.Literal(str(value))
    raise TypeError(f"not an RDF term: {value!r}")


def triples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Triple]:
    for s, p, o in graph:
        yield ox.Triple(term(s), term(p), term(o))


def quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every triple of every named graph (the default graph's as ox.DefaultGraph)."""
    for graph in dataset.graphs():
        is_default = graph.identifier == dataset.default_graph.identifier
        name = ox.DefaultGraph() if is_default else named(str(graph.identifier))
        for s, p, o in graph:
            yield ox.Quad(term(s), term(p), term(o), name)


def union_triples(dataset: Dataset) -> Iterator[ox.Triple]:
    """Each triple of any graph once: rdflib's conjunctive query (context None) gives them
    unique, without converting every graph's copy first."""
    for (s, p, o), _ in dataset.store.triples((None, None, None), None):
        yield ox.Triple(term(s), term(p), term(o))


def rdflib_term(value: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> URIRef | BNode | Literal:
    if isinstance(value, ox.NamedNode):
        return URIRef(value.value)
    if isinstance(value, ox.BlankNode):
        return BNode(value.value)
    if isinstance(value, ox.Literal):
        if value.language:
            return Literal(value.value, lang=value.language)
        if value.datatype.value != XSD_STRING:
            return Literal(value.value, datatype=URIRef(value.datatype.value))
        return Literal(value.value)
    raise TypeError(f"not an RDF term rdflib can hold: {value!r}")
