"""The in-memory store and read-only RDF file stores."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import StoreError, TalkgraphError
from graph.export.rdf_files import union
from graph.formats import rdf_for_input, rdf_input_suffixes
from graph.rdf import new_dataset
from graph.stores import open_store
from graph.stores.memory import FileStore, MemoryStore

COUNT_COMPANIES = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://talkgraph.dev/ontology#Company> }"
DATASET_FORMATS = {"trig", "nquads", "json-ld"}


def _copy(dataset: Dataset) -> Dataset:
    copy = new_dataset()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        copy.graph(g.identifier if hasattr(g, "identifier") else g).add((s, p, o))
    return copy


def test_open_memory_store_is_empty():
    store = open_store("memory")
    assert isinstance(store, MemoryStore)
    assert len(store.dataset()) == 0
    assert store.select(COUNT_COMPANIES).rows == (("0",),)


def test_memory_store_replace_does_not_duplicate(example_dataset):
    store = open_store("memory")
    store.replace_graphs(example_dataset)
    size = len(list(store.dataset().quads((None, None, None, None))))
    assert size == len(list(example_dataset.quads((None, None, None, None))))
    store.replace_graphs(example_dataset)
    store.replace_graphs(_copy(example_dataset))
    assert len(list(store.dataset().quads((None, None, None, None)))) == size
    companies = int(store.select(COUNT_COMPANIES).rows[0][0])
    assert companies > 5


def test_memory_store_replacing_a_graph_drops_its_old_triples():
    store = open_store("memory")
    name = URIRef("https://talkgraph.dev/id/graph/doc")
    s, p = URIRef("http://e/s"), URIRef("http://e/p")
    first = new_dataset()
    first.graph(name).add((s, p, Literal("old")))
    store.replace_graphs(first)
    second = new_dataset()
    second.graph(name).add((s, p, Literal("new")))
    store.replace_graphs(second)
    assert set(store.dataset().objects(s, p)) == {Literal("new")}


@pytest.mark.parametrize("suffix", rdf_input_suffixes())
def test_file_store_of_each_extension(tmp_path, example_dataset, suffix):
    fmt = rdf_for_input(f"graph{suffix}").rdflib
    path = tmp_path / f"graph{suffix}"
    source = example_dataset if fmt in DATASET_FORMATS else union(example_dataset)
    source.serialize(path, format=fmt, encoding="utf-8")
    store = open_store(path)
    assert isinstance(store, FileStore)
    read = union(store.dataset())
    assert len(read) == len(union(example_dataset))
    assert isomorphic(read, union(example_dataset))
    assert int(store.select(COUNT_COMPANIES).rows[0][0]) > 5
    store.close()


def test_file_store_keeps_named_graphs_of_trig(tmp_path, example_dataset):
    path = tmp_path / "graph.trig"
    example_dataset.serialize(path, format="trig")
    named = {g.identifier for g in open_store(path).dataset().graphs() if len(g)}
    assert named == {g.identifier for g in example_dataset.graphs() if len(g)}


def test_file_store_refuses_writes(tmp_path, example_dataset):
    path = tmp_path / "graph.ttl"
    union(example_dataset).serialize(path, format="turtle")
    before = path.read_bytes()
    store = open_store(str(path))
    with pytest.raises(StoreError) as caught:
        store.replace_graphs(example_dataset)
    assert str(path) in str(caught.value)
    assert "oxigraph:DIR" in str(caught.value)
    assert path.read_bytes() == before


def test_file_store_errors(tmp_path):
    with pytest.raises(StoreError, match="no such graph file"):
        open_store(tmp_path / "missing.ttl")
    unknown = tmp_path / "graph.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(StoreError, match="unknown RDF file extension '.csv'"):
        open_store(unknown)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    store = open_store(broken)  # read lazily: by Oxigraph for queries, by rdflib for the dataset
    for read in (lambda: store.select("ASK { ?s ?p ?o }"), store.dataset):
        with pytest.raises(StoreError) as caught:
            read()
        assert "not valid turtle" in str(caught.value) and str(broken) in str(caught.value)
        assert len(str(caught.value).splitlines()) == 1


def test_unknown_store_name_is_a_file_path(tmp_path):
    # "nosuch:thing" is not a registered store, so it is read as a file path
    with pytest.raises(TalkgraphError, match="no such graph file"):
        open_store("nosuch:thing.ttl")
