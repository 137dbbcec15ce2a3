"""Extraction as a pure per-document function writing N-Quads, fanned out by an engine."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from graph.building import build, load_files
from graph.building.quad_files import extract_file, extract_files, is_placeholder, stored_key
from graph.errors import TalkgraphError
from graph.rdf import TG, graph_iri
from graph.stores import open_store

TEXTS = {
    "one": ("Amazon is working with Anthropic. Microsoft has OpenAI in the fold.", "videoone00"),
    "two": ("Nvidia and Intel inked a new deal. Sam Altman runs OpenAI.", "videotwo00"),
    "three": ("Apple is working with Google.", "videothree0"),
}


def _quads(dataset) -> set:
    return {
        (s, p, o, g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    }


def _assert_loads_as_built(out, folder, schema) -> None:
    store = open_store("memory")
    load_files(out, store)
    built, _ = build([folder], schema=schema)
    assert _quads(store.dataset()) == _quads(built)


@pytest.fixture
def folder(tmp_path, write_transcript):
    for name, (text, video) in TEXTS.items():
        write_transcript(text, name=f"talks/{name}.md", video_id=video)
    return tmp_path / "talks"


def test_extract_file_writes_the_documents_graph(folder, tmp_path, schema):
    out = tmp_path / "quads"
    result = extract_file(folder / "one.md", out)
    assert (result.document_id, result.read_id) == ("videoone00", "videoone00")
    assert (result.unchanged, result.failure) == (False, None)
    assert result.output == str(out / "videoone00.nq") and result.assertions >= 2
    quads = list(ox.parse(path=result.output, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {str(graph_iri("videoone00"))}
    built, _ = build([folder / "one.md"], schema=schema)
    assert len(quads) == len(_quads(built))
    assert stored_key(out / "videoone00.nq") == next(str(o) for o in built.objects(None, TG.contentHash))


def test_an_unchanged_document_is_not_extracted_again(folder, tmp_path):
    out = tmp_path / "quads"
    extract_file(folder / "one.md", out)
    written = (out / "videoone00.nq").stat().st_mtime_ns
    again = extract_file(folder / "one.md", out)
    assert again.unchanged and again.assertions == 0
    assert (out / "videoone00.nq").stat().st_mtime_ns == written
    changed = extract_file(folder / "one.md", out, extractor_options={}, schema_dir=None, document_id="other-id")
    assert not changed.unchanged and (out / "other-id.nq").is_file()


def test_an_unreadable_file_is_a_failure(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    result = extract_file(bad, tmp_path / "quads")
    assert result.failure and "broken.json" in result.failure
    assert result.output is None and not (tmp_path / "quads").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_then_load_equals_build(folder, tmp_path, schema, jobs, write_transcript):
    # a second transcript of video one: build names it apart, and so must the fan-out
    write_transcript("Google competes with OpenAI.", name="talks/one-again.md", video_id="videoone00")
    out = tmp_path / "quads"
    report = extract_files([folder], out, engine="processes", jobs=jobs)
    assert (report.documents, report.extracted, report.unchanged, report.failures) == (4, 4, 0, [])
    assert sorted(path.name for path in out.iterdir()) == [
        "videoone00-one.nq",
        "videoone00.nq",
        "videothree0.nq",
        "videotwo00.nq",
    ]
    _assert_loads_as_built(out, folder, schema)
    rerun = extract_files([folder], out, engine="processes", jobs=jobs)
    assert (rerun.documents, rerun.extracted, rerun.unchanged) == (4, 0, 4)


def test_a_transcript_whose_twin_is_gone_takes_the_videos_id(folder, tmp_path, write_transcript, schema):
    write_transcript("Google competes with OpenAI.", name="talks/one-again.md", video_id="videoone00")
    out = tmp_path / "quads"
    extract_files([folder], out)
    assert (out / "videoone00-one.nq").is_file()  # one-again.md comes first
    (folder / "one-again.md").unlink()
    report = extract_files([folder], out)
    assert (report.documents, report.extracted) == (3, 1)
    store = open_store("memory")
    load_files(out, store)
    built, _ = build([folder], schema=schema)
    assert str(graph_iri("videoone00")) in {str(g.identifier) for g in built.graphs() if len(g)}
    assert _quads(built) <= _quads(store.dataset())  # plus the stale videoone00-one.nq, until it is deleted
    document = URIRef("https://talkgraph.dev/id/document/videoone00")
    assert stored_key(out / "videoone00.nq") == str(built.value(document, TG.contentHash))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_duplicate_leaves_a_placeholder_and_loads_as_build_gives(folder, tmp_path, schema, jobs, write_transcript):
    # "unknown-one.md" comes after "one.md": the same video and words, another title
    write_transcript(TEXTS["one"][0], name="talks/unknown-one.md", video_id="videoone00", title="Another title")
    out = tmp_path / "quads"
    report = extract_files([folder], out, jobs=jobs)
    assert report.duplicates == [(str(folder / "unknown-one.md"), str(folder / "one.md"))]
    assert (report.documents, report.failures) == (3, [])
    assert sorted(path.name for path in out.iterdir()) == [
        "videoone00-unknown-one.nq",
        "videoone00.nq",
        "videothree0.nq",
        "videotwo00.nq",
    ]
    assert is_placeholder(out / "videoone00-unknown-one.nq") and not is_placeholder(out / "videoone00.nq")
    _assert_loads_as_built(out, folder, schema)
    rerun = extract_files([folder], out, jobs=jobs)
    assert (rerun.documents, rerun.extracted, rerun.unchanged, len(rerun.duplicates)) == (3, 0, 3, 1)
    # once the first transcript's words change, the copy is a transcript of its own
    write_transcript("Google competes with OpenAI.", name="talks/one.md", video_id="videoone00")
    changed = extract_files([folder], out, jobs=jobs)
    assert (changed.documents, changed.duplicates) == (4, [])
    assert not is_placeholder(out / "videoone00-unknown-one.nq")
    store = open_store("memory")
    load_files(out, store)
    assert _quads(store.dataset()) == _quads(build([folder], schema=schema)[0])


def test_an_identical_copy_is_extracted_once(folder, tmp_path):
    (folder / "unknown-one.md").write_bytes((folder / "one.md").read_bytes())
    out = tmp_path / "quads"
    first = extract_files([folder], out, jobs=2)
    assert (first.documents, first.extracted, len(first.duplicates)) == (3, 3, 1)
    assert is_placeholder(out / "videoone00-unknown-one.nq") and not is_placeholder(out / "videoone00.nq")
    written = (out / "videoone00-unknown-one.nq").stat().st_mtime_ns
    rerun = extract_files([folder], out, jobs=2)
    assert (rerun.extracted, rerun.unchanged, len(rerun.duplicates)) == (0, 3, 1)
    assert (out / "videoone00-unknown-one.nq").stat().st_mtime_ns == written


def test_a_placeholder_never_takes_the_place_of_a_document(tmp_path, write_transcript, schema):
    # d1/b.md repeats d1/a.md; d2/b.md is another transcript of the video: both b.md would be "video-b"
    write_transcript(TEXTS["one"][0], name="talks/d1/a.md", video_id="videoone00")
    write_transcript(TEXTS["one"][0], name="talks/d1/b.md", video_id="videoone00", title="A copy")
    write_transcript(TEXTS["two"][0], name="talks/d2/b.md", video_id="videoone00")
    folder, out = tmp_path / "talks", tmp_path / "quads"
    for _ in range(2):
        report = extract_files([folder], out, jobs=2)
        assert report.duplicates == [(str(folder / "d1" / "b.md"), str(folder / "d1" / "a.md"))]
        store = open_store("memory")
        load_files(out, store)
        assert _quads(store.dataset()) == _quads(build([folder], schema=schema)[0])


def test_failures_are_reported_and_the_rest_extracted(folder, tmp_path):
    (folder / "broken.srt").write_text("1\n00:00:05,000 --> 00:00:01,000\nbackwards\n", encoding="utf-8")
    report = extract_files([folder], tmp_path / "quads")
    assert report.documents == 3
    assert [str(failure.path) for failure in report.failures] == [str(folder / "broken.srt")]


def test_a_bad_extractor_fails_before_any_work(folder, tmp_path):
    with pytest.raises(TalkgraphError, match="unknown extractor 'nope'"):
        extract_files([folder], tmp_path / "quads", extractor="nope")
    assert not (tmp_path / "quads").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_later_transcripts_of_one_video_under_one_file_name_keep_a_graph_each(
    folder, tmp_path, schema, jobs, write_transcript
):
    write_transcript("Google competes with OpenAI.", name="talks/a/one.md", video_id="videoone00")
    write_transcript("Microsoft acquired LinkedIn.", name="talks/b/one.md", video_id="videoone00")
    out = tmp_path / "quads"
    report = extract_files([folder], out, engine="processes", jobs=jobs)
    assert (report.documents, report.extracted) == (5, 5)
    assert sorted(path.name for path in out.iterdir()) == [
        "videoone00-one-2.nq",
        "videoone00-one.nq",
        "videoone00.nq",
        "videothree0.nq",
        "videotwo00.nq",
    ]
    _assert_loads_as_built(out, folder, schema)
    rerun = extract_files([folder], out, engine="processes", jobs=jobs)
    assert (rerun.documents, rerun.extracted, rerun.unchanged) == (5, 0, 5)


def test_prune_deletes_the_files_of_removed_transcripts_and_loads_as_build_gives(
    folder, tmp_path, schema, write_transcript
):
    write_transcript("Google competes with OpenAI.", name="talks/a/one.md", video_id="videoone00")
    write_transcript("Microsoft acquired LinkedIn.", name="talks/b/one.md", video_id="videoone00")
    out = tmp_path / "quads"
    extract_files([folder], out)
    (folder / "a" / "one.md").unlink()  # b/one.md moves from videoone00-one-2 to videoone00-one
    (folder / "three.md").unlink()
    kept = extract_files([folder], out)
    assert kept.removed == 0 and (out / "videothree0.nq").is_file()
    report = extract_files([folder], out, prune=True)
    assert (report.documents, report.removed) == (3, 2)
    assert sorted(path.name for path in out.iterdir()) == ["videoone00-one.nq", "videoone00.nq", "videotwo00.nq"]
    _assert_loads_as_built(out, folder, schema)


def test_prune_keeps_every_file_when_a_transcript_failed(folder, tmp_path):
    out = tmp_path / "quads"
    extract_files([folder], out)
    (folder / "three.md").write_text("---\ntitle: never closed\n\nApple is working with Google.\n", encoding="utf-8")
    report = extract_files([folder], out, prune=True)
    assert len(report.failures) == 1 and report.removed == 0
    assert (out / "videothree0.nq").is_file()


def test_extract_file_reads_the_transcript_once(folder, tmp_path, opened):
    extract_file(folder / "one.md", tmp_path / "quads")
    assert opened[folder / "one.md"] == 1


def test_two_videos_whose_ids_differ_in_case_only_keep_a_file_each(tmp_path, write_transcript, schema):
    write_transcript("Amazon is working with Anthropic.", name="cased/a.md", video_id="AbCdEf1234")
    write_transcript("Apple is working with Google.", name="cased/b.md", video_id="abcdef1234")
    out = tmp_path / "quads"
    report = extract_files([tmp_path / "cased"], out)
    assert report.documents == 2
    assert sorted(path.name for path in out.glob("*.nq")) == ["abcdef1234-b.nq", "abcdef1234.nq"]
    _assert_loads_as_built(out, tmp_path / "cased", schema)
