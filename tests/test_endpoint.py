"""`talkgraph serve`: the read-only SPARQL 1.1 Protocol endpoint, over real HTTP on loopback."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from graph import api
from graph.endpoint import Limits, make_server
from graph.errors import TalkgraphError
from graph.export import export
from graph.stores import open_store
from graph.stores.memory import MemoryStore

pytestmark = pytest.mark.server  # each test starts the endpoint or `talkgraph serve`

COMPANIES = (
    "SELECT ?label WHERE { ?c a <https://talkgraph.dev/ontology#Company> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
)
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Endpoint:
    def __init__(self, store, timeout: float = 30.0, **limits):
        self.server = make_server(store, "127.0.0.1", 0, limits=Limits(timeout=timeout, **limits))
        self.url = f"http://127.0.0.1:{self.server.server_port}/query"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.headers["Content-Type"], reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get(endpoint: Endpoint, query: str, accept: str | None = None, **extra) -> tuple[int, str, bytes]:
    parameters = urllib.parse.urlencode({"query": query, **extra})
    return fetch(f"{endpoint.url}?{parameters}", headers={"Accept": accept} if accept else {})


def post_form(endpoint: Endpoint, fields: dict, accept: str | None = None) -> tuple[int, str, bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded", **({"Accept": accept} if accept else {})}
    return fetch(endpoint.url, data=urllib.parse.urlencode(fields).encode(), headers=headers)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_dataset):
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    export(example_dataset, "turtle", path)
    return path


@pytest.fixture(scope="module")
def endpoint(graph_file):
    store = open_store(graph_file)
    served = Endpoint(store)
    yield served
    served.stop()
    store.close()


def labels_from_json(body: bytes) -> list[str]:
    return [binding["label"]["value"] for binding in json.loads(body)["results"]["bindings"]]


def test_get_answers_json_by_default(endpoint, example_dataset):
    status, media, body = get(endpoint, COMPANIES)
    assert (status, media) == (200, "application/sparql-results+json; charset=utf-8")
    expected = [row[0] for row in api.query(example_dataset, COMPANIES).rows]
    assert labels_from_json(body) == expected and "Amazon" in expected


def test_post_form_answers_csv(endpoint):
    status, media, body = post_form(endpoint, {"query": COMPANIES}, accept="text/csv")
    assert (status, media) == (200, "text/csv; charset=utf-8")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["label"] and ["Amazon"] in rows[1:]


def test_post_sparql_query_answers_tsv(endpoint):
    status, media, body = fetch(
        endpoint.url,
        data=COMPANIES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert status == 200 and media.startswith("text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?label" and '"Amazon"' in lines


def test_xml_results(endpoint):
    status, media, body = get(endpoint, COMPANIES, accept="application/sparql-results+xml")
    assert (status, media) == (200, "application/sparql-results+xml")
    namespace = "{http://www.w3.org/2005/sparql-results#}"
    literals = [node.text for node in ElementTree.fromstring(body).iter(f"{namespace}literal")]
    assert "Amazon" in literals


def test_the_sparql_path_and_ask(endpoint):
    status, _, body = fetch(
        endpoint.url.replace("/query", "/sparql")
        + "?query="
        + urllib.parse.quote("ASK { ?s a <https://talkgraph.dev/ontology#Claim> }")
    )
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})


@pytest.mark.parametrize("media_type, rdf_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_construct_answers_rdf(endpoint, media_type, rdf_format):
    query = (
        "CONSTRUCT { ?c a <https://talkgraph.dev/ontology#Company> } "
        "WHERE { ?c a <https://talkgraph.dev/ontology#Company> }"
    )
    status, media, body = get(endpoint, query, accept=media_type)
    assert (status, media) == (200, f"{media_type}; charset=utf-8")
    graph = Graph().parse(data=body.decode(), format=rdf_format)
    assert (
        URIRef("https://talkgraph.dev/id/company/amazon"),
        RDF.type,
        URIRef("https://talkgraph.dev/ontology#Company"),
    ) in graph


def test_json_ld_answers_are_compacted_with_the_projects_context(endpoint):
    query = "DESCRIBE <https://talkgraph.dev/id/company/amazon>"
    _, _, turtle = get(endpoint, query, accept="text/turtle")
    status, media, body = get(endpoint, query, accept="application/ld+json")
    assert (status, media) == (200, "application/ld+json; charset=utf-8")
    document = json.loads(body)
    assert document["@context"]["company"] == "https://talkgraph.dev/id/company/"
    [amazon] = [node for node in document["@graph"] if node["@id"] == "company:amazon"]
    assert (amazon["@type"], amazon["label"], amazon["partnerOf"]) == ("tg:Company", "Amazon", "company:anthropic")
    described = Graph().parse(data=body.decode(), format="json-ld")
    assert isomorphic(described, Graph().parse(data=turtle.decode(), format="turtle")) and len(described) > 5


@pytest.mark.parametrize(
    "send, status, reason",
    [
        (lambda e: post_form(e, {"update": "DROP ALL"}), 403, "read-only"),
        (
            lambda e: fetch(e.url, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}),
            403,
            "read-only",
        ),
        (lambda e: get(e, "DROP ALL"), 400, "updates .* are refused"),
        (lambda e: get(e, "INSERT DATA { <http://a> <http://b> <http://c> }"), 400, "updates .* are refused"),
        (lambda e: get(e, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"), 400, "SERVICE is refused"),
        (lambda e: get(e, "SELECT * FROM <http://x/> WHERE { ?s ?p ?o }"), 400, "FROM and FROM NAMED are refused"),
        (
            lambda e: get(e, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "http://x/"}),
            400,
            "default-graph-uri refused",
        ),
        (lambda e: get(e, "SELECT * WHERE {"), 400, "not valid SPARQL"),
        (lambda e: get(e, "SELECT ?c WHERE { ?c a tg:Company }"), 400, "prefix 'tg:' is not declared"),
        (lambda e: fetch(e.url), 400, "give exactly one query"),
        (lambda e: fetch(e.url + "?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "give exactly one query"),
        (lambda e: fetch(e.url.replace("/query", "/admin") + "?query=ASK%7B%7D"), 404, "send queries to /query"),
        (
            lambda e: fetch(e.url, data=b"ASK {}", headers={"Content-Type": "text/plain"}),
            415,
            "application/sparql-query",
        ),
        (lambda e: get(e, "ASK {}", accept="image/png"), 406, "ask for one of"),
        (
            lambda e: fetch(e.url, data=b"#" * 1_000_001, headers={"Content-Type": "application/sparql-query"}),
            413,
            "over 1,000,000 bytes",
        ),
    ],
)
def test_refusals(endpoint, send, status, reason):
    got, media, body = send(endpoint)
    assert (got, media) == (status, "text/plain; charset=utf-8")
    assert re.search(reason, body.decode()), body
    assert get(endpoint, "ASK { ?s ?p ?o }")[2] == b'{"head":{},"boolean":true}'  # the graph is untouched


def test_a_runaway_query_is_stopped(graph_file):
    store = open_store(graph_file)
    served = Endpoint(store, timeout=0.5)
    try:
        status, _, body = get(served, FOREVER)
        assert status == 503 and b"stopped after 0.5 s" in body
        assert get(served, "ASK { ?s ?p ?o }")[0] == 200  # the next query is answered
    finally:
        served.stop()
        store.close()


def test_serving_a_store_and_a_sparql_server_gives_the_same_answers(tmp_path, example_dataset, sparql_store, endpoint):
    local = open_store(f"oxigraph:{tmp_path / 'db'}")
    local.replace_graphs(example_dataset)
    sparql_store.replace_graphs(example_dataset)
    expected = labels_from_json(get(endpoint, COMPANIES)[2])
    for store in (local, sparql_store):
        served = Endpoint(store)
        try:
            assert labels_from_json(get(served, COMPANIES)[2]) == expected
            status, media, body = get(served, COMPANIES, accept="text/csv")
            assert status == 200 and media.startswith("text/csv") and b"Amazon" in body
            assert get(served, "DROP ALL")[0] == 400  # refused before it reaches the server
        finally:
            served.stop()
    assert len(sparql_store.dataset()) == len(example_dataset)
    local.close()


def test_a_port_in_use(graph_file, endpoint):
    store = open_store(graph_file)
    with pytest.raises(TalkgraphError, match="cannot listen on 127.0.0.1:.*choose another --port"):
        make_server(store, "127.0.0.1", endpoint.server.server_port)
    store.close()


def test_the_serve_command(graph_file):
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", str(graph_file), "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stderr.readline()
        match = re.search(r"read-only at (http://127\.0\.0\.1:\d+/query)", line)
        assert match, line
        with urllib.request.urlopen(match.group(1) + "?query=" + urllib.parse.quote(COMPANIES), timeout=30) as reply:
            assert "Amazon" in labels_from_json(reply.read())
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_a_service_smuggled_past_the_check_reaches_nothing(endpoint, listener):
    """The reported bypass: rdflib read the escape as a string, Oxigraph as a real SERVICE."""
    query = 'SELECT ?a WHERE { BIND("\\u005C" AS ?x) SERVICE <URL> { ?a ?b ?c } } #" AS ?y) }'
    status, _, _ = post_form(endpoint, {"query": query.replace("URL", listener.url)})
    assert status in (200, 400)
    listener.close()
    assert listener.requests == []


def test_a_cold_server_answers_many_concurrent_clients(graph_file, schema):
    """pyparsing, which reads each query, broke for good when two threads parsed at once in a
    fresh process: every later request got an empty reply. A fresh `talkgraph serve`, 16
    clients at once, saved queries and malformed ones: no 5xx and no dropped connection."""
    server = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", str(graph_file), "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        url = re.search(r"http://\S+/query", server.stderr.readline()).group(0)
        work = [(text, 200) for text in schema.queries.values()] + [
            ("SELECT * WHERE { ?s ?p }", 400),
            ("SELEKT ?s", 400),
        ]
        outcomes: list[tuple[int, int] | str] = []

        def client(start: int) -> None:
            for step in range(24):
                text, expected = work[(start + step) % len(work)]
                try:
                    status = fetch(f"{url}?{urllib.parse.urlencode({'query': text})}")[0]
                    outcomes.append((status, expected))
                except OSError as error:
                    outcomes.append(repr(error))

        clients = [threading.Thread(target=client, args=(n,)) for n in range(16)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
    finally:
        server.terminate()
        server.wait(10)
    assert len(outcomes) == 16 * 24
    assert [outcome for outcome in outcomes if isinstance(outcome, str) or outcome[0] != outcome[1]] == []


def test_head_and_options(endpoint):
    head = urllib.request.Request(f"{endpoint.url}?query=ASK%7B%7D", method="HEAD")
    with urllib.request.urlopen(head, timeout=10) as reply:
        assert reply.status == 200 and reply.read() == b""
        assert reply.headers["Content-Type"].startswith("application/sparql-results+json")
    options = urllib.request.Request(endpoint.url, method="OPTIONS")
    with urllib.request.urlopen(options, timeout=10) as reply:
        assert reply.status == 204 and reply.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
        assert "Access-Control-Allow-Origin" not in reply.headers  # no CORS unless asked


@pytest.fixture
def bounded(graph_file, request):
    """An endpoint with the limits the test's parameters name."""
    store = open_store(graph_file)
    served = Endpoint(store, **request.param)
    yield served
    served.stop()
    store.close()


@pytest.mark.parametrize("bounded", [{"cors": "https://example.org"}], indirect=True)
def test_cors_when_asked(bounded):
    preflight = urllib.request.Request(
        bounded.url,
        method="OPTIONS",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    with urllib.request.urlopen(preflight, timeout=10) as reply:
        assert reply.headers["Access-Control-Allow-Origin"] == "https://example.org"
        assert "POST" in reply.headers["Access-Control-Allow-Methods"]
    status, _, _ = get(bounded, "ASK {}")
    with urllib.request.urlopen(f"{bounded.url}?query=ASK%7B%7D", timeout=10) as reply:
        assert reply.headers["Access-Control-Allow-Origin"] == "https://example.org"


@pytest.mark.parametrize("bounded", [{"memory_mb": 64, "timeout": 120}], indirect=True)
def test_a_query_past_its_memory_is_stopped_with_503(bounded):
    started = time.monotonic()
    status, _, body = get(bounded, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 503 and b"needed more than 64 MB" in body, body
    assert time.monotonic() - started < 60  # the memory bound, not the time limit
    assert get(bounded, "ASK { ?s ?p ?o }")[0] == 200


@pytest.mark.parametrize("bounded", [{"answer_mb": 0.01}], indirect=True)
def test_an_answer_over_its_size_is_refused(bounded):
    status, _, body = get(bounded, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"the answer is over 0.01 MB; narrow the query or add LIMIT" in body
    assert get(bounded, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")[0] == 200


@pytest.mark.parametrize("bounded", [{"queries": 1, "queue_wait": 0.3, "timeout": 3}], indirect=True)
def test_a_query_past_the_queries_at_once_gets_503_with_retry_after(bounded):
    slow = threading.Thread(target=get, args=(bounded, FOREVER))
    slow.start()
    time.sleep(0.5)
    try:
        urllib.request.urlopen(f"{bounded.url}?query=ASK%7B%7D", timeout=10)
        raise AssertionError("a second query ran beside the first")
    except urllib.error.HTTPError as error:
        assert error.code == 503 and error.headers["Retry-After"] == "1"
        assert b"1 queries are running" in error.read()
    slow.join()
    assert get(bounded, "ASK {}")[0] == 200  # the place is free again


HANG_UP_CLIENT = """
import socket, sys
client = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
client.sendall(sys.argv[2].encode())
sys.stdin.readline()  # hangs up when told
"""


def query_children(server) -> set[int]:
    """The query children running now: the query process's own children."""
    pid = server.queries.process.pid
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
        return {int(child) for child in children.read().split()}


def is_running(pid: int) -> bool:
    """Whether `pid` runs still: not gone, nor ended and waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("bounded", [{"timeout": 60}], indirect=True)
def test_a_query_whose_client_hangs_up_is_stopped(bounded):
    request = f"GET /query?{urllib.parse.urlencode({'query': FOREVER})} HTTP/1.1\r\nHost: x\r\n\r\n"
    client = subprocess.Popen(
        [sys.executable, "-c", HANG_UP_CLIENT, str(bounded.server.server_port), request],
        stdin=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 10
    while not query_children(bounded.server) and time.monotonic() < deadline:
        time.sleep(0.05)
    [query_child] = query_children(bounded.server)
    client.communicate("\n", timeout=10)
    # the server looks every quarter second (the query would run 60 s)
    deadline = time.monotonic() + 5
    while is_running(query_child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not is_running(query_child)


@pytest.mark.parametrize("bounded", [{"client_timeout": 0.5}], indirect=True)
def test_a_client_that_sends_half_a_request_is_let_go(bounded):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", bounded.server.server_port)) as client:
        client.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # no blank line: never finished
        client.settimeout(10)
        assert client.recv(1024) == b""  # the server closed the connection
    assert time.monotonic() - started < 5


def test_queries_answer_while_another_thread_writes_the_served_store(example_dataset):
    """A child forked from a process where another thread held the store's write lock at the fork
    would wait for that lock for ever: queries run in a process of one thread instead."""
    store = MemoryStore(example_dataset)
    store.engine()  # the server's own copy, which the writer below keeps locked most of the time
    served = Endpoint(store, timeout=5)
    stop = threading.Event()

    def write() -> None:
        for number in itertools.count():
            if stop.is_set():
                return
            store.engine().update(f"INSERT DATA {{ <urn:x:{number}> <urn:x:p> {number} }}")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        statuses = [get(served, "ASK { ?s ?p ?o }")[0] for _ in range(300)]
    finally:
        stop.set()
        writer.join()
        served.stop()
    assert statuses == [200] * 300  # a hung child: 503 after 5 s (forked from the server, about one in fifty hung)
