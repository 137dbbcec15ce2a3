"""`talkgraph load`: the N-Quads files of `talkgraph extract` into a store."""

from __future__ import annotations

import pytest

from graph.building import build, extract_files, load_files
from graph.errors import TalkgraphError
from graph.rdf import graph_iri
from graph.stores import open_store

TEXTS = {
    "one": "Amazon is working with Anthropic. Microsoft has OpenAI in the fold.",
    "two": "Nvidia and Intel inked a new deal. Sam Altman runs OpenAI.",
}


def _quads(dataset) -> set:
    return {
        (s, p, o, g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    }


@pytest.fixture
def quads_dir(tmp_path, write_transcript):
    for name, text in TEXTS.items():
        write_transcript(text, name=f"talks/{name}.md", video_id=f"video{name}00")
    extract_files([tmp_path / "talks"], tmp_path / "quads")
    return tmp_path / "quads"


def test_load_gives_what_build_gives(quads_dir, store, schema, tmp_path):
    report = load_files(quads_dir, store)
    assert (report.files, report.loaded, report.unchanged, report.removed, report.failures) == (2, 2, 0, 0, [])
    built, _ = build([tmp_path / "talks"], schema=schema)
    assert report.quads == len(_quads(built))
    assert _quads(store.dataset()) == _quads(built)
    partners = store.select(
        "ASK { <https://talkgraph.dev/id/company/amazon> "
        "<https://talkgraph.dev/ontology#partnerOf> <https://talkgraph.dev/id/company/anthropic> }"
    )
    assert partners.rows == (("true",),)


def test_unchanged_documents_are_not_sent_again(quads_dir, store):
    load_files(quads_dir, store)
    again = load_files(quads_dir, store)
    assert (again.loaded, again.unchanged, again.quads) == (0, 2, 0)


def test_small_batches_load_the_same(quads_dir, store):
    calls = []
    original = store.replace_graphs
    store.replace_graphs = lambda dataset: (calls.append(1), original(dataset))
    report = load_files(quads_dir, store, batch=1)
    assert (report.loaded, len(calls)) == (2, 2)


def test_prune_drops_documents_no_file_holds(quads_dir, store):
    load_files(quads_dir, store)
    (quads_dir / "videotwo00.nq").unlink()
    kept = load_files(quads_dir, store)
    assert (kept.unchanged, kept.removed) == (1, 0)
    pruned = load_files(quads_dir, store, prune=True)
    assert (pruned.unchanged, pruned.removed, pruned.pruned) == (1, 1, True)
    names = {str(g.identifier) for g in store.dataset().graphs() if len(g)}
    assert names == {str(graph_iri("videoone00"))}


def test_a_broken_file_is_reported_and_nothing_is_pruned(quads_dir, store):
    load_files(quads_dir, store)
    (quads_dir / "videotwo00.nq").write_text("<http://a> <http://b> .\n", encoding="utf-8")
    report = load_files(quads_dir, store, prune=True)
    assert [failure.path.name for failure in report.failures] == ["videotwo00.nq"]
    assert "not valid N-Quads" in report.failures[0].reason
    assert (report.removed, report.pruned) == (0, False)
    assert len({str(g.identifier) for g in store.dataset().graphs() if len(g)}) == 2


def test_triples_outside_a_named_graph_are_refused(tmp_path):
    (tmp_path / "quads").mkdir()
    (tmp_path / "quads" / "plain.nq").write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    report = load_files(tmp_path / "quads", open_store("memory"))
    assert "outside a named graph" in report.failures[0].reason


def test_a_missing_folder(tmp_path):
    with pytest.raises(TalkgraphError, match="no such folder; write one with 'talkgraph extract"):
        load_files(tmp_path / "nothing", open_store("memory"))
