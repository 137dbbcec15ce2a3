"""The build record: `talkgraph build` says when it ran, with what, and how much the graph holds,
in a named graph of its own that a SPARQL query reads, and keeps it right as a store is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from graph.api import query
from graph.building.corpus import known_keys
from graph.cli import main
from graph.rdf import RECORD_GRAPH, extractor_iri
from graph.stores import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples"
TRANSCRIPTS = sorted((REPO / "tests" / "data" / "transcripts").glob("*.md"))[:3]


def _build(*args) -> None:
    result = CliRunner().invoke(main, ["build", *map(str, args), "-q", "--no-validate", "-j", "1"])
    assert result.exit_code == 0, result.output


def _record(graph) -> dict[str, str]:
    result = query(str(graph), "build")
    assert len(result.rows) == 1, result.rows
    return dict(zip(result.columns, result.rows[0]))


def _document_triples(path) -> int:
    """The distinct triples of the documents' graphs, the record's left out."""
    quads = ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
    return len({(q.subject, q.predicate, q.object) for q in quads if q.graph_name != ox.NamedNode(RECORD_GRAPH)})


def test_a_build_records_itself_in_a_graph_of_its_own(tmp_path, schema):
    output = tmp_path / "graph.trig"
    _build(EXAMPLE, "-o", output)
    record = _record(output)
    assert record["started"] <= record["ended"] and record["started"].startswith("20")
    assert (record["version"], record["extractor"], record["schemaHash"]) == ("0.1.0", "rules", schema.fingerprint)
    assert (record["documents"], record["extracted"], record["unchanged"], record["removed"]) == ("1", "1", "0", "0")
    assert int(record["triples"]) == _document_triples(output) > 500
    graphs = {q.graph_name.value for q in ox.parse(path=str(output), format=ox.RdfFormat.TRIG)}
    assert str(RECORD_GRAPH) in graphs
    agents = query(str(output), "SELECT ?a WHERE { ?b <http://www.w3.org/ns/prov#wasAssociatedWith> ?a }").rows
    assert agents == ((str(extractor_iri("rules")),),)


def test_the_record_of_a_turtle_file_describes_its_ontology(tmp_path):
    output = tmp_path / "graph.ttl"
    _build(EXAMPLE, "-o", output)
    text = output.read_text(encoding="utf-8")
    assert "void:vocabulary tg: ;" in text and "a void:Dataset" in text and "a prov:Activity" in text
    assert _record(output)["documents"] == "1"


def test_the_record_follows_a_store_through_incremental_builds(tmp_path):
    sources, store = tmp_path / "transcripts", f"oxigraph:{tmp_path / 'db'}"
    sources.mkdir()
    for path in TRANSCRIPTS[:2]:
        shutil.copy(path, sources)
    _build(sources, "--store", store)
    first = _record(store)
    assert (first["documents"], first["extracted"], first["unchanged"]) == ("2", "2", "0")

    _build(sources, "--store", store)  # nothing changed: the record still describes the graph
    assert _record(store) == first

    shutil.copy(TRANSCRIPTS[2], sources)
    _build(sources, "--store", store, "-o", tmp_path / "three.trig")
    added = _record(store)
    assert (added["documents"], added["extracted"], added["unchanged"], added["removed"]) == ("3", "1", "2", "0")
    assert added["started"] > first["started"]
    assert int(added["triples"]) == _document_triples(tmp_path / "three.trig") > int(first["triples"])
    assert _record(tmp_path / "three.trig") == added

    (sources / TRANSCRIPTS[0].name).unlink()
    _build(sources, "--store", store, "--prune")
    pruned = _record(store)
    assert (pruned["documents"], pruned["extracted"], pruned["unchanged"], pruned["removed"]) == ("2", "0", "2", "1")
    opened = open_store(store, create=False)
    try:
        assert len(known_keys(opened)) == 2 and str(RECORD_GRAPH) not in known_keys(opened)
    finally:
        opened.close()
