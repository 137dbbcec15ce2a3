"""A persistent Oxigraph store (``oxigraph:DIR``): one named graph per document."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import StoreError
from ..query import QueryResult
from ..rdf import new_dataset


WHOLE_DECIMAL = re.compile(r'(?<= )"(-?[0-9]+)"\^\^(?=<http://www\.w3\.org/2001/XMLSchema#decimal>)')


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

    def replace_graphs(self, dataset: Dataset) -> None:
        for graph in dataset.graphs():
            if not len(graph):
                continue
            name = ox.NamedNode(str(graph.identifier))
            data = graph.serialize(format="nt", encoding="utf-8")
            self.store.remove_graph(name)
            self.store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        self.store.flush()

    def dataset(self) -> Dataset:
        dataset = new_dataset()
        data = self.store.dump(format=ox.RdfFormat.N_QUADS)
        if data:
            # Oxigraph writes a whole xsd:decimal as "394"; talkgraph (and Turtle) write "394.0"
            text = WHOLE_DECIMAL.sub(r'"\1.0"^^', data.decode("utf-8"))
            dataset.parse(data=text, format="nquads")
        return dataset

    def select(self, sparql: str) -> QueryResult:
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"query failed: {error}") from error
        if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph >= 0.4 answers ASK with a QueryBoolean
            return QueryResult(("ask",), ((str(bool(result)).lower(),),))
        if isinstance(result, ox.QueryTriples):
            return QueryResult(("subject", "predicate", "object"),
                               tuple((_text(t.subject), _text(t.predicate), _text(t.object)) for t in result))
        columns = tuple(v.value for v in result.variables)
        return QueryResult(columns, tuple(tuple(_text(solution[c]) for c in columns) for solution in result))

    def close(self) -> None:
        del self.store


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
