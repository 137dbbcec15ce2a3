"""The entity network as GraphML, GEXF and CSV."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import RDF, Dataset, URIRef

from graph.export import export
from graph.export.network import network_data
from graph.export.tables import CSV_COLUMNS, entity_network, relation_edges
from graph.extract.base import Extraction
from graph.model import Assertion, Document, Entity, Evidence
from graph.rdf import TG, add_extraction, entity_iri, new_dataset
from graph.schema import default_schema
from graph.stats import graph_stats

SCHEMA = default_schema()
AMAZON = str(entity_iri(Entity("Amazon", "Company")))
ANTHROPIC = str(entity_iri(Entity("Anthropic", "Company")))


def _relation_pairs(dataset) -> set[tuple[str, str, str]]:
    """The relation triples, a symmetric relation's once per pair (its ends in IRI order)."""
    pairs = set()
    for name, relation in SCHEMA.relations.items():
        for s, o in dataset.subject_objects(TG[name]):
            ends = sorted((str(s), str(o))) if relation.symmetric else (str(s), str(o))
            pairs.add((ends[0], name, ends[1]))
    return pairs


def test_relation_edges_match_the_relation_triples(example_dataset):
    edges = relation_edges(example_dataset)
    assert {(e.subject, e.relation, e.object) for e in edges} == _relation_pairs(example_dataset)
    amazon = next(e for e in edges if e.subject == AMAZON and e.relation == "partnerOf")
    assert (amazon.subject_label, amazon.subject_type, amazon.object_label, amazon.object_type) == (
        "Amazon",
        "Company",
        "Anthropic",
        "Company",
    )
    assert amazon.support == 1
    assert amazon.confidence is not None and 0 < amazon.confidence <= 1
    assert "Anthropic" in amazon.quote or "anthropic" in amazon.quote.lower()


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_have_the_relation_edges(fmt, reader, example_dataset, tmp_path):
    path = tmp_path / f"graph.{fmt}"
    export(example_dataset, fmt, path)
    network = reader(path)
    assert network.is_directed()
    edges = {(u, data["relation"], v) for u, v, data in network.edges(data=True)}
    assert edges == _relation_pairs(example_dataset) and len(network.edges) == len(edges)
    assert (AMAZON, "partnerOf", ANTHROPIC) in edges
    data = next(d for u, v, d in network.edges(data=True) if u == AMAZON and d["relation"] == "partnerOf")
    assert 0 < float(data["confidence"]) <= 1
    assert int(data["weight"]) == 1 and data["label"] == "partner of" and data["symmetric"] is True
    develops = next(d for u, v, d in network.edges(data=True) if d["relation"] == "develops")
    assert develops["symmetric"] is False
    amazon = network.nodes[AMAZON]
    assert (amazon["label"], amazon["type"], int(amazon["documents"])) == ("Amazon", "Company", 1)
    assert amazon["color"] == SCHEMA.entity_types["Company"].colour


def test_the_network_files_hold_what_the_page_shows(example_dataset, tmp_path):
    nodes, edges, _ = network_data(example_dataset)
    network = nx.read_graphml(export(example_dataset, "graphml", tmp_path / "graph.graphml"))
    assert set(network.nodes) == {node["id"] for node in nodes} and len(nodes) > len(network.edges) / 2
    on_page = sorted((edge["from"], edge["relation"], edge["to"], edge["support"]) for edge in edges)
    in_file = sorted((u, d["relation"], v, d["weight"]) for u, v, d in network.edges(data=True))
    assert in_file == on_page
    stats = graph_stats(example_dataset)
    assert sum(stats.relations.values()) == len(on_page) == len(relation_edges(example_dataset))


def test_a_symmetric_pair_stated_both_ways_is_one_edge_weighted_by_its_videos(tmp_path, schema):
    dataset = new_dataset()
    amazon, anthropic = Entity("Amazon", "Company"), Entity("Anthropic", "Company")
    for number, (subject, obj) in enumerate([(amazon, anthropic), (anthropic, amazon), (amazon, anthropic)]):
        quote = f"Amazon and Anthropic work together, video {number}"
        document = Document(id=f"video{number:07d}", source=f"{number}.md", text=quote, title="t")
        evidence = Evidence(document.id, 0, len(quote), quote)
        add_extraction(
            dataset, Extraction(document, (), (Assertion(subject, "partnerOf", obj, 0.8, evidence, "rules"),)), schema
        )
    network = nx.read_graphml(export(dataset, "graphml", tmp_path / "graph.graphml"))
    assert [(d["relation"], d["weight"], d["symmetric"]) for _, _, d in network.edges(data=True)] == [
        ("partnerOf", 3, True)
    ]
    assert graph_stats(dataset).relations == {"partnerOf": 1}


def test_the_quote_an_edge_shows_is_the_most_confident_then_the_shortest(schema):
    dataset = new_dataset()
    amazon, anthropic = Entity("Amazon", "Company"), Entity("Anthropic", "Company")
    said = [
        ("video00001", "Amazon is a partner of Anthropic, they said at length", 0.7),
        ("video00002", "Amazon partners Anthropic", 0.7),
        ("video00003", "Amazon and Anthropic, a weak hint", 0.5),
    ]
    for document_id, quote, confidence in said:
        document = Document(id=document_id, source=f"{document_id}.md", text=quote, title="t")
        evidence = Evidence(document_id, 0, len(quote), quote)
        assertion = Assertion(amazon, "partnerOf", anthropic, confidence, evidence, "rules")
        add_extraction(dataset, Extraction(document, (), (assertion,)), schema)
    [edge] = relation_edges(dataset)
    assert (edge.quote, edge.confidence, edge.support) == ("Amazon partners Anthropic", 0.7, 3)


def test_entity_network_in_memory(example_dataset):
    network = entity_network(example_dataset)
    assert network.nodes[AMAZON] == {
        "label": "Amazon",
        "type": "Company",
        "documents": 1,
        "aliases": [],
        "color": SCHEMA.entity_types["Company"].colour,
    }
    assert any(d["relation"] == "partnerOf" for d in network.get_edge_data(AMAZON, ANTHROPIC).values())


def test_csv_has_header_and_rows(example_dataset, tmp_path):
    path = tmp_path / "relations.csv"
    export(example_dataset, "csv", path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0][:4] == ["subject", "subject_type", "relation", "object"]
    assert "\nAmazon,Company,partnerOf,Anthropic," in text
    assert len(rows) - 1 == len(_relation_pairs(example_dataset))
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
