"""Arbitrary Unicode through reader → RDF → every export → parse again: the same graph, in rdflib
and in Oxigraph; the network exports keep every label and the CSV never starts a formula."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset
from rdflib.compare import isomorphic

from graph.building import build
from graph.export import export
from graph.export.rdf_files import union
from graph.export.tables import relation_edges
from graph.oxi import term

RDF_FORMATS = {
    "turtle": (".ttl", "turtle", ox.RdfFormat.TURTLE),
    "nt": (".nt", "nt", ox.RdfFormat.N_TRIPLES),
    "trig": (".trig", "trig", ox.RdfFormat.TRIG),
    "nquads": (".nq", "nquads", ox.RdfFormat.N_QUADS),
    "jsonld": (".jsonld", "json-ld", ox.RdfFormat.JSON_LD),
}
# Names the gazetteer knows, so that the text makes entities and relations around the noise.
FACTS = [
    "Amazon is working with Anthropic.",
    "Microsoft competes with Google.",
    "Nvidia supplies Microsoft.",
    "Satya Nadella leads Microsoft.",
    "OpenAI develops ChatGPT.",
]
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)  # every code point a file can hold
NOISY_TEXT = st.text(
    st.sampled_from(
        list("\n\r\t\"'<>&\\{}|^`=+-@#%;,.") + ["\x00", "\x1b", "\x7f", "\u2028", "\ufeff", "\U0001f916", "é"]
    ),
    max_size=20,
)
TEXT = st.one_of(ANY_TEXT, NOISY_TEXT)


@st.composite
def transcripts(draw) -> tuple[str, bytes, str, bytes | None]:
    """(file name, its bytes, the sidecar's name, the sidecar's bytes) of a Markdown or JSON transcript."""
    title, author, video_id = draw(TEXT), draw(TEXT), draw(TEXT)
    pieces = draw(st.lists(st.one_of(st.sampled_from(FACTS), TEXT), min_size=1, max_size=6))
    pieces.append(FACTS[draw(st.integers(0, len(FACTS) - 1))])
    if draw(st.booleans()):
        front = yaml.safe_dump(
            {"title": title, "author": author, "video_id": video_id, "entities": {"companies": [draw(TEXT)]}},
            allow_unicode=True,
        )
        body = "\n".join(pieces).replace("\x00", " ")  # a NUL byte marks a binary file, refused
        return "talk.md", f"---\n{front}---\n{body}\n".encode("utf-8", "surrogatepass"), "", None
    entries = [{"text": text, "start": second, "duration": 1} for second, text in enumerate(pieces)]
    info = {
        "id": video_id,
        "title": title,
        "channel": author,
        "webpage_url": draw(st.one_of(TEXT, st.just("https://www.youtube.com/watch?v=abcDEF12345"))),
    }
    return "talk.json", json.dumps(entries).encode(), "talk.info.json", json.dumps(info).encode()


def _oxigraph_triples(path: Path, fmt: ox.RdfFormat) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcript=transcripts())
def test_any_transcript_round_trips_through_every_export(transcript):
    name, content, sidecar_name, sidecar = transcript
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / name).write_bytes(content)
        if sidecar is not None:
            (folder / sidecar_name).write_bytes(sidecar)
        dataset, report = build([folder / name])
        assert report.documents == 1 and not report.failures, report.failures
        built = union(dataset)
        assert len(built) > 5
        expected = {(term(s), term(p), term(o)) for s, p, o in built}
        for fmt, (suffix, rdflib_format, ox_format) in RDF_FORMATS.items():
            path = export(dataset, fmt, folder / f"graph{suffix}")
            read = Dataset(default_union=True)
            read.parse(path, format=rdflib_format)
            assert isomorphic(union(read), built), fmt
            assert _oxigraph_triples(path, ox_format) == expected, fmt
        _check_network_exports(dataset, folder)


def _check_network_exports(dataset, folder: Path) -> None:
    edges = relation_edges(dataset)
    assert edges  # the facts around the noise were read
    labels = {e.subject: e.subject_label for e in edges} | {e.object: e.object_label for e in edges}
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        network = reader(export(dataset, fmt, folder / f"graph.{fmt}"))
        # every entity is a node, those with a relation among them
        assert labels.items() <= {node: data["label"] for node, data in network.nodes(data=True)}.items(), fmt
    text = export(dataset, "csv", folder / "graph.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(edges) + 1
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
