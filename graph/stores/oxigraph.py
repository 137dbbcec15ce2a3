"""A persistent Oxigraph store (``oxigraph:DIR``): one named graph per document.

Queries read the default graph, which the store keeps as the set union of all named
graphs. Oxigraph's own union mode returns a triple once per graph that holds it, and an
entity's label stands in every document that names it, so joins on labels grew with the
square of the documents (seconds per saved query on a channel's graph).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import StoreError
from ..oxi import triples
from ..protocol import answer, run_query
from ..query import QueryResult
from ..rdf import new_dataset

XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DURATION = ox.NamedNode("http://www.w3.org/2001/XMLSchema#duration")
# Set before the named graphs change, cleared by the update that rebuilds the union: a store that
# still holds it was killed in between, and its union is rebuilt when it is next opened.
UNION_STALE = ox.Quad(ox.NamedNode("urn:x-talkgraph:union"), ox.NamedNode("urn:x-talkgraph:stale"),
                      ox.Literal(True), ox.DefaultGraph())


class OxigraphStore:
    remote = False

    def __init__(self, directory: str, create: bool = True):
        if not directory:
            raise StoreError("oxigraph store needs a folder: --store oxigraph:DIR")
        self.path = Path(directory)
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}: build one with "
                             f"'talkgraph build SOURCES --store oxigraph:{self.path}'")
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
            data = (ox.serialize(triples(graph), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
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

    def settle(self) -> None:
        """Finish RocksDB's pending background work (flushes, compactions) now. Before a process
        forks children that read through this handle: a lock one of those threads held at the
        fork would stay held in the child, and its query would hang."""
        self.store.flush()
        self.store.optimize()

    def dataset(self) -> Dataset:
        return dataset_from_quads(self._named())

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every document's triples, as Oxigraph terms (the exporters write them without rdflib)."""
        return _written(self._named())

    def _named(self) -> Iterator[ox.Quad]:
        return (q for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> Iterator[ox.Triple]:
        """Each triple of any document once: the default graph, which the store keeps as their union."""
        return (ox.Triple(q.subject, q.predicate, _as_written(q.object))
                for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()) if q != UNION_STALE)

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
    return query_result(run_query(store, sparql))


def query_result(result) -> QueryResult:
    """An Oxigraph answer (solutions, a boolean or triples) as a table of strings."""
    if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph >= 0.4 answers ASK with a QueryBoolean
        return QueryResult(("ask",), ((str(bool(result)).lower(),),))
    if isinstance(result, (ox.QueryTriples, list)):  # a list of ox.Triple parsed from a server's answer
        return QueryResult(("subject", "predicate", "object"),
                           tuple((_text(t.subject), _text(t.predicate), _text(t.object)) for t in result))
    columns = tuple(v.value for v in result.variables)
    return QueryResult(columns, tuple(tuple(_text(solution[c]) for c in columns) for solution in result))


def _as_written(term):
    """A literal as talkgraph (rdflib) writes it where Oxigraph keeps another canonical form:
    a whole xsd:decimal ("394.0", not "394") and a zero duration ("P0D", not "PT0S")."""
    if not isinstance(term, ox.Literal):
        return term
    if term.datatype == XSD_DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=XSD_DECIMAL)
    if term.datatype == XSD_DURATION and term.value == "PT0S":
        return ox.Literal("P0D", datatype=XSD_DURATION)
    return term


def _written(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    return (ox.Quad(q.subject, q.predicate, _as_written(q.object), q.graph_name) for q in quads)


def dataset_from_quads(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib Dataset of Oxigraph quads, their literals as talkgraph writes them."""
    dataset = new_dataset()
    data = ox.serialize(_written(quads), format=ox.RdfFormat.N_QUADS)
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    return dataset


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
