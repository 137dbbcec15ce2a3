"""A relation added to a copy of schema/relations.yaml flows through every command with no code
change: build reads it, the regenerated shapes validate it, and stats, eval, the network page and
the network exports name it."""

from __future__ import annotations

import csv
import json
import re
import shutil

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from graph import vocabulary
from graph.building import build
from graph.cli import main
from graph.export import export
from graph.export.network import network_data
from graph.rdf import TG
from graph.schema import load_schema
from graph.validate import validate

LICENSES = {
    "label": "licenses",
    "colour": "#0b6e4f",
    "comment": "Has the right to use another's model or product.",
    "subject": ["Company"],
    "object": ["AIModel", "Product"],
    "confidence": 0.8,
    "cues": ["licenses", "licensed", "is licensing"],
}
SAID = "Apple licenses Gemini for the new Siri, and the deal is worth a billion dollars a year."


@pytest.fixture(scope="module")
def licensing(tmp_path_factory, schema):
    """A schema folder with the relation `licenses` (its generated files rewritten) and a graph built under it."""
    folder = tmp_path_factory.mktemp("licensing") / "schema"
    shutil.copytree(schema.directory, folder)
    relations = folder / "relations.yaml"
    doc = yaml.safe_load(relations.read_text(encoding="utf-8"))
    doc["relations"]["licenses"] = LICENSES
    relations.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    vocabulary.write(load_schema(folder))
    new_schema = load_schema(folder)
    transcript = folder.parent / "apple.md"
    transcript.write_text(f"---\ntitle: Apple and Google\nvideo_id: appleGoogle1\n---\n\n{SAID}\n", encoding="utf-8")
    dataset, report = build([transcript], schema=new_schema)
    assert report.documents == 1 and not report.failures
    graph_file = folder.parent / "graph.trig"
    export(dataset, "trig", graph_file)
    return new_schema, dataset, graph_file


def run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_build_finds_the_new_relation(licensing):
    _, dataset, _ = licensing
    pairs = {(str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1]) for s, o in dataset.subject_objects(TG.licenses)}
    assert ("apple", "gemini") in pairs


def test_the_regenerated_shapes_know_it(licensing, schema):
    new_schema, dataset, _ = licensing
    assert validate(dataset, new_schema).conforms
    stale = validate(dataset, schema).report()  # the default shapes do not know the relation
    assert "a relation of relations.yaml" in stale


def test_stats_count_it(licensing):
    new_schema, _, graph_file = licensing
    assert re.search(r"^  licenses\s+1$", run("stats", graph_file, "--schema", new_schema.directory), re.M)


def test_eval_scores_it(licensing, tmp_path):
    new_schema, _, graph_file = licensing
    gold = tmp_path / "gold.yaml"
    gold.write_text("entities:\n  Company: [Apple]\ntriples:\n  - [Apple, licenses, Gemini]\n", encoding="utf-8")
    scores = json.loads(run("eval", graph_file, gold, "--json", "--schema", new_schema.directory))
    assert scores["per_relation"]["licenses"]["tp"] == 1


def test_the_network_page_shows_it_in_its_colour(licensing, tmp_path):
    new_schema, dataset, graph_file = licensing
    _, edges, _ = network_data(dataset, schema=new_schema, relations=["licenses"])
    [edge] = edges
    assert (edge["label"], edge["color"], edge["arrows"]) == ("licenses", "#0b6e4f", "to")
    page = tmp_path / "page.html"
    run("viz", graph_file, "-o", page, "--relations", "licenses", "--schema", new_schema.directory)
    assert '"name":"licenses","label":"licenses","color":"#0b6e4f","directed":true' in page.read_text(encoding="utf-8")


def test_the_network_exports_carry_it(licensing, tmp_path):
    new_schema, dataset, _ = licensing
    network = nx.read_graphml(export(dataset, "graphml", tmp_path / "graph.graphml"))
    assert "licenses" in {data["relation"] for _, _, data in network.edges(data=True)}
    with export(dataset, "csv", tmp_path / "relations.csv").open(encoding="utf-8") as rows:
        assert ("Apple", "licenses", "Gemini") in {
            (r["subject"], r["relation"], r["object"]) for r in csv.DictReader(rows)
        }
