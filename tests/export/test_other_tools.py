"""Every export loads in other tools with the counts talkgraph means: the RDF formats in rdflib,
pyoxigraph, Raptor's rapper and Serd's serdi (Debian's raptor2-utils and serdi, installed by .ci/run;
skipped where missing), JSON-LD in rdflib, pyld and pyoxigraph, GraphML in networkx and igraph, GEXF
in networkx (no other GEXF reader is packaged on PyPI or in Debian in a kept state)."""

from __future__ import annotations

import json
import shutil
import subprocess

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Dataset, Graph

from graph.export import export
from graph.export.network import network_data
from graph.export.rdf_files import union
from graph.formats import named

# format: (rdflib's name, Oxigraph's, rapper's and serdi's input syntax, the line syntax they write)
RDF = {
    "turtle": ("turtle", ox.RdfFormat.TURTLE, "turtle", "ntriples"),
    "nt": ("nt", ox.RdfFormat.N_TRIPLES, "ntriples", "ntriples"),
    "trig": ("trig", ox.RdfFormat.TRIG, "trig", "nquads"),
    "nquads": ("nquads", ox.RdfFormat.N_QUADS, "nquads", "nquads"),
}


@pytest.fixture(scope="module")
def expected(example_dataset) -> dict[str, int]:
    """Triples in a file of the union, quads in one of named graphs, entities and relations on the page."""
    nodes, edges, _ = network_data(example_dataset)
    quads = sum(len(graph) for graph in example_dataset.graphs())
    return {"triples": len(union(example_dataset)), "quads": quads, "nodes": len(nodes), "edges": len(edges)}


@pytest.fixture(scope="module")
def files(example_dataset, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    return lambda fmt: export(example_dataset, fmt, folder / f"graph{named(fmt).suffix}")


def _statements(fmt: str, expected: dict[str, int]) -> int:
    return expected["quads" if named(fmt).keeps_graphs else "triples"]


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_rdflib_reads_every_statement(fmt, files, expected):
    dataset = Dataset()
    dataset.parse(files(fmt), format=RDF[fmt][0])
    assert sum(len(graph) for graph in dataset.graphs()) == _statements(fmt, expected)


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_pyoxigraph_reads_every_statement(fmt, files, expected):
    assert len(list(ox.parse(path=str(files(fmt)), format=RDF[fmt][1]))) == _statements(fmt, expected)


@pytest.mark.parametrize("tool", ["rapper", "serdi"])
@pytest.mark.parametrize("fmt", sorted(RDF))
def test_raptor_and_serd_read_every_statement(tool, fmt, files, expected):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian's {'raptor2-utils' if tool == 'rapper' else 'serdi'})")
    _, _, syntax, lines = RDF[fmt]
    command = [tool, "-q", "-i", syntax, "-o", lines] if tool == "rapper" else [tool, "-i", syntax, "-o", lines]
    written = subprocess.run([*command, str(files(fmt))], check=True, capture_output=True, text=True).stdout
    assert len([line for line in written.splitlines() if line.strip()]) == _statements(fmt, expected)


def test_json_ld_reads_alike_in_rdflib_pyld_and_pyoxigraph(files, expected):
    path = files("jsonld")
    assert len(Graph().parse(path, format="json-ld")) == expected["triples"]
    quads = jsonld.to_rdf(json.loads(path.read_text(encoding="utf-8")), {"format": "application/n-quads"})
    assert len(quads.splitlines()) == expected["triples"]
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))) == expected["triples"]


def test_graphml_reads_alike_in_networkx_and_igraph(files, expected):
    path = files("graphml")
    network = nx.read_graphml(path)
    assert (len(network), network.number_of_edges()) == (expected["nodes"], expected["edges"])
    graph = igraph.Graph.Read_GraphML(str(path))
    assert (graph.vcount(), graph.ecount()) == (expected["nodes"], expected["edges"])
    assert graph.is_directed() and set(graph.es["relation"]) == {d["relation"] for _, _, d in network.edges(data=True)}
    assert sorted(graph.es["weight"]) == sorted(d["weight"] for _, _, d in network.edges(data=True))
    assert sorted(graph.vs["label"]) == sorted(d["label"] for _, d in network.nodes(data=True))


def test_gexf_reads_in_networkx(files, expected):
    network = nx.read_gexf(files("gexf"))
    assert (len(network), network.number_of_edges()) == (expected["nodes"], expected["edges"])
    assert all("viz" in data and "color" in data["viz"] for _, data in network.nodes(data=True))
