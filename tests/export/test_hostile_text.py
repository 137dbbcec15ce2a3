"""Text that becomes IRIs and labels (line breaks, quotes, <, >, control characters, NUL,
SPARQL and Turtle syntax): IRIs are minted by slugs, and every export, and the Oxigraph
store, gives back exactly the same graph, read by rdflib and by Oxigraph."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from graph.export import EXPORTERS, export
from graph.export.rdf_files import union
from graph.extract.base import Extraction
from graph.formats import FORMATS
from graph.model import Assertion, Document, Entity, Evidence, Mention
from graph.oxi import term
from graph.rdf import ID, TG, add_extraction, new_dataset
from graph.stores import open_store

HOSTILE = [
    "Line\nbreak",
    'Say "hi"',
    "<script>alert(1)</script>",
    "a > b < c",
    "NUL\x00byte",
    "esc\x1b[31m",
    "del\x7f",
    "} } ; DROP ALL ; INSERT DATA { <a> <b> <c>",
    '""" ; . @prefix x: <y> .',
    "\\u0022",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    "+2",
    "-1",
    "\u2028sep",
    "\ufeffbom",
    "\ud800lone",
    "🤖",
    " ",
]
SUFFIX = {fmt.name: fmt.suffix for fmt in FORMATS}
OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
FORBIDDEN_IN_IRI = set(' <>"{}|\\^`\n\r\t\x00\x1b\x7f')


@pytest.fixture(scope="module")
def hostile_dataset(schema) -> Dataset:
    dataset = new_dataset()
    for number, text in enumerate(HOSTILE):
        quote = f"{text} works with {text}"
        document = Document(
            id=f"doc{number}{text}",
            source=f"{text}.md",
            text=quote,
            title=text,
            author=text,
            video_id=text,
            url=f"https://www.youtube.com/watch?v={text}",
            published="2025-01-02",
            duration_seconds=60,
        )
        subject, obj = Entity(text, "Company"), Entity(f"{text} Labs", "Company")
        assertion = Assertion(
            subject,
            "partnerOf",
            obj,
            0.8,
            Evidence(document.id, 0, len(quote), quote, 12.0),
            f"rules{text}",
            surface_forms=((subject, f"{text}'s"),),
        )
        mentions = (Mention(0, len(text), text, subject),)
        add_extraction(dataset, Extraction(document, mentions, (assertion,)), schema)
    return dataset


def test_every_iri_is_minted_safe(hostile_dataset):
    iris = {t for quad in hostile_dataset.quads() for t in quad[:3] if isinstance(t, URIRef)}
    ours = {iri for iri in iris if str(iri).startswith(ID)}
    assert len(ours) > 3 * len(HOSTILE)
    for iri in iris:
        assert not FORBIDDEN_IN_IRI & set(str(iri)), iri
        ox.NamedNode(str(iri))  # Oxigraph validates the IRI


@pytest.mark.parametrize("fmt", sorted(RDFLIB))
def test_rdf_exports_reparse_in_rdflib_and_oxigraph(hostile_dataset, tmp_path, fmt):
    path = export(hostile_dataset, fmt, tmp_path / f"graph{SUFFIX[fmt]}")
    read = Dataset(default_union=True)
    read.parse(path, format=RDFLIB[fmt])
    expected = union(hostile_dataset)
    assert isomorphic(union(read), expected)
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX[fmt])}
    assert parsed == {(term(s), term(p), term(o)) for s, p, o in expected}


def test_the_oxigraph_store_keeps_every_triple(hostile_dataset, tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        store.replace_graphs(hostile_dataset)
        back = store.dataset()
    finally:
        store.close()
    assert isomorphic(union(back), union(hostile_dataset))


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_keep_the_labels(hostile_dataset, tmp_path, fmt, reader):
    network = reader(export(hostile_dataset, fmt, tmp_path / f"graph.{fmt}"))
    labels = {data["label"] for _, data in network.nodes(data=True)}
    assert "Line break" in labels and "<script>alert(1)</script>" in labels and "NUL byte" in labels
    assert len(network.edges) == len(_pairs(hostile_dataset))


def test_csv_cells_never_start_a_formula(hostile_dataset, tmp_path):
    text = export(hostile_dataset, "csv", tmp_path / "relations.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    pairs = _pairs(hostile_dataset)
    assert {(row[8], row[9]) for row in rows[1:]} == pairs and len(pairs) > 10
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(A1)" in cells and "'+2" in cells and "'-1" in cells


def test_the_property_graph_keeps_the_names_as_they_are(hostile_dataset, tmp_path):
    """Its files are for a database: the CSV holds the names unchanged, the script names none of them."""
    folder = export(hostile_dataset, "neo4j", tmp_path / "graph.neo4j")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as file:
        names = {row["name"] for row in csv.DictReader(file)}
    assert {"Line break", "<script>alert(1)</script>", '=HYPERLINK("http://x")'} <= names
    with (folder / "relationships.csv").open(encoding="utf-8", newline="") as file:
        assert {(row[":START_ID"], row[":END_ID"]) for row in csv.DictReader(file)} == _pairs(hostile_dataset)
    assert "HYPERLINK" not in (folder / "load.cypher").read_text(encoding="utf-8")


def _pairs(dataset) -> set[tuple[str, str]]:
    """The partners, once a pair (partnerOf is symmetric), in IRI order as the network exports write them."""
    return {tuple(sorted((str(s), str(o)))) for s, o in dataset.subject_objects(TG.partnerOf)}


def test_every_format_is_covered():
    # html, the network page, has hostile-text tests of its own in test_network.py and test_network_browser.py
    assert set(RDFLIB) | {"graphml", "gexf", "csv", "html", "neo4j"} == set(EXPORTERS.names())
