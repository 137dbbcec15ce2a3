"""rdflib's in-memory Dataset as a store, and RDF files read into one.

Queries run on Oxigraph's engine over the same quads (an in-memory copy made on first
use): it answers the saved queries in milliseconds where rdflib's takes seconds on a
channel's graph, and gives the same results as an ``oxigraph:DIR`` store.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from .. import oxi
from ..errors import StoreError
from ..formats import Format, rdf_for_input, rdf_input_suffixes
from ..oxi import named, term
from ..protocol import answer
from ..query import QueryResult
from ..rdf import new_dataset
from .jsonld import check_contexts
from .oxigraph import refresh_union, select


class MemoryStore:
    remote = False

    def __init__(self, dataset: Dataset | None = None):
        self._dataset = dataset if dataset is not None else new_dataset()
        self._engine: ox.Store | None = None

    def replace_graphs(self, dataset: Dataset) -> None:
        for graph in dataset.graphs():
            if len(graph):
                self._dataset.remove_graph(graph.identifier)
                target = self._dataset.graph(graph.identifier)
                target.addN((s, p, o, target) for s, p, o in graph)
        self._engine = None

    def remove_graphs(self, identifiers) -> None:
        for identifier in identifiers:
            self._dataset.remove_graph(URIRef(identifier))
        self._engine = None

    def dataset(self) -> Dataset:
        return self._dataset

    def named_quads(self) -> Iterator[ox.Quad]:
        return oxi.quads(self.dataset())

    def union_triples(self) -> Iterator[ox.Triple]:
        return oxi.union_triples(self.dataset())

    def select(self, sparql: str, prefixes: Mapping[str, str] | None = None) -> QueryResult:
        return select(self.engine(), sparql, prefixes)

    def serialized(self, sparql: str, accept: str | None) -> tuple[str, bytes]:
        return answer(self.engine(), sparql, accept)

    def engine(self) -> ox.Store:
        """The Oxigraph copy queries run on, made on first use."""
        if self._engine is None:
            self._engine = self._load_engine()
        return self._engine

    def _load_engine(self) -> ox.Store:
        """Oxigraph's in-memory copy: the named graphs, and their set union as the default graph."""
        engine = ox.Store()
        dataset = self.dataset()
        default = dataset.default_graph.identifier
        quads, union = [], set()
        for graph in dataset.graphs():
            name = ox.DefaultGraph() if graph.identifier == default else named(str(graph.identifier))
            for s, p, o in graph:
                triple = (term(s), term(p), term(o))
                union.add(triple)
                if graph.identifier != default:
                    quads.append(ox.Quad(*triple, name))
        quads.extend(ox.Quad(*triple, ox.DefaultGraph()) for triple in union)
        engine.bulk_extend(quads)
        return engine

    def opener(self):
        """The dataset goes along as N-Quads: it is in this process's memory only."""
        return partial(_from_nquads, ox.serialize(self.named_quads(), format=ox.RdfFormat.N_QUADS) or b"")

    def for_serving(self):
        return self

    def refresh(self) -> bool:
        return False  # a dataset in memory, or a file read once

    def close(self) -> None:
        pass


class FileStore(MemoryStore):
    """An RDF file (format by extension); read-only. Queries load it straight into Oxigraph;
    rdflib parses it only when the whole dataset is asked for."""

    def __init__(self, path: str):
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{path}: no such graph file; build one with 'talkgraph build SOURCES -o {path}'")
        self.format = rdf_format(self.path)
        self._parsed: Dataset | None = None
        self._engine = None

    def dataset(self) -> Dataset:
        if self._parsed is None:
            self._parsed = read_rdf(self.path)
        return self._parsed

    def _load_engine(self) -> ox.Store:
        if self.format.oxigraph is None:
            return super()._load_engine()
        engine = ox.Store()
        try:
            engine.bulk_load(path=str(self.path), format=self.format.oxigraph)
        except (SyntaxError, ValueError, OSError) as error:
            reason = str(error).splitlines()[0][:200]
            raise StoreError(f"{self.path}: not valid {self.format.rdflib} ({reason})") from error
        if self.format.holds_graphs:
            refresh_union(engine)
        return engine

    def opener(self):
        return partial(FileStore, str(self.path))

    def replace_graphs(self, dataset: Dataset) -> None:
        raise StoreError(f"{self.path} is a file, not a store; write files with -o or use --store oxigraph:DIR")

    def remove_graphs(self, identifiers) -> None:
        raise StoreError(f"{self.path} is a file, not a store; use --store oxigraph:DIR to prune")


def _from_nquads(data: bytes) -> MemoryStore:
    dataset = new_dataset()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    return MemoryStore(dataset)


def rdf_format(path: Path) -> Format:
    fmt = rdf_for_input(path)
    if fmt is None:
        known = " ".join(rdf_input_suffixes())
        raise StoreError(f"{path}: unknown RDF file extension {path.suffix!r}; use one of {known}")
    return fmt


def read_rdf(path: Path) -> Dataset:
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; build one with 'talkgraph build SOURCES -o {path}'")
    fmt = rdf_format(path)
    if fmt.name == "jsonld":
        check_contexts(path)
    dataset = new_dataset()
    try:
        if fmt.holds_graphs:
            dataset.parse(path, format=fmt.rdflib)
        else:
            dataset.default_graph.parse(path, format=fmt.rdflib)
    except Exception as error:  # rdflib raises many parser-specific types
        raise StoreError(f"{path}: not valid {fmt.rdflib} ({str(error).splitlines()[0][:200]})") from error
    return dataset
