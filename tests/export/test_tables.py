"""The entity network as GraphML, GEXF and CSV."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import RDF, Dataset, URIRef

from graph.export import export
from graph.export.tables import CSV_COLUMNS, entity_network, relation_edges
from graph.extract.base import Extraction
from graph.model import Assertion, Document, Entity, Evidence
from graph.rdf import TG, add_extraction, entity_iri, new_dataset
from graph.schema import default_schema

RELATIONS = tuple(default_schema().relations)
AMAZON = str(entity_iri(Entity("Amazon", "Company")))
ANTHROPIC = str(entity_iri(Entity("Anthropic", "Company")))


def _relation_triples(dataset) -> set[tuple[str, str, str]]:
    return {(str(s), name, str(o)) for name in RELATIONS for s, o in dataset.subject_objects(TG[name])}


def test_relation_edges_match_the_relation_triples(example_dataset):
    edges = relation_edges(example_dataset)
    assert {(e.subject, e.relation, e.object) for e in edges} == _relation_triples(example_dataset)
    amazon = next(e for e in edges if e.subject == AMAZON and e.relation == "partnerOf")
    assert (amazon.subject_label, amazon.subject_type, amazon.object_label, amazon.object_type) == (
        "Amazon",
        "Company",
        "Anthropic",
        "Company",
    )
    assert amazon.support == 1
    assert 0 < amazon.confidence <= 1
    assert "Anthropic" in amazon.quote or "anthropic" in amazon.quote.lower()


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_have_the_relation_edges(fmt, reader, example_dataset, tmp_path):
    path = tmp_path / f"graph.{fmt}"
    export(example_dataset, fmt, path)
    network = reader(path)
    assert network.is_directed() and network.is_multigraph()
    edges = {(u, data["relation"], v) for u, v, data in network.edges(data=True)}
    assert edges == _relation_triples(example_dataset)
    assert (AMAZON, "partnerOf", ANTHROPIC) in edges
    data = next(d for u, v, d in network.edges(data=True) if u == AMAZON and d["relation"] == "partnerOf")
    assert 0 < float(data["confidence"]) <= 1
    assert int(data["support"]) == 1
    assert network.nodes[AMAZON]["label"] == "Amazon"
    assert len(network) == len({n for u, _, v in edges for n in (u, v)})


def test_entity_network_in_memory(example_dataset):
    network = entity_network(example_dataset)
    assert network.nodes[AMAZON] == {"label": "Amazon", "type": "Company"}
    assert network.has_edge(AMAZON, ANTHROPIC, key="partnerOf")


def test_csv_has_header_and_rows(example_dataset, tmp_path):
    path = tmp_path / "relations.csv"
    export(example_dataset, "csv", path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0][:4] == ["subject", "subject_type", "relation", "object"]
    assert "\nAmazon,Company,partnerOf,Anthropic," in text
    assert len(rows) - 1 == len(_relation_triples(example_dataset))
    amazon = next(r for r in rows if r[:4] == ["Amazon", "Company", "partnerOf", "Anthropic"])
    assert amazon[8:] == [AMAZON, ANTHROPIC]
    assert amazon[6] == "1"


def test_csv_neutralises_formulas(tmp_path, schema):
    evil, victim = Entity('=HYPERLINK("http://x")', "Company"), Entity("@Victim", "Company")
    quote = "-2+3 =HYPERLINK works with @Victim"
    document = Document(id="evil000001", source="e.md", text=quote, title="e", video_id="evil000001")
    assertion = Assertion(evil, "partnerOf", victim, 0.9, Evidence("evil000001", 0, len(quote), quote), "rules")
    dataset = new_dataset()
    add_extraction(dataset, Extraction(document, (), (assertion,)), schema)
    assert len(set(dataset.subjects(RDF.type, TG.Claim))) == 1
    path = tmp_path / "evil.csv"
    export(dataset, "csv", path)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][3] == "'@Victim"
    assert rows[1][7] == "'-2+3 =HYPERLINK works with @Victim"
    assert rows[1][5] == "0.900"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_an_entity_of_two_types_is_one_row(example_dataset, tmp_path):
    dataset = Dataset(default_union=True)
    for quad in example_dataset.quads():
        dataset.add(quad)
    dataset.graph(URIRef("urn:x-test:types")).add((URIRef(AMAZON), RDF.type, TG.Product))
    rows = [e for e in relation_edges(dataset) if e.subject == AMAZON and e.relation == "partnerOf"]
    assert len(rows) == 1 and rows[0].subject_type == "Company"  # the schema's first type of the two
