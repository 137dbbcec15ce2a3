"""The property-graph export: neo4j-admin's CSV headers, a LOAD CSV script, and the same counts as
the page once loaded into a real embedded graph database that reads Cypher and CSV (Ladybug, the
continuation of Kùzu)."""

from __future__ import annotations

import csv
import re

import ladybug
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.export import export
from graph.export.network import network_data
from graph.export.property_graph import NODES, RELATIONSHIPS, SCRIPT
from graph.formats import named
from graph.stats import graph_stats

# the CSV dialect given, not sniffed from the first rows (which may hold no quoted cell)
DIALECT = "(header=true, auto_detect=false, quote='\"', escape='\"')"
NEO4J_TYPES = {"int": "INT64", "float": "DOUBLE", "boolean": "BOOLEAN", "string[]": "STRING", "": "STRING"}


@pytest.fixture(scope="module")
def folder(example_dataset, tmp_path_factory):
    return export(example_dataset, "neo4j", tmp_path_factory.mktemp("export") / "graph.neo4j")


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_files_have_neo4j_admin_headers(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted([NODES, RELATIONSHIPS, SCRIPT])
    nodes, relationships = (next(csv.reader((folder / name).open(encoding="utf-8"))) for name in (NODES, RELATIONSHIPS))
    assert nodes[0] == "iri:ID" and ":LABEL" in nodes
    assert relationships[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert (
        "weight:int" in relationships and "confidence:float" in relationships and "symmetric:boolean" in relationships
    )
    typed = [column.partition(":")[2] for column in nodes + relationships if not column.startswith(":")]
    assert set(typed) <= {"ID", "int", "float", "boolean", "string[]", ""}


def test_nodes_and_relationships_are_those_of_the_page(folder, example_dataset):
    page_nodes, page_edges, _ = network_data(example_dataset)
    nodes, relationships = _rows(folder / NODES), _rows(folder / RELATIONSHIPS)
    assert {row["iri:ID"] for row in nodes} == {node["id"] for node in page_nodes}
    assert all(row[":LABEL"] == f"Entity;{row['type']}" for row in nodes)
    on_page = sorted((edge["from"], edge["relation"], edge["to"], str(edge["support"])) for edge in page_edges)
    assert sorted((r[":START_ID"], r[":TYPE"], r[":END_ID"], r["weight:int"]) for r in relationships) == on_page


def test_the_script_loads_every_label_and_type_from_the_headers(folder):
    script = (folder / SCRIPT).read_text(encoding="utf-8")
    headers = {column for name in (NODES, RELATIONSHIPS) for column in next(csv.reader((folder / name).open()))}
    assert set(re.findall(r"row\.`([^`]+)`", script)) <= headers
    types = {row["type"] for row in _rows(folder / NODES)}
    relations = {row[":TYPE"] for row in _rows(folder / RELATIONSHIPS)}
    assert script.count("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'") == len(types) > 3
    assert script.count("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv'") == len(relations) > 3
    assert "CREATE (source)-[:`partnerOf` {" in script and "toInteger(row.`weight:int`)" in script


def test_an_embedded_graph_database_loads_the_counts_of_the_page(folder, example_dataset, tmp_path):
    connection = ladybug.Connection(ladybug.Database(str(tmp_path / "db")))
    node_columns = _load_spec(folder / NODES)
    connection.execute(
        "CREATE NODE TABLE Entity(iri STRING PRIMARY KEY, name STRING, type STRING, documents INT64, "
        "aliases STRING[], color STRING, labels STRING)"
    )
    connection.execute(
        f"COPY Entity FROM (LOAD WITH HEADERS ({node_columns}) FROM '{folder / NODES}' {DIALECT} "
        "RETURN c0, c1, c2, c3, CASE WHEN c4 IS NULL THEN CAST([] AS STRING[]) ELSE string_split(c4, ';') END, c5, c6)"
    )
    edge_columns = _load_spec(folder / RELATIONSHIPS)
    relations = sorted({row[":TYPE"] for row in _rows(folder / RELATIONSHIPS)})
    for name in relations:
        connection.execute(
            f"CREATE REL TABLE {name}(FROM Entity TO Entity, label STRING, weight INT64, confidence DOUBLE, "
            "symmetric BOOLEAN, quote STRING, link STRING)"
        )
        connection.execute(
            f"COPY {name} FROM (LOAD WITH HEADERS ({edge_columns}) FROM '{folder / RELATIONSHIPS}' {DIALECT} "
            f"WHERE c2 = '{name}' RETURN c0, c1, c3, c4, c5, c6, c7, c8)"
        )
    page_nodes, page_edges, _ = network_data(example_dataset)
    assert _one(connection, "MATCH (n:Entity) RETURN count(n)") == len(page_nodes)
    assert _one(connection, "MATCH ()-[r]->() RETURN count(r)") == len(page_edges)
    counted = {name: _one(connection, f"MATCH ()-[r:{name}]->() RETURN count(r)") for name in relations}
    assert counted == graph_stats(example_dataset).relations
    amazon = "MATCH (a:Entity {name: 'Amazon'})-[r:partnerOf]->(b) RETURN b.name, r.weight, r.symmetric, a.documents"
    assert connection.execute(amazon).get_next() == ["Anthropic", 1, True, 1]
    assert _one(connection, "MATCH (n:Entity {name: 'Claude Sonnet'}) RETURN n.aliases") == ["Claude Sonic"]


def _load_spec(path) -> str:
    """LOAD WITH HEADERS columns c0, c1 … typed as each neo4j-admin header says (arrays read as text)."""
    header = next(csv.reader(path.open(encoding="utf-8")))
    types = [
        NEO4J_TYPES.get(column.partition(":")[2] if not column.startswith(":") else "", "STRING") for column in header
    ]
    return ", ".join(f"c{i} {kind}" for i, kind in enumerate(types))


def _one(connection, query: str):
    return connection.execute(query).get_next()[0]


def test_registered_as_a_format_written_as_a_folder(example_dataset, tmp_path):
    assert named("neo4j").folder and named("neo4j").suffix == ".neo4j"
    graph = tmp_path / "graph.trig"
    export(example_dataset, "trig", graph)
    result = CliRunner().invoke(main, ["export", str(graph), "--format", "neo4j"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "graph.neo4j").iterdir()) == sorted([NODES, RELATIONSHIPS, SCRIPT])
