"""RDF exporters: every format re-parses and holds exactly the triples of the Turtle export."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.export import EXPORTERS, export
from graph.export.rdf_files import union
from graph.formats import FORMATS
from graph.rdf import graph_iri
from graph.stores.memory import MemoryStore

NETWORK_FORMATS = {"graphml", "gexf", "csv", "html", "neo4j"}
RDF_FORMATS = sorted(set(EXPORTERS.names()) - NETWORK_FORMATS)
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig", "nquads"}
SUFFIX = {fmt.name: fmt.suffix for fmt in FORMATS}


def _read(path, fmt) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(path, format=RDFLIB_FORMAT[fmt])
    return dataset


@pytest.fixture(scope="module")
def turtle_export(example_dataset, tmp_path_factory) -> Graph:
    path = tmp_path_factory.mktemp("turtle") / "graph.ttl"
    export(example_dataset, "turtle", path)
    return Graph().parse(path, format="turtle")


def test_the_rdf_formats():
    assert RDF_FORMATS == ["jsonld", "nquads", "nt", "trig", "turtle"]


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_reparses_with_the_triples_of_the_turtle_export(fmt, example_dataset, turtle_export, tmp_path):
    path = tmp_path / f"graph{SUFFIX[fmt]}"
    assert export(example_dataset, fmt, path) == path
    read = union(_read(path, fmt))
    assert len(read) == len(turtle_export) > 100
    assert isomorphic(read, turtle_export)
    assert isomorphic(read, union(example_dataset))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_keep_one_named_graph_per_document(fmt, example_dataset, tmp_path):
    path = tmp_path / f"graph{SUFFIX[fmt]}"
    export(example_dataset, fmt, path)
    named = {g.identifier for g in _read(path, fmt).graphs() if len(g) and "rdflib" not in str(g.identifier)}
    assert named == {graph_iri("U6bZI-0oAjc")}


def test_example_turtle_parses_in_pyoxigraph(example_dataset, turtle_export, tmp_path):
    path = tmp_path / "graph.ttl"
    export(example_dataset, "turtle", path)
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(turtle_export)
    subjects = {t.subject.value for t in triples}
    assert "https://talkgraph.dev/id/company/amazon" in subjects


@pytest.mark.parametrize(
    "fmt, oxfmt", [("nt", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)]
)
def test_other_formats_parse_in_pyoxigraph(fmt, oxfmt, example_dataset, turtle_export, tmp_path):
    path = tmp_path / f"graph{SUFFIX[fmt]}"
    export(example_dataset, fmt, path)
    quads = list(ox.parse(path=str(path), format=oxfmt))
    assert len(quads) == len(turtle_export)


def test_turtle_uses_the_project_prefixes(example_dataset, tmp_path):
    path = tmp_path / "graph.ttl"
    export(example_dataset, "turtle", path)
    text = path.read_text(encoding="utf-8")
    assert "@prefix tg: <https://talkgraph.dev/ontology#> ." in text
    assert "@prefix schema: <https://schema.org/> ." in text
    assert "tg:partnerOf" in text


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_every_minted_iri_and_vocabulary_term_is_a_prefixed_name(fmt, example_dataset, tmp_path):
    path = tmp_path / f"graph{SUFFIX[fmt]}"
    export(example_dataset, fmt, path)
    header, body = _split_header(path.read_text(encoding="utf-8"))
    bound = dict(re.findall(r"@prefix (\w+): <([^>]+)> \.", header))
    assert {"rdf", "rdfs", "owl", "xsd", "skos", "prov", "schema", "tg", "void", "dcterms"} <= set(bound)
    assert {"company", "person", "product", "aimodel", "revenuestream", "place", "claim", "document"} <= set(bound)
    assert bound["company"] == "https://talkgraph.dev/id/company/"
    written_in_full = re.findall(r"<([^>]+)>", body)
    assert written_in_full and all(iri.startswith("https://www.youtube.com/") for iri in written_in_full)
    assert "\\/" not in body
    assert "company:amazon a tg:Company" in body and "tg:partnerOf company:anthropic" in body
    assert re.search(r"^\s*claim:\w+ rdf:object ", body, re.M) and "rdf:subject company:" in body
    assert ("graph:u6bzi-0oajc {" in body) == (fmt == "trig")


def test_the_iris_stay_where_they_were(example_dataset, tmp_path):
    """Prefixes are only how a file writes an IRI: the IRIs themselves are those minted before."""
    path = tmp_path / "graph.ttl"
    export(example_dataset, "turtle", path)
    subjects = {str(s) for s in Graph().parse(path).subjects()}
    assert "https://talkgraph.dev/id/company/amazon" in subjects
    assert any(s.startswith("https://talkgraph.dev/id/claim/") for s in subjects)


def _split_header(text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    count = next(i for i, line in enumerate(lines) if not line.startswith("@prefix"))
    return "".join(lines[:count]), "".join(lines[count:])


def test_reexport_replaces_the_file(example_dataset, tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text("stale\n", encoding="utf-8")
    export(example_dataset, "nt", path)
    assert "stale" not in path.read_text(encoding="utf-8")
    assert len(Graph().parse(path, format="nt")) == len(union(example_dataset))


class QuadsOnlyStore:
    """A store that can give its quads but not an rdflib Dataset."""

    def __init__(self, dataset: Dataset):
        self.source = MemoryStore(dataset)

    def named_quads(self):
        return self.source.named_quads()

    def union_triples(self):
        return self.source.union_triples()

    def dataset(self):
        raise AssertionError("the RDF writers ask a store for its quads, not its Dataset")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads"])
def test_rdf_writers_ask_a_store_for_its_quads(fmt, example_dataset, tmp_path):
    from_store, from_dataset = tmp_path / f"store{SUFFIX[fmt]}", tmp_path / f"dataset{SUFFIX[fmt]}"
    export(QuadsOnlyStore(example_dataset), fmt, from_store)
    export(example_dataset, fmt, from_dataset)
    assert from_store.read_bytes() == from_dataset.read_bytes()


def test_export_takes_the_other_spelling_of_a_format(example_dataset, tmp_path):
    export(example_dataset, "json-ld", tmp_path / "graph.jsonld")
    assert isomorphic(union(_read(tmp_path / "graph.jsonld", "jsonld")), union(example_dataset))
