"""graph/jsonld.py: JSON-LD compacted with schema/context.jsonld, read back as the same triples by
rdflib, pyld and Oxigraph."""

from __future__ import annotations

import json

import pyoxigraph as ox
from pyld import jsonld
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.export import export
from graph.export.rdf_files import union
from graph.jsonld import CONTEXT_FILE, compact, context
from graph.vocabulary import regenerate


def test_the_checked_in_context_is_current(schema):
    checked_in = (schema.directory / CONTEXT_FILE).read_text(encoding="utf-8")
    assert regenerate(schema)[CONTEXT_FILE] == checked_in, f"schema/{CONTEXT_FILE} is stale: run `make vocabulary`"


def test_the_context_names_the_prefixes_of_turtle_and_short_terms(schema):
    terms = context()
    assert terms["tg"] == "https://talkgraph.dev/ontology#" and terms["company"] == "https://talkgraph.dev/id/company/"
    assert terms["label"] == "rdfs:label"
    assert terms["partnerOf"] == {"@id": "tg:partnerOf", "@type": "@id"}
    assert set(schema.relations) <= set(terms)


def test_an_export_is_compact_with_the_context_inside(example_dataset, tmp_path):
    path = export(example_dataset, "jsonld", tmp_path / "graph.jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"] == context()
    [amazon] = [node for node in document["@graph"] if node["@id"] == "company:amazon"]
    assert (
        amazon["@type"] == "tg:Company" and amazon["label"] == "Amazon" and amazon["partnerOf"] == "company:anthropic"
    )
    claim = next(node for node in document["@graph"] if node["@type"] == "tg:Claim")
    assert claim["subject"].split(":")[0] in context() and isinstance(claim["charStart"], int)
    assert "https://talkgraph.dev/" not in json.dumps(document["@graph"])


def test_rdflib_pyld_and_oxigraph_read_the_same_triples(example_dataset, tmp_path):
    path = export(example_dataset, "jsonld", tmp_path / "graph.jsonld")
    expected = union(example_dataset)
    assert isomorphic(Graph().parse(path, format="json-ld"), expected)
    quads = jsonld.to_rdf(json.loads(path.read_text(encoding="utf-8")), {"format": "application/n-quads"})
    assert isomorphic(Graph().parse(data=quads, format="nt"), expected)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(expected) > 500


def test_a_graph_of_another_schema_gets_a_prefix_for_its_kinds():
    graph = Graph()
    graph.add((URIRef("https://talkgraph.dev/id/satellite/sputnik"), URIRef("http://example.org/p"), Literal("x")))
    document = json.loads(compact(graph))
    assert document["@context"]["satellite"] == "https://talkgraph.dev/id/satellite/"
    assert document["@graph"] == [{"@id": "satellite:sputnik", "http://example.org/p": "x"}]
    assert isomorphic(Graph().parse(data=compact(graph), format="json-ld"), graph)
