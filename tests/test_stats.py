"""Counts for talkgraph stats."""

from __future__ import annotations

from graph.stats import graph_stats


def test_example_stats(example_dataset, schema):
    stats = graph_stats(example_dataset)
    assert stats.documents == 1
    assert stats.entities["Company"] > 5
    assert list(stats.entities) == list(schema.entity_types)
    assert "partnerOf" in stats.relations
    assert stats.relations["partnerOf"] == 2
    assert stats.claims >= sum(stats.relations.values())
    assert all(n > 0 for n in stats.relations.values())
    labels = [label for label, _, _ in stats.most_connected]
    assert "Amazon" in labels and "OpenAI" in labels
    degrees = [n for _, _, n in stats.most_connected]
    assert degrees == sorted(degrees, reverse=True)
    assert sum(degrees) == 2 * sum(stats.relations.values())


def test_report(example_dataset):
    stats = graph_stats(example_dataset)
    lines = stats.report(top=3).splitlines()
    assert lines[0] == "documents: 1"
    assert lines[1] == f"claims: {stats.claims}"
    assert lines[2] == f"background facts (not said): {stats.background}"
    assert lines[3] == "entities by type:"
    assert any(line.split() == ["partnerOf", "2"] for line in lines)
    most = lines[lines.index("most connected:") + 1 :]
    assert len(most) == 3


def test_background_facts_are_counted_apart_from_claims(example_dataset):
    from rdflib import Literal

    from graph.rdf import TG

    stats = graph_stats(example_dataset)
    known = set(example_dataset.subjects(TG.basis, Literal("known")))
    assert stats.background == len(known) > 0
    assert stats.claims == len(set(example_dataset.subjects(TG.basis, Literal("said"))))


def test_empty_stats():
    from graph.rdf import new_dataset

    stats = graph_stats(new_dataset())
    assert (stats.documents, stats.claims, stats.relations, stats.most_connected) == (0, 0, {}, [])
    assert set(stats.entities.values()) == {0}


def test_json_has_the_reports_counts_as_numbers(example_dataset):
    import json

    stats = graph_stats(example_dataset)
    counts = json.loads(stats.as_json(top=3))
    assert (counts["documents"], counts["claims"]) == (stats.documents, stats.claims)
    assert counts["entities"] == stats.entities and counts["relations"] == stats.relations
    assert counts["most_connected"] == [
        {"label": label, "type": etype, "relations": degree} for label, etype, degree in stats.most_connected[:3]
    ]


def test_the_stats_command_writes_json(tmp_path, example_dataset):
    import json

    from click.testing import CliRunner

    from graph.cli import main
    from graph.export import export

    path = export(example_dataset, "turtle", tmp_path / "graph.ttl")
    result = CliRunner().invoke(main, ["stats", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 1
