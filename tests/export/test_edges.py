"""graph.export.edges: the entity network read from RDF once, for the page and the tables alike."""

from __future__ import annotations

from rdflib import RDF, RDFS, Dataset, Literal, URIRef

from graph.export.edges import read_network, union
from graph.export.network import network_data
from graph.export.tables import relation_edges
from graph.rdf import TG

A, B = URIRef("https://talkgraph.dev/id/company/a"), URIRef("https://talkgraph.dev/id/company/b")


def _partners_both_ways() -> Dataset:
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:x-test:doc"))
    for node, label in ((A, "A"), (B, "B")):
        graph.add((node, RDF.type, TG.Company))
        graph.add((node, RDF.type, TG.Product))
        graph.add((node, RDFS.label, Literal(label)))
    graph.add((A, TG.partnerOf, B))
    graph.add((B, TG.partnerOf, A))
    graph.add((A, TG.develops, B))
    return dataset


def test_symmetric_relations_fold_to_one_edge_a_pair(schema):
    folded = read_network(union(_partners_both_ways()), schema, fold_symmetric=True)
    as_stored = read_network(union(_partners_both_ways()), schema, fold_symmetric=False)
    assert sorted(key[1] for key in folded.edges) == ["develops", "partnerOf"]
    assert sorted(key[1] for key in as_stored.edges) == ["develops", "partnerOf", "partnerOf"]


def test_the_main_type_is_the_schemas_first(schema):
    network = read_network(union(_partners_both_ways()), schema, fold_symmetric=True)
    assert network.entities[A].type == "Company"


def test_the_page_and_the_tables_show_the_same_relations(example_dataset, schema):
    _, page_edges, _ = network_data(example_dataset)
    on_page = {(edge["from"], edge["relation"], edge["to"]) for edge in page_edges}
    in_tables = set()
    for row in relation_edges(example_dataset):
        ends = (row.subject, row.object)
        if schema.relations[row.relation].symmetric:  # the page draws a symmetric relation once, ends in order
            ends = tuple(sorted(ends))
        in_tables.add((ends[0], row.relation, ends[1]))
    assert in_tables == on_page and len(on_page) > 20


def test_known_claims_are_background_apart_from_the_edges_and_add_no_entity(schema):
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:x-test:doc"))
    for node, label in ((A, "A"), (B, "B")):
        graph.add((node, RDF.type, TG.Company))
        graph.add((node, RDFS.label, Literal(label)))
    nobody = URIRef("https://talkgraph.dev/id/company/nobody")
    for number, obj in enumerate((B, nobody)):
        claim = URIRef(f"urn:x-test:claim{number}")
        for predicate, value in [
            (RDF.type, TG.Claim),
            (RDF.subject, A),
            (RDF.predicate, TG.partnerOf),
            (RDF.object, obj),
            (TG.basis, Literal("known")),
        ]:
            graph.add((claim, predicate, value))
    network = read_network(union(dataset), schema, fold_symmetric=True)
    assert network.edges == {} and set(network.entities) == {A, B}
    assert [(key, len(edge.claims)) for key, edge in network.background.items()] == [((A, "partnerOf", B), 1)]
