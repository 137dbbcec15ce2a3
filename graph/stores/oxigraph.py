"""A persistent Oxigraph store (``oxigraph:DIR``): one named graph per document.

Queries read the default graph, which the store keeps as the set union of all named
graphs. Oxigraph's own union mode returns a triple once per graph that holds it, and an
entity's label stands in every document that names it, so joins on labels grew with the
square of the documents (seconds per saved query on a channel's graph).
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import StoreError
from ..oxi import triples
from ..protocol import answer
from ..query import QueryResult
from ..rdf import new_dataset


WHOLE_DECIMAL = re.compile(r'(?<= )"(-?[0-9]+)"\^\^(?=<http://www\.w3\.org/2001/XMLSchema#decimal>)')
# Set before the named graphs change, cleared by the update that rebuilds the union: a store that
# still holds it was killed in between, and its union is rebuilt when it is next opened.
UNION_STALE = ox.Quad(ox.NamedNode("urn:x-talkgraph:union"), ox.NamedNode("urn:x-talkgraph:stale"),
                      ox.Literal(True), ox.DefaultGraph())


class OxigraphStore:
    def __init__(self, directory: str):
        if not directory:
            raise StoreError("oxigraph store needs a folder: --store oxigraph:DIR")
        self.path = Path(directory)
        try:
            self.store = ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(f"store {self.path} is locked: another talkgraph process is using it") from error
            raise StoreError(f"cannot open store {self.path}: {error}") from error
        if UNION_STALE in self.store:
            refresh_union(self.store)

    def replace_graphs(self, dataset: Dataset) -> None:
        """Each document's graph is dropped and written in one update, so a build killed midway
        leaves every document either as it was or as it is now."""
        graphs = [graph for graph in dataset.graphs() if len(graph)]
        if not graphs:
            return
        self.store.add(UNION_STALE)
        for graph in graphs:
            name = f"<{graph.identifier}>"
            data = ox.serialize(triples(graph), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            self.store.update(f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {data} }} }}")
        refresh_union(self.store)
        self.store.flush()

    def remove_graphs(self, identifiers) -> None:
        identifiers = list(identifiers)
        if not identifiers:
            return
        self.store.add(UNION_STALE)
        for identifier in identifiers:
            self.store.remove_graph(ox.NamedNode(str(identifier)))
        refresh_union(self.store)
        self.store.flush()

    def dataset(self) -> Dataset:
        named_quads = (q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph))
        return dataset_from_nquads(ox.serialize(named_quads, format=ox.RdfFormat.N_QUADS))

    def select(self, sparql: str) -> QueryResult:
        return select(self.store, sparql)

    def serialized(self, sparql: str, accept: str | None) -> tuple[str, bytes]:
        return answer(self.store, sparql, accept)

    def close(self) -> None:
        del self.store


def refresh_union(store: ox.Store) -> None:
    """Make the default graph the set union of every named graph, in one update."""
    store.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def select(store: ox.Store, sparql: str) -> QueryResult:
    """Run a read-only query over the default graph: the union of all named graphs."""
    try:
        result = store.query(sparql)
    except (SyntaxError, OSError, ValueError) as error:
        raise StoreError(f"query failed: {error}") from error
    return query_result(result)


def query_result(result) -> QueryResult:
    """An Oxigraph answer (solutions, a boolean or triples) as a table of strings."""
    if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph >= 0.4 answers ASK with a QueryBoolean
        return QueryResult(("ask",), ((str(bool(result)).lower(),),))
    if isinstance(result, (ox.QueryTriples, list)):  # a list of ox.Triple parsed from a server's answer
        return QueryResult(("subject", "predicate", "object"),
                           tuple((_text(t.subject), _text(t.predicate), _text(t.object)) for t in result))
    columns = tuple(v.value for v in result.variables)
    return QueryResult(columns, tuple(tuple(_text(solution[c]) for c in columns) for solution in result))


def dataset_from_nquads(data: bytes) -> Dataset:
    """An rdflib Dataset from N-Quads that Oxigraph wrote."""
    dataset = new_dataset()
    if data:
        # Oxigraph writes a whole xsd:decimal as "394"; talkgraph (and Turtle) write "394.0"
        text = WHOLE_DECIMAL.sub(r'"\1.0"^^', data.decode("utf-8"))
        dataset.parse(data=text, format="nquads")
    return dataset


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
