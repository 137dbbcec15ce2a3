"""Any SPARQL 1.1 server as the store (sparql:QUERY_URL), against a real Oxigraph server."""

from __future__ import annotations

import pytest
from auth_proxy import AuthProxy
from oxigraph_server import OxigraphServer, free_port
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from graph import api
from graph.building.corpus import KNOWN_KEYS
from graph.errors import StoreError
from graph.export.rdf_files import union
from graph.rdf import TG, new_dataset
from graph.stores import open_store
from graph.stores.sparql import SparqlStore, derive_update_url, update_requests

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _quads(dataset) -> set:
    return {
        (s, p, o, g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    }


def _count(store) -> int:
    return int(store.select(COUNT).rows[0][0])


def _document(name: str, triples: int, key: str = "k" * 64):
    dataset = new_dataset()
    graph = dataset.graph(URIRef(f"https://talkgraph.dev/id/graph/{name}"))
    document = URIRef(f"https://talkgraph.dev/id/document/{name}")
    for number in range(triples):
        graph.add((document, URIRef(f"http://e/p{number}"), Literal(f"value {number} of {name}")))
    graph.add((document, TG.contentHash, Literal(key)))
    return dataset


def test_open_a_sparql_store(oxigraph_server):
    store = open_store(f"sparql:{oxigraph_server.query_url}")
    assert isinstance(store, SparqlStore)
    assert store.query_url == oxigraph_server.query_url
    assert store.update_url == oxigraph_server.update_url
    store.close()


@pytest.mark.parametrize(
    "query_url, update_url",
    [
        ("http://localhost:7878/query", "http://localhost:7878/update"),
        ("http://fuseki:3030/ds/sparql", "http://fuseki:3030/ds/update"),
        ("https://h/ds/query/", "https://h/ds/update"),
        ("http://localhost:7878/query?union-default-graph", "http://localhost:7878/update"),
        ("http://graphdb:7200/repositories/talks", None),
    ],
)
def test_the_update_endpoint_is_derived(query_url, update_url):
    assert derive_update_url(query_url) == update_url


def test_a_given_update_endpoint_wins(oxigraph_server):
    store = open_store(f"sparql:{oxigraph_server.base_url}/query", update_endpoint=f"{oxigraph_server.base_url}/other")
    assert store.update_url == f"{oxigraph_server.base_url}/other"
    store.close()


@pytest.mark.parametrize("spec", ["sparql:localhost:7878/query", "sparql:ftp://h/query", "sparql:"])
def test_the_query_url_must_be_http(spec):
    with pytest.raises(StoreError, match="not an http"):
        open_store(spec)


@pytest.mark.parametrize("spec", ["memory", "oxigraph:{tmp}/db", "{tmp}/graph.ttl"])
def test_update_endpoint_is_only_for_sparql_stores(spec, tmp_path):
    with pytest.raises(StoreError, match="--update-endpoint is for sparql: stores"):
        open_store(spec.format(tmp=tmp_path), update_endpoint="http://h/update")
    assert not (tmp_path / "db").exists()


def test_replace_graphs_twice_gives_the_same_size(sparql_store, example_dataset):
    sparql_store.replace_graphs(example_dataset)
    size = _count(sparql_store)
    assert size == len(_quads(example_dataset))
    sparql_store.replace_graphs(example_dataset)
    assert _count(sparql_store) == size


def test_replacing_a_graph_drops_its_old_triples(sparql_store):
    name = URIRef("https://talkgraph.dev/id/graph/doc")
    s, p = URIRef("http://e/s"), URIRef("http://e/p")
    for value in ("old", "new"):
        dataset = new_dataset()
        dataset.graph(name).add((s, p, Literal(value)))
        sparql_store.replace_graphs(dataset)
    assert set(sparql_store.dataset().objects(s, p)) == {Literal("new")}
    assert _count(sparql_store) == 1


def test_dataset_round_trips(sparql_store, example_dataset):
    sparql_store.replace_graphs(example_dataset)
    back = sparql_store.dataset()
    assert _quads(back) == _quads(example_dataset)  # "394.0"^^xsd:decimal and all
    assert isomorphic(union(back), union(example_dataset))


def test_queries_answer_as_the_in_memory_graph(sparql_store, example_dataset, schema):
    sparql_store.replace_graphs(example_dataset)
    for name in ("partners", "competitors", "develops", "top_claims"):
        assert api.query(sparql_store, name, schema=schema) == api.query(example_dataset, name, schema=schema), name
    assert sparql_store.select("ASK { ?s a <https://talkgraph.dev/ontology#Claim> }").rows == (("true",),)
    constructed = sparql_store.select(
        "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t . FILTER(?t = <https://talkgraph.dev/ontology#Company>) }"
    )
    assert constructed.columns == ("subject", "predicate", "object")
    assert (
        "https://talkgraph.dev/id/company/amazon",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://talkgraph.dev/ontology#Company",
    ) in constructed.rows


def test_remove_graphs(sparql_store):
    sparql_store.replace_graphs(_document("one", 3))
    sparql_store.replace_graphs(_document("two", 2))
    sparql_store.remove_graphs(["https://talkgraph.dev/id/graph/one", "https://talkgraph.dev/id/graph/none"])
    names = {str(graph.identifier) for graph in sparql_store.dataset().graphs() if len(graph)}
    assert names == {"https://talkgraph.dev/id/graph/two"}


def test_small_documents_share_a_request_and_a_big_one_is_split():
    small = [graph for name in ("a", "b", "c") for graph in _document(name, 5).graphs() if len(graph)]
    assert len(list(update_requests(small, 10_000))) == 1
    assert len(list(update_requests(small, 10_000, keep_union=False))) == 1
    big = [graph for graph in _document("big", 400).graphs() if len(graph)]
    requests = list(update_requests(big, 5_000))
    assert len(requests) > 5
    assert requests[0].startswith("DELETE { ?s ?p ?o } WHERE { GRAPH <https://talkgraph.dev/id/graph/big>")
    assert "DROP SILENT GRAPH <https://talkgraph.dev/id/graph/big>" in requests[0]
    assert all("DROP" not in request and "DELETE" not in request for request in requests[1:])
    assert str(TG.contentHash) in requests[-1]  # the build key is written last
    assert all(str(TG.contentHash) not in request for request in requests[:-1])


def test_a_split_document_lands_whole(oxigraph_server, sparql_store):
    store = open_store(f"sparql:{oxigraph_server.query_url}")
    store.batch_bytes = 3_000
    store.replace_graphs(_document("big", 300))
    store.replace_graphs(_document("big", 300))
    assert _count(store) == 301
    store.close()


def test_a_document_cut_short_has_no_build_key(oxigraph_server, sparql_store):
    """A build stopped between a big document's requests leaves it without tg:contentHash,
    so the next build extracts it again."""
    graphs = [graph for graph in _document("big", 300).graphs() if len(graph)]
    requests = list(update_requests(graphs, 3_000))
    for request in requests[:-1]:
        oxigraph_server.update(request)
    assert _count(sparql_store) > 200
    assert sparql_store.select(KNOWN_KEYS).rows == ()
    oxigraph_server.update(requests[-1])
    assert sparql_store.select(KNOWN_KEYS).rows == (("https://talkgraph.dev/id/graph/big", "k" * 64),)


def test_the_default_graph_is_the_set_union_of_the_documents(sparql_store):
    label = "SELECT (COUNT(*) AS ?n) WHERE { <https://talkgraph.dev/id/document/shared> <http://e/p0> ?o }"
    for name in ("one", "two"):
        dataset = _document(name, 2)
        graph = next(g for g in dataset.graphs() if len(g))
        graph.add((URIRef("https://talkgraph.dev/id/document/shared"), URIRef("http://e/p0"), Literal("same")))
        sparql_store.replace_graphs(dataset)
        sparql_store.replace_graphs(dataset)
    assert sparql_store.keeps_union() is True
    assert sparql_store.select(label).rows == (("1",),)  # once, though two graphs hold it
    only_one = "ASK { <https://talkgraph.dev/id/document/one> <http://e/p1> ?o }"
    assert sparql_store.select(only_one).rows == (("true",),)
    sparql_store.remove_graphs(["https://talkgraph.dev/id/graph/one"])
    assert sparql_store.select(label).rows == (("1",),)  # still in graph two
    assert sparql_store.select(only_one).rows == (("false",),)
    sparql_store.replace_graphs(_document("two", 1))  # two no longer says it
    assert sparql_store.select(label).rows == (("0",),)
    assert sparql_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == (("2",),)


@pytest.mark.server
def test_a_server_whose_union_repeats_triples_is_refused(tmp_path, example_dataset):
    with OxigraphServer(tmp_path / "db", union_default_graph=True) as server:
        store = open_store(f"sparql:{server.query_url}")
        with pytest.raises(StoreError, match="repeats a triple .* without --union-default-graph"):
            store.replace_graphs(example_dataset)
        store.close()


def test_named_graphs_written_by_another_tool_are_reported(oxigraph_server, sparql_store):
    oxigraph_server.update("INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> <http://e/o> } }")
    with pytest.raises(StoreError, match="does not hold its named graphs.*talkgraph load"):
        sparql_store.select("SELECT * WHERE { ?s ?p ?o }")


def test_writing_without_an_update_endpoint_says_what_to_do(oxigraph_server, example_dataset):
    store = open_store(f"sparql:{oxigraph_server.base_url}/")  # no /query or /sparql to derive from
    assert store.update_url is None
    with pytest.raises(StoreError, match="give it with --update-endpoint"):
        store.replace_graphs(example_dataset)
    store.close()


def test_a_wrong_update_endpoint_is_reported(oxigraph_server, example_dataset):
    store = open_store(f"sparql:{oxigraph_server.query_url}", update_endpoint=f"{oxigraph_server.base_url}/nothing")
    with pytest.raises(StoreError, match="not a SPARQL update endpoint.*--update-endpoint"):
        store.replace_graphs(example_dataset)
    store.close()


def test_a_server_that_is_not_running():
    store = open_store(f"sparql:http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="cannot connect.*is the SPARQL server running"):
        store.dataset()
    store.close()


def test_a_bad_query_is_a_store_error(sparql_store):
    with pytest.raises(StoreError, match="query failed"):
        sparql_store.select("SELECT WHERE {")


def test_queries_in_forked_children_leave_the_connection_usable(sparql_store, example_dataset, schema):
    sparql_store.replace_graphs(example_dataset)
    first = api.query(sparql_store, "partners", schema=schema)  # run in a forked child
    sparql_store.remove_graphs([])
    assert api.query(sparql_store, "partners", schema=schema) == first
    assert _count(sparql_store) == len(_quads(example_dataset))


def test_basic_auth_from_the_environment(oxigraph_server, sparql_store, example_dataset, monkeypatch):
    with AuthProxy(oxigraph_server.base_url, "reader", "s3cret") as proxy:
        spec = f"sparql:{proxy.base_url}/query"
        monkeypatch.delenv("TALKGRAPH_SPARQL_USER", raising=False)
        monkeypatch.delenv("TALKGRAPH_SPARQL_PASSWORD", raising=False)
        anonymous = open_store(spec)
        with pytest.raises(StoreError, match="HTTP 401.*TALKGRAPH_SPARQL_USER"):
            anonymous.replace_graphs(example_dataset)
        anonymous.close()
        monkeypatch.setenv("TALKGRAPH_SPARQL_USER", "reader")
        monkeypatch.setenv("TALKGRAPH_SPARQL_PASSWORD", "s3cret")
        store = open_store(spec)
        store.replace_graphs(example_dataset)
        assert _quads(store.dataset()) == _quads(example_dataset)
        store.close()
        assert proxy.seen[0] is None and proxy.seen[-1] == "Basic cmVhZGVyOnMzY3JldA=="


def test_a_password_without_a_user(monkeypatch):
    monkeypatch.delenv("TALKGRAPH_SPARQL_USER", raising=False)
    monkeypatch.setenv("TALKGRAPH_SPARQL_PASSWORD", "s3cret")
    with pytest.raises(StoreError, match="set both"):
        open_store("sparql:http://127.0.0.1:1/query")
