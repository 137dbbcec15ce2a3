"""The entity network as a property graph for Neo4j (and any database that reads its files): a folder
with nodes.csv and relationships.csv in neo4j-admin import's header format (`iri:ID`, `:LABEL`,
`:START_ID`, `:END_ID`, `:TYPE`, typed columns such as `weight:int`) and load.cypher, the same load
as LOAD CSV statements for a running server.

The nodes and relationships are those of the network page and the other network exports
(graph.export.tables.entity_network): every entity, labelled `Entity` and its type; one relationship
per relation triple, a symmetric one once per pair, with its label, weight (supporting videos),
confidence, symmetric, quote and link. The cells are written as they are (no spreadsheet escaping):
these files are for a database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset

from ..schema import Schema
from .files import write_atomic
from .tables import entity_network

NODES, RELATIONSHIPS, SCRIPT = "nodes.csv", "relationships.csv", "load.cypher"
ARRAY_DELIMITER = ";"  # neo4j-admin's default --array-delimiter
ENTITY_LABEL = "Entity"
# (column, node attribute); the :ID column also keeps the IRI as the property `iri`
NODE_COLUMNS = (
    ("iri:ID", None),
    ("name", "label"),
    ("type", "type"),
    ("documents:int", "documents"),
    ("aliases:string[]", "aliases"),
    ("color", "color"),
    (":LABEL", None),
)
EDGE_COLUMNS = (
    (":START_ID", None),
    (":END_ID", None),
    (":TYPE", "relation"),
    ("label", "label"),
    ("weight:int", "weight"),
    ("confidence:float", "confidence"),
    ("symmetric:boolean", "symmetric"),
    ("quote", "quote"),
    ("link", "link"),
)
CYPHER_VALUES = {
    "int": "toInteger(row.`{column}`)",
    "float": "toFloat(row.`{column}`)",
    "boolean": "row.`{column}` = 'true'",
    "string[]": "coalesce(split(row.`{column}`, '" + ARRAY_DELIMITER + "'), [])",  # an empty cell is null
}


def write_neo4j(dataset: Dataset, path: Path, schema: Schema | None = None) -> Path:
    """Write the folder `path`: nodes.csv, relationships.csv and load.cypher; return the folder."""
    network = entity_network(dataset, schema)
    nodes = [_node_row(iri, data) for iri, data in network.nodes(data=True)]
    edges = [_edge_row(start, end, data) for start, end, data in network.edges(data=True)]
    write_atomic(path / NODES, _csv([column for column, _ in NODE_COLUMNS], nodes))
    write_atomic(path / RELATIONSHIPS, _csv([column for column, _ in EDGE_COLUMNS], edges))
    labels = sorted({str(data["type"]) for _, data in network.nodes(data=True)})
    types = sorted({str(data["relation"]) for _, _, data in network.edges(data=True)})
    write_atomic(path / SCRIPT, load_script(labels, types))
    return path


def _node_row(iri: str, data: dict) -> list:
    cells = {**data, "aliases": ARRAY_DELIMITER.join(data["aliases"])}
    return [iri, *(cells[attribute] for _, attribute in NODE_COLUMNS[1:-1]), _labels(data["type"])]


def _labels(entity_type: str) -> str:
    return ENTITY_LABEL if entity_type == ENTITY_LABEL else f"{ENTITY_LABEL}{ARRAY_DELIMITER}{entity_type}"


def _edge_row(start: str, end: str, data: dict) -> list:
    return [start, end, *(data.get(attribute) for _, attribute in EDGE_COLUMNS[2:])]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _csv(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def load_script(labels: list[str], types: list[str]) -> str:
    """LOAD CSV statements that load the two files into Neo4j: a node per entity, labelled Entity and
    its type, and a relationship of each type."""
    lines = [
        "// Load nodes.csv and relationships.csv into Neo4j 5: put them in the server's import folder, then",
        "//   cypher-shell -f load.cypher",
        "// (neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv",
        "//  --multiline-fields=true loads the same files into a new database.)",
        f"CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.iri IS UNIQUE;",
    ]
    properties = _properties(NODE_COLUMNS[1:-1])
    for label in labels:
        lines.append(
            f"{_rows_of(NODES)} WHERE row.`:LABEL` = {_string(_labels(label))}\n"
            f"CREATE (:{_names(label)} {{iri: row.`iri:ID`, {properties}}});"
        )
    properties = _properties(EDGE_COLUMNS[3:])
    for name in types:
        lines.append(
            f"{_rows_of(RELATIONSHIPS)} WHERE row.`:TYPE` = {_string(name)}\n"
            f"MATCH (source:{ENTITY_LABEL} {{iri: row.`:START_ID`}}), (target:{ENTITY_LABEL} {{iri: row.`:END_ID`}})\n"
            f"CREATE (source)-[:{_name(name)} {{{properties}}}]->(target);"
        )
    return "\n".join(lines) + "\n"


def _rows_of(file: str) -> str:
    return f"LOAD CSV WITH HEADERS FROM 'file:///{file}' AS row WITH row"


def _properties(columns) -> str:
    parts = []
    for column, _ in columns:
        name, _, kind = column.partition(":")
        value = CYPHER_VALUES.get(kind, "row.`{column}`").format(column=column)
        parts.append(f"{_name(name)}: {value}")
    return ", ".join(parts)


def _names(label: str) -> str:
    return ENTITY_LABEL if label == ENTITY_LABEL else f"{ENTITY_LABEL}:{_name(label)}"


def _name(name: str) -> str:
    """A label, type or property name as Cypher reads it whatever it holds."""
    return "`" + name.replace("`", "``") + "`"


def _string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
