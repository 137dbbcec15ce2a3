"""build(): read → extract → map, with progress and per-file failures."""
from __future__ import annotations

import pytest
from rdflib import RDF

from graph.errors import SourceError, TalkgraphError
from graph.pipeline import BuildReport, build
from graph.rdf import SDO, TG, graph_iri
from graph.sources import Failure

GOOD = "Amazon is working with Anthropic. Microsoft has OpenAI in the fold. Sam Altman runs OpenAI."


@pytest.fixture
def folder(tmp_path, write_transcript):
    write_transcript(GOOD, name="talks/b-good.md")
    broken = tmp_path / "talks" / "a-broken.md"
    broken.write_text("---\ntitle: never closed\n\nAmazon is working with Anthropic.\n", encoding="utf-8")
    return tmp_path / "talks"


def test_good_and_broken(folder, schema):
    dataset, report = build([folder], schema=schema)
    assert isinstance(report, BuildReport)
    assert report.documents == 1
    assert len(report.failures) == 1
    failure = report.failures[0]
    assert isinstance(failure, Failure)
    assert failure.path == folder / "a-broken.md"
    assert "a-broken.md" in failure.reason and "never closed" in failure.reason
    assert report.assertions == 3
    assert report.words == len(GOOD.split())
    assert report.seconds > 0
    assert len(set(dataset.subjects(RDF.type, SDO.VideoObject))) == 1
    assert len(set(dataset.subjects(RDF.type, TG.Claim))) == 3
    assert {g.identifier for g in dataset.graphs() if len(g)} == {graph_iri("abcDEF12345")}


def test_strict_stops_at_the_first_failure(folder, schema):
    calls = []
    dataset, report = build([folder], schema=schema, strict=True, progress=lambda *a: calls.append(a))
    assert report.documents == 0
    assert [f.path.name for f in report.failures] == ["a-broken.md"]
    assert len(dataset) == 0
    # nothing after the failure is read or reported
    assert calls in ([], [(str(folder / "a-broken.md"), 1, 2, 0)])


def test_progress_callback(folder, schema):
    calls = []
    build([folder], schema=schema, progress=lambda path, done, total, words: calls.append((path, done, total, words)))
    assert calls == [(str(folder / "a-broken.md"), 1, 2, 0), (str(folder / "b-good.md"), 2, 2, len(GOOD.split()))]


def test_missing_source_and_unknown_extractor(tmp_path, schema):
    with pytest.raises(SourceError, match="no such file or folder"):
        build([tmp_path / "missing"], schema=schema)
    with pytest.raises(TalkgraphError, match="unknown extractor 'nonesuch'"):
        build([tmp_path], schema=schema, extractor="nonesuch")


def test_empty_folder(tmp_path, schema):
    dataset, report = build([tmp_path], schema=schema)
    assert (report.documents, report.failures, len(dataset)) == (0, [], 0)
