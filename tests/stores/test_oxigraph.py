"""The persistent Oxigraph store (oxigraph:DIR)."""

from __future__ import annotations

import os
import time

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from graph import api
from graph.errors import QueryError, StoreError
from graph.export.rdf_files import union
from graph.rdf import new_dataset
from graph.stores import open_store
from graph.stores.oxigraph import OxigraphStore


def _quads(dataset) -> set:
    return {
        (s, p, o, g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    }


@pytest.fixture
def store(tmp_path):
    opened = open_store(f"oxigraph:{tmp_path / 'db'}")
    yield opened
    opened.close()


def test_open_oxigraph_store(store, tmp_path):
    assert isinstance(store, OxigraphStore)
    assert store.path == tmp_path / "db"
    assert (tmp_path / "db").is_dir()
    assert len(store.dataset()) == 0


def _named_quads(store) -> int:
    """Quads in named graphs; the default graph holds their union for queries."""
    return sum(1 for q in store.store if not isinstance(q.graph_name, ox.DefaultGraph))


def test_the_default_graph_is_the_union_of_the_named_graphs(store, example_dataset):
    store.replace_graphs(example_dataset)
    union = {(q.subject, q.predicate, q.object) for q in store.store if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = {(q.subject, q.predicate, q.object) for q in store.store if isinstance(q.graph_name, ox.DefaultGraph)}
    assert union == default and len(default) > 100


def test_replace_graphs_twice_gives_the_same_size(store, example_dataset):
    store.replace_graphs(example_dataset)
    size = _named_quads(store)
    assert size == len(_quads(example_dataset))
    store.replace_graphs(example_dataset)
    assert _named_quads(store) == size


def test_replacing_a_graph_drops_its_old_triples(store):
    name = URIRef("https://talkgraph.dev/id/graph/doc")
    s, p = URIRef("http://e/s"), URIRef("http://e/p")
    for value in ("old", "new"):
        dataset = new_dataset()
        dataset.graph(name).add((s, p, Literal(value)))
        store.replace_graphs(dataset)
    assert set(store.dataset().objects(s, p)) == {Literal("new")}
    assert _named_quads(store) == 1


def test_select_over_the_union(store, example_dataset, schema):
    store.replace_graphs(example_dataset)
    result = store.select(
        "SELECT ?label WHERE { ?c a <https://talkgraph.dev/ontology#Company> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    )
    labels = [row[0] for row in result.rows]
    assert "Amazon" in labels and "Anthropic" in labels
    assert labels == sorted(labels)
    ask = store.select("ASK { ?s a <https://talkgraph.dev/ontology#Claim> }")
    assert ask.rows == (("true",),)
    partners = api.query(store, "partners", schema=schema)
    assert ("Amazon", "Anthropic") in {(row[0], row[1]) for row in partners.rows}
    # the same answer as the in-memory dataset, cell for cell
    assert partners == api.query(example_dataset, "partners", schema=schema)


def test_dataset_round_trips(store, example_dataset):
    store.replace_graphs(example_dataset)
    back = store.dataset()
    assert _quads(back) == _quads(example_dataset)
    assert isomorphic(union(back), union(example_dataset))
    for graph in example_dataset.graphs():
        if len(graph):
            assert isomorphic(back.graph(graph.identifier), graph)


def test_store_persists_across_opens(tmp_path, example_dataset):
    spec = f"oxigraph:{tmp_path / 'db'}"
    first = open_store(spec)
    first.replace_graphs(example_dataset)
    first.close()
    again = open_store(spec)
    try:
        assert _quads(again.dataset()) == _quads(example_dataset)
    finally:
        again.close()


def test_load_and_query_through_the_api(tmp_path, example_dataset):
    spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(spec)
    store.replace_graphs(example_dataset)
    store.close()
    assert _quads(api.load(spec)) == _quads(example_dataset)
    result = api.query(spec, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.rows == ((str(len(_quads(example_dataset))),),)


def test_a_bad_query_is_the_clients_error(store):
    with pytest.raises(QueryError, match="^not valid SPARQL at line 1, column 15") as caught:
        store.select("SELECT WHERE {")
    assert caught.value.status == 400


def test_oxigraph_needs_a_folder():
    with pytest.raises(StoreError, match="needs a folder"):
        open_store("oxigraph:")


def test_ask_and_construct(store, example_dataset):
    assert store.select("ASK { ?s a <https://talkgraph.dev/ontology#Company> }").rows == (("false",),)
    store.replace_graphs(example_dataset)
    assert store.select("ASK { ?s a <https://talkgraph.dev/ontology#Company> }").rows == (("true",),)
    result = store.select(
        "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t . FILTER(?t = <https://talkgraph.dev/ontology#Company>) }"
    )
    assert result.columns == ("subject", "predicate", "object")
    assert (
        "https://talkgraph.dev/id/company/amazon",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://talkgraph.dev/ontology#Company",
    ) in result.rows


def test_an_oxigraph_store_exports_rdf_without_rdflib_as_a_file_build_does(store, example_dataset, tmp_path):
    from graph.export import export

    store.replace_graphs(example_dataset)
    for fmt, suffix in (("turtle", "ttl"), ("nt", "nt"), ("trig", "trig"), ("nquads", "nq")):
        from_store = export(store, fmt, tmp_path / f"store.{suffix}")
        from_dataset = export(example_dataset, fmt, tmp_path / f"dataset.{suffix}")
        assert from_store.read_bytes() == from_dataset.read_bytes(), fmt


def test_a_query_opens_the_store_only_in_the_child_that_runs_it(tmp_path, example_dataset, monkeypatch):
    # a RocksDB handle opened before the fork may carry a lock one of its threads held then:
    # a child that used it hung until the query's time-out
    spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(spec)
    store.replace_graphs(example_dataset)
    store.close()
    opened_in = tmp_path / "opened-in"

    def recording_open(*args, **kwargs):
        with opened_in.open("a") as record:
            record.write(f"{os.getpid()}\n")
        return open_store(*args, **kwargs)

    monkeypatch.setattr(api, "open_store", recording_open)
    assert api.query(spec, "ASK { ?s ?p ?o }").rows == (("true",),)
    assert opened_in.read_text().split() != [] and str(os.getpid()) not in opened_in.read_text().split()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _one_document(name: str, label: str):
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from graph.rdf import new_dataset

    dataset = new_dataset()
    dataset.graph(URIRef(f"https://talkgraph.dev/id/graph/{name}")).add(
        (URIRef(f"https://talkgraph.dev/id/company/{name}"), RDFS.label, Literal(label))
    )
    return dataset


def test_readers_stop_neither_each_other_nor_a_writer(tmp_path, example_dataset):
    spec = f"oxigraph:{tmp_path / 'db'}"
    writer = open_store(spec)
    writer.replace_graphs(example_dataset)
    writer.close()
    readers = [open_store(spec, create=False) for _ in range(3)]
    try:
        counts = {reader.select(COUNT).rows for reader in readers}
        assert len(counts) == 1
        assert api.query(spec, COUNT).rows in counts  # a fourth, in a child process
        writer = open_store(spec)  # a build may start while they read
        writer.close()
    finally:
        for reader in readers:
            reader.close()


def test_a_served_store_lets_a_build_write_and_then_serves_what_it_wrote(tmp_path, example_dataset):
    import threading
    import urllib.parse
    import urllib.request

    from graph.endpoint import make_server

    spec = f"oxigraph:{tmp_path / 'db'}"
    writer = open_store(spec)
    writer.replace_graphs(_one_document("first", "First"))
    writer.close()
    served = open_store(spec, create=False).for_serving()
    server = make_server(served, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/query?" + urllib.parse.urlencode(
        {"query": "SELECT ?label WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"}
    )

    def labels() -> str:
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.read().decode()

    try:
        assert labels().split() == ["label", "First"]
        writer = open_store(spec)  # not "locked": the server reads its own checkpoint
        writer.replace_graphs(_one_document("second", "Second"))
        assert labels().split() == ["label", "First"]  # mid-build: the last checkpoint
        writer.close()
        time.sleep(1.1)  # the server looks for changes once a second at most
        assert labels().split() == ["label", "First", "Second"]
    finally:
        server.shutdown()
        server.server_close()
        served.close()
    assert not list(tmp_path.glob(".talkgraph-served-*"))  # its checkpoints go with it
