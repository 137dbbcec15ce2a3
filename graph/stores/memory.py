"""rdflib's in-memory Dataset as a store, and RDF files read into one."""
from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from ..errors import StoreError
from ..query import QueryResult
from ..rdf import new_dataset

FORMAT_BY_SUFFIX = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".nq": "nquads",
    ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
    ".n3": "n3",
}


class MemoryStore:
    def __init__(self, dataset: Dataset | None = None):
        self._dataset = dataset if dataset is not None else new_dataset()

    def replace_graphs(self, dataset: Dataset) -> None:
        for graph in dataset.graphs():
            if len(graph):
                self._dataset.remove_graph(graph.identifier)
                target = self._dataset.graph(graph.identifier)
                for triple in graph:
                    target.add(triple)

    def dataset(self) -> Dataset:
        return self._dataset

    def select(self, sparql: str) -> QueryResult:
        return result_rows(self._dataset.query(sparql))

    def close(self) -> None:
        pass


class FileStore(MemoryStore):
    """An RDF file, read once (format by extension); read-only."""

    def __init__(self, path: str):
        self.path = Path(path)
        super().__init__(read_rdf(self.path))

    def replace_graphs(self, dataset: Dataset) -> None:
        raise StoreError(f"{self.path} is a file, not a store; write files with -o or use --store oxigraph:DIR")


def rdf_format(path: Path) -> str:
    fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(FORMAT_BY_SUFFIX))
        raise StoreError(f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}")
    return fmt


def read_rdf(path: Path) -> Dataset:
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; build one with 'talkgraph build SOURCES -o {path}'")
    fmt = rdf_format(path)
    dataset = new_dataset()
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            dataset.parse(path, format=fmt)
        else:
            dataset.default_graph.parse(path, format=fmt)
    except Exception as error:  # rdflib raises many parser-specific types
        raise StoreError(f"{path}: not valid {fmt} ({str(error).splitlines()[0][:200]})") from error
    return dataset


def term_text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, (URIRef, Literal)):
        return str(term)
    return str(term)


def result_rows(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(("ask",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph: Graph = result.graph
        return QueryResult(("subject", "predicate", "object"),
                           tuple(tuple(term_text(t) for t in triple) for triple in graph))
    columns = tuple(str(v) for v in result.vars)
    return QueryResult(columns, tuple(tuple(term_text(row[i]) for i in range(len(columns))) for row in result))
