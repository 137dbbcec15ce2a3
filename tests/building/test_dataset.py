"""build(): read → extract → map, with progress and per-file failures."""

from __future__ import annotations

import gc

import pytest
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from graph.building import BuildReport, build
from graph.errors import SourceError, TalkgraphError
from graph.extract.rules import RulesExtractor
from graph.rdf import SDO, TG, graph_iri
from graph.sources import Failure
from graph.stores import open_store
from graph.validate import validate

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


def test_strict_extracts_and_stores_nothing_once_a_file_failed(tmp_path, write_transcript, schema):
    """The failure comes after a good file: --strict still builds nothing of it."""
    from graph.stores import open_store

    write_transcript(GOOD, name="talks/a-good.md")
    (tmp_path / "talks" / "b-broken.md").write_text("---\ntitle: x\n", encoding="utf-8")
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        dataset, report = build([tmp_path / "talks"], schema=schema, strict=True, store=store)
        assert (report.documents, report.extracted, len(report.failures)) == (1, 0, 1)
        assert len(dataset) == 0
        assert len(store.dataset()) == 0
    finally:
        store.close()


def test_prune_keeps_the_graph_of_a_file_that_failed(tmp_path, write_transcript, schema):
    """A file that cannot be read this time is not gone: its graph stays in the store."""
    from graph.stores import open_store

    path = write_transcript(GOOD, name="talks/talk.md")
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        build([tmp_path / "talks"], schema=schema, store=store)
        before = len(store.dataset())
        path.write_bytes(b"")  # emptied by a crashed editor
        _, report = build([tmp_path / "talks"], schema=schema, store=store, prune=True)
        assert (len(report.failures), report.removed) == (1, 0)
        assert len(store.dataset()) == before > 0
    finally:
        store.close()


def test_a_huge_file_is_hashed_and_refused_without_being_loaded(tmp_path):
    """A 1 GB file (sparse: nothing is written to disk) costs no more memory than a small one."""
    import json
    import subprocess
    import sys

    huge = tmp_path / "talks" / "huge.txt"
    huge.parent.mkdir()
    with huge.open("wb") as file:
        file.truncate(1_000_000_000)
    # the peak of this process alone: ru_maxrss would count the test process it was forked from
    code = (
        "import json, re, sys; from graph.building import build; "
        "_, report = build([sys.argv[1]]); "
        "peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
        "print(json.dumps([[f.reason for f in report.failures], int(peak) / 1024]))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(huge.parent)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    reasons, megabytes = json.loads(done.stdout)
    assert reasons == [f"{huge}: 1,000 MB is too big for a transcript (the limit is 100 MB); split it into parts"]
    assert megabytes < 500


def test_min_confidence_leaves_out_weaker_facts(folder, schema):
    from graph.evaluate import predicted

    everything, _ = build([folder / "b-good.md"], schema=schema)
    confident, report = build([folder / "b-good.md"], schema=schema, min_confidence=0.8)
    confidences = [float(o) for o in everything.objects(None, TG.confidence)]
    assert min(confidences) < 0.8 <= max(confidences)
    kept = [float(o) for o in confident.objects(None, TG.confidence)]
    assert kept and all(c >= 0.8 for c in kept)
    assert len(predicted(confident)[0]) < len(predicted(everything)[0])
    assert report.assertions == len(kept)


def test_an_unchanged_store_never_builds_the_extractor(tmp_path, monkeypatch):
    talk = tmp_path / "talk.md"
    talk.write_text("---\ntitle: T\n---\nAmazon works with Anthropic.\n", encoding="utf-8")
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        build([talk], store=store)
        prepared = []
        monkeypatch.setattr(RulesExtractor, "prepare", lambda self: prepared.append(self))
        _, report = build([talk], store=store)
        assert report.unchanged == 1 and prepared == []
        talk.write_text("---\ntitle: T\n---\nGoogle works with Meta.\n", encoding="utf-8")
        _, report = build([talk], store=store)
        assert report.extracted == 1 and len(prepared) == 1
    finally:
        store.close()


@pytest.mark.parametrize("enabled", [True, False])
def test_build_leaves_the_garbage_collector_as_it_found_it(folder, schema, enabled):
    before = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        build([folder], schema=schema, jobs=2)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()


@pytest.mark.parametrize("jobs", [1, 2])
def test_without_named_graphs_the_default_graph_holds_the_same_union(tmp_path, write_transcript, schema, jobs):
    write_transcript(GOOD, name="a.md", video_id="abcDEF12345")
    write_transcript(
        "Google works with Meta. Nvidia competes with AMD.",
        name="b.md",
        video_id="ghiJKL67890",
        youtube_url="https://www.youtube.com/watch?v=ghiJKL67890",
    )
    named, _ = build([tmp_path], schema=schema, jobs=jobs)
    union, report = build([tmp_path], schema=schema, jobs=jobs, named_graphs=False)
    assert report.documents == 2
    assert [g.identifier for g in union.graphs() if len(g)] == [union.default_graph.identifier]
    assert isomorphic(union.default_graph, _union_of(named))
    assert validate(union, schema).violations == validate(named, schema).violations == ()


def test_a_store_needs_named_graphs(tmp_path, write_transcript):
    write_transcript(GOOD)
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        with pytest.raises(ValueError, match="named_graphs=True"):
            build([tmp_path], store=store, named_graphs=False)
    finally:
        store.close()


def _union_of(dataset):
    union = Graph()
    union.addN((s, p, o, union) for s, p, o in dataset.triples((None, None, None)))
    assert len(union) > 20
    return union


def test_later_transcripts_of_one_video_under_one_file_name_keep_a_graph_each(tmp_path, write_transcript, schema):
    texts = {
        "first.md": "Amazon is working with Anthropic.",
        "a/talk.md": "Google works with Meta.",
        "b/talk.md": "Nvidia competes with AMD.",
        "c/talk.md": "Microsoft acquired LinkedIn.",
    }
    for name, text in texts.items():
        write_transcript(text, name=name)
    dataset, report = build([tmp_path], schema=schema)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {
        str(graph_iri(i)) for i in ("abcDEF12345", "abcDEF12345-talk", "abcDEF12345-talk-2", "abcDEF12345-first")
    }
    assert report.documents == 4 and len(set(dataset.subjects(RDF.type, TG.Claim))) == 4
    assert validate(dataset, schema).conforms


def test_numbered_transcripts_are_unchanged_in_a_store_until_edited(tmp_path, write_transcript, schema):
    for name, text in {
        "a/talk.md": "Google works with Meta.",
        "b/talk.md": "Nvidia competes with AMD.",
        "c/talk.md": "Microsoft acquired LinkedIn.",
    }.items():
        write_transcript(text, name=f"talks/{name}")
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    try:
        build([tmp_path / "talks"], schema=schema, store=store)
        _, again = build([tmp_path / "talks"], schema=schema, store=store)
        assert (again.unchanged, again.extracted, again.duplicates) == (3, 0, [])
        write_transcript("Microsoft acquired GitHub.", name="talks/c/talk.md")
        _, edited = build([tmp_path / "talks"], schema=schema, store=store, prune=True)
        assert (edited.unchanged, edited.extracted, edited.removed) == (2, 1, 0)
        assert len([g for g in store.dataset().graphs() if len(g)]) == 3
    finally:
        store.close()


def test_each_transcript_is_read_once(tmp_path, schema, opened):
    talk = tmp_path / "talk.txt"  # a .txt file's opening says its format: once it was read for that too
    talk.write_text("[00:00:01] Amazon is working with Anthropic.\n", encoding="utf-8")
    opened.clear()
    _, report = build([talk], schema=schema)
    assert report.extracted == 1
    assert opened[talk] == 1
