"""graph/sandbox.py: a query over a local graph runs in a child that cannot open a network
socket, so a SERVICE that got past the check still reaches nothing (defence in depth)."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from graph import api, endpoint
from graph.errors import QueryError
from graph.export import export
from graph.query import QueryResult, run_with_timeout
from graph.stores import open_store


def service_query(url: str) -> str:
    return f"SELECT * WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}"


def test_an_offline_child_cannot_open_an_internet_socket(listener):
    def connect() -> QueryResult:
        socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
        return QueryResult(("reached",), ())

    with pytest.raises(QueryError, match="Operation not permitted"):
        run_with_timeout(connect, 10)
    assert listener.requests == []


def test_an_offline_child_still_has_unix_sockets_and_pipes():
    def local() -> QueryResult:
        left, right = socket.socketpair()
        left.sendall(b"ok")
        return QueryResult(("said",), ((right.recv(2).decode(),),))

    assert run_with_timeout(local, 10).rows == (("ok",),)


def test_the_engine_in_an_offline_child_cannot_call_a_service(listener):
    """Oxigraph's own HTTP client, as a SERVICE the check missed would use it."""

    def engine_call() -> QueryResult:
        list(ox.Store().query(service_query(listener.url)))
        return QueryResult((), ())

    with pytest.raises(QueryError, match="not permitted"):
        run_with_timeout(engine_call, 10)
    assert listener.requests == []


def test_a_child_that_may_use_the_network_can(listener):
    """A sparql: store's queries go to its server: that child is not cut off."""

    def connect() -> QueryResult:
        socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
        return QueryResult(("reached",), ())

    run_with_timeout(connect, 10, offline=False)
    listener.close()
    assert len(listener.requests) == 1


@pytest.fixture
def fooled_check(monkeypatch):
    """The query check as if a parser disagreement had fooled it: it lets everything through."""
    monkeypatch.setattr(api, "check_query", lambda text, predeclared=(): text)
    monkeypatch.setattr(endpoint, "check_query", lambda text, predeclared=(): text)


@pytest.fixture(params=["file", "store"])
def local_graph(request, tmp_path, example_dataset):
    if request.param == "file":
        path = tmp_path / "graph.nt"
        export(example_dataset, "nt", path)
        return str(path)
    spec = f"oxigraph:{tmp_path / 'store'}"
    store = open_store(spec)
    store.replace_graphs(example_dataset)
    store.close()
    return spec


def test_query_reaches_nothing_when_the_check_is_fooled(fooled_check, local_graph, listener):
    with pytest.raises(QueryError, match="not permitted"):
        api.query(local_graph, service_query(listener.url), timeout=10)
    listener.close()
    assert listener.requests == []


def test_serve_reaches_nothing_when_the_check_is_fooled(fooled_check, local_graph, listener):
    store = open_store(local_graph, create=False)
    server = endpoint.make_server(store, "127.0.0.1", 0, limits=endpoint.Limits(timeout=10))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        query = urllib.parse.urlencode({"query": service_query(listener.url)})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/query?{query}", timeout=20)
        assert caught.value.code >= 400
    finally:
        server.shutdown()
        server.server_close()
        store.close()
    listener.close()
    assert listener.requests == []
