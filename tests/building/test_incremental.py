"""Incremental builds against a store: unchanged, edited, added and removed transcripts."""

from __future__ import annotations

import multiprocessing

import pytest
from rdflib import RDF

from graph.building import build
from graph.errors import StoreError
from graph.rdf import TG, graph_iri
from graph.stores import open_store

TEXTS = {
    "one": "Amazon is working with Anthropic. Microsoft has OpenAI in the fold.",
    "two": "Nvidia and Intel inked a new deal. Sam Altman runs OpenAI.",
}


@pytest.fixture(params=["memory", "oxigraph", pytest.param("sparql", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "sparql":  # a real Oxigraph server through the SPARQL 1.1 protocol
        yield request.getfixturevalue("sparql_store")
        return
    spec = "memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'db'}"
    opened = open_store(spec)
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path, write_transcript):
    for name, text in TEXTS.items():
        write_transcript(text, name=f"talks/{name}.md", video_id=f"video{name}00")
    return tmp_path / "talks"


def facts(store) -> set[tuple[str, str, str]]:
    result = store.select("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?s ?p ?o WHERE { ?claim a <https://talkgraph.dev/ontology#Claim> ;
          <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?a ;
          <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
          <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?b . ?a rdfs:label ?s . ?b rdfs:label ?o }""")
    return {(s, p.rsplit("#", 1)[-1], o) for s, p, o in result.rows}


def size(store) -> int:
    return len(list(store.dataset().quads((None, None, None, None))))


def test_unchanged_documents_are_not_extracted_again(folder, store, schema):
    _, first = build([folder], schema=schema, store=store)
    before = size(store)
    _, again = build([folder], schema=schema, store=store)
    assert (first.extracted, first.unchanged) == (2, 0)
    assert (again.extracted, again.unchanged) == (0, 2)
    assert size(store) == before


def test_an_edited_transcript_replaces_its_own_graph(folder, store, schema, write_transcript):
    build([folder], schema=schema, store=store)
    assert ("Amazon", "partnerOf", "Anthropic") in facts(store)
    write_transcript("Microsoft has OpenAI in the fold.", name="talks/one.md", video_id="videoone00")
    _, report = build([folder], schema=schema, store=store)
    assert (report.extracted, report.unchanged) == (1, 1)
    now = facts(store)
    assert ("Amazon", "partnerOf", "Anthropic") not in now  # the removed sentence's fact is gone
    assert ("Microsoft", "partnerOf", "OpenAI") in now
    assert ("Nvidia", "partnerOf", "Intel") in now  # the other document is untouched
    claims = [q for q in store.dataset().quads((None, RDF.type, TG.Claim, None))]
    assert len(claims) == len({q[0] for q in claims})  # nothing duplicated


def test_added_and_removed_transcripts(folder, store, schema, write_transcript):
    build([folder], schema=schema, store=store)
    write_transcript("Apple is working with Google.", name="talks/three.md", video_id="videothree0")
    (folder / "two.md").unlink()
    _, kept = build([folder], schema=schema, store=store)
    assert (kept.extracted, kept.unchanged, kept.removed) == (1, 1, 0)
    assert ("Nvidia", "partnerOf", "Intel") in facts(store)  # without --prune nothing is dropped
    _, pruned = build([folder], schema=schema, store=store, prune=True)
    assert (pruned.extracted, pruned.unchanged, pruned.removed) == (0, 2, 1)
    names = {str(g.identifier) for g in store.dataset().graphs() if len(g)}
    assert str(graph_iri("videotwo00")) not in names
    assert ("Nvidia", "partnerOf", "Intel") not in facts(store)
    assert ("Apple", "partnerOf", "Google") in facts(store)


def test_a_duplicate_transcript_is_skipped_in_every_build(folder, store, schema, write_transcript):
    # the same video and words under another file name and title: one document, not two
    write_transcript(TEXTS["one"], name="talks/unknown-one.md", video_id="videoone00", title="Another title")
    _, first = build([folder], schema=schema, store=store)
    assert first.duplicates == [(str(folder / "unknown-one.md"), str(folder / "one.md"))]
    assert (first.documents, first.extracted) == (2, 2)
    graphs = {str(g.identifier) for g in store.dataset().graphs() if len(g)}
    assert graphs == {str(graph_iri("videoone00")), str(graph_iri("videotwo00"))}
    _, again = build([folder], schema=schema, store=store, prune=True)
    assert (again.extracted, again.unchanged, again.removed, len(again.duplicates)) == (0, 2, 0, 1)
    # once the first transcript's words change, the other one is a transcript of its own
    write_transcript("Apple is working with Google.", name="talks/one.md", video_id="videoone00")
    _, changed = build([folder], schema=schema, store=store)
    assert (changed.extracted, changed.unchanged, changed.duplicates) == (2, 1, [])
    assert ("Amazon", "partnerOf", "Anthropic") in facts(store)


def test_a_duplicate_of_a_videos_second_transcript_is_found_in_an_incremental_build(
    folder, store, schema, write_transcript
):
    write_transcript("Google competes with OpenAI.", name="talks/one-b.md", video_id="videoone00")
    build([folder], schema=schema, store=store)
    write_transcript("Google competes with OpenAI.", name="talks/one-c.md", video_id="videoone00", title="Copy")
    _, incremental = build([folder], schema=schema, store=store)
    _, fresh = build([folder], schema=schema)
    assert incremental.duplicates == fresh.duplicates == [(str(folder / "one-c.md"), str(folder / "one-b.md"))]
    assert (incremental.extracted, incremental.unchanged) == (0, 3)


def test_a_file_that_turns_duplicate_leaves_no_graph_behind(folder, store, schema, write_transcript):
    write_transcript("Google competes with OpenAI.", name="talks/one-b.md", video_id="videoone00")
    build([folder], schema=schema, store=store)
    assert ("Google", "competesWith", "OpenAI") in facts(store)
    # one-b.md (read first) now repeats one.md, which is unchanged: one.md is the duplicate now
    write_transcript(TEXTS["one"], name="talks/one-b.md", video_id="videoone00", title="Now a copy")
    _, report = build([folder], schema=schema, store=store)  # no --prune: the file is there, as a duplicate
    _, fresh = build([folder], schema=schema)
    assert report.duplicates == fresh.duplicates == [(str(folder / "one.md"), str(folder / "one-b.md"))]
    assert (report.extracted, report.removed) == (1, 1)
    graphs = {str(g.identifier) for g in store.dataset().graphs() if len(g)}
    assert graphs == {str(graph_iri("videoone00")), str(graph_iri("videotwo00"))}
    assert ("Google", "competesWith", "OpenAI") not in facts(store)
    assert ("Amazon", "partnerOf", "Anthropic") in facts(store)


def test_transcripts_that_name_no_video_are_never_duplicates(tmp_path, schema):
    folder = tmp_path / "plain"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Amazon is working with Anthropic.\n", encoding="utf-8")
    _, report = build([folder], schema=schema)
    assert (report.documents, report.duplicates) == (2, [])


def test_another_schema_rebuilds_everything(folder, store, schema, tmp_path):
    import shutil

    from graph.schema import load_schema

    build([folder], schema=schema, store=store)
    copy = tmp_path / "schema"
    shutil.copytree(schema.directory, copy)
    with open(copy / "language.yaml", "a", encoding="utf-8") as stream:
        stream.write("\n# edited\n")
    _, report = build([folder], schema=load_schema(copy), store=store)
    assert report.extracted == 2


def test_parallel_build_gives_the_same_graph(folder, schema):
    one, _ = build([folder], schema=schema, jobs=1)
    two, report = build([folder], schema=schema, jobs=2)
    assert report.extracted == 2
    assert set(one.quads((None, None, None, None))) == set(two.quads((None, None, None, None)))
    assert len(set(one.quads((None, None, None, None)))) > 50


def _hold_store(path, ready, release):
    store = open_store(f"oxigraph:{path}")
    ready.set()
    release.wait(20)
    store.close()


def test_a_second_writer_is_told_the_store_is_locked(tmp_path):
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_store, args=(tmp_path / "db", ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreError, match="locked"):
            open_store(f"oxigraph:{tmp_path / 'db'}")
    finally:
        release.set()
        holder.join(30)
