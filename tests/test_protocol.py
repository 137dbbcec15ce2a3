"""SPARQL Protocol content negotiation and result formats."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.protocol import Choice, NotAcceptable, answer, negotiate


@pytest.mark.parametrize(
    "accept, results, graph",
    [
        (None, "application/sparql-results+json", "text/turtle"),
        ("*/*", "application/sparql-results+json", "text/turtle"),
        ("text/csv", "text/csv", "text/turtle"),
        ("text/tab-separated-values", "text/tab-separated-values", "text/turtle"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "text/turtle"),
        ("application/n-triples", "application/sparql-results+json", "application/n-triples"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", "text/turtle"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.5", "text/csv", "text/turtle"),  # ties: header order
        ("Text/CSV; charset=utf-8", "text/csv", "text/turtle"),
        ("image/png, text/*;q=0.2", "text/csv", "text/turtle"),
        ("application/rdf+xml, text/csv;q=0", "application/sparql-results+json", "application/rdf+xml"),
    ],
)
def test_negotiate(accept, results, graph):
    assert negotiate(accept) == Choice(results, graph)


@pytest.mark.parametrize("accept", ["image/png", "text/csv;q=0", "application/pdf, image/*"])
def test_nothing_acceptable(accept):
    with pytest.raises(NotAcceptable, match="ask for one of application/sparql-results\\+json"):
        negotiate(accept)


@pytest.fixture(scope="module")
def engine():
    """Queries read the default graph, where talkgraph's stores keep the union of the documents' graphs."""
    store = ox.Store()
    for name in ("Amazon", "Anthropic"):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://e/{name}"),
                ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal(name),
                ox.DefaultGraph(),
            )
        )
    return store


SELECT = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"


def test_answers_in_each_format(engine):
    media, body = answer(engine, SELECT, "application/sparql-results+json")
    assert media == "application/sparql-results+json; charset=utf-8"
    assert [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["Amazon", "Anthropic"]
    assert answer(engine, SELECT, "text/csv") == ("text/csv; charset=utf-8", b"label\r\nAmazon\r\nAnthropic\r\n")
    assert answer(engine, SELECT, "text/tab-separated-values")[1] == b'?label\n"Amazon"\n"Anthropic"\n'
    media, body = answer(engine, SELECT, "application/xml")
    assert media == "application/sparql-results+xml" and b"<literal>Amazon</literal>" in body
    assert answer(engine, "ASK { ?s ?p ?o }", None)[1] == b'{"head":{},"boolean":true}'
    media, body = answer(engine, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert media == "application/n-triples; charset=utf-8"
    assert body.count(b" .\n") == 2
    assert b'<http://e/Amazon> <http://www.w3.org/2000/01/rdf-schema#label> "Amazon"' in body


def test_a_bad_query(engine):
    with pytest.raises(
        QueryError, match='^not valid SPARQL at line 1, column 15, at the end of the line .after "SELECT WHERE {".$'
    ):
        answer(engine, "SELECT WHERE {", None)


def test_an_undeclared_prefix_is_the_clients_error(engine):
    with pytest.raises(QueryError, match="^not valid SPARQL at line 1, column 34, .*: prefix not found$") as caught:
        answer(engine, "SELECT ?s WHERE { ?s a tg:Company }", None)
    assert caught.value.status == 400
