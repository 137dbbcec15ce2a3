"""Who each transcript is: ids of a video's later transcripts, duplicates, build keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.building.corpus import (
    Changed,
    Duplicate,
    Identities,
    Unchanged,
    build_key,
    classify,
    read_keyed,
    second_id,
    video_graph,
)
from graph.rdf import graph_iri
from graph.sources import Failure, read


@pytest.mark.parametrize(
    "graph, suffix, video",
    [
        ("g/vid-talk", "-talk", "g/vid"),
        ("g/vid-talk-2", "-talk", "g/vid"),
        ("g/vid-2", "-2", "g/vid"),
        ("g/vid-2-3", "-2", "g/vid"),
        ("g/vid", "-talk", "g/vid"),
        ("g/vid-7", "-talk", "g/vid-7"),
    ],
)
def test_the_graph_of_a_videos_first_transcript_from_a_later_ones(graph, suffix, video):
    assert video_graph(graph, suffix) == video


def test_later_transcripts_of_a_video_take_the_next_free_id():
    identities = Identities()
    taken = [identities.take("vid123", path) for path in ("a/talk.md", "b/talk.md", "c/talk.md", "d/other.md")]
    assert taken == ["vid123", "vid123-talk", "vid123-talk-2", "vid123-other"]
    assert second_id("vid123", "a/talk.md") == "vid123-talk"


def test_the_first_file_of_a_transcript_is_the_one_it_repeats():
    identities = Identities()
    assert identities.repeated("hash-one", "a.md") is None
    assert identities.repeated("hash-one", "a.md") is None  # the same file again is no duplicate
    assert identities.repeated("hash-one", "b.md") == Path("a.md")
    assert identities.repeated(None, "c.md") is None  # a transcript that names no video is never a duplicate


def test_an_unchanged_file_is_read_when_another_transcript_of_its_video_is(write_transcript):
    first = write_transcript("Amazon is working with Anthropic.", name="talks/a.md", video_id="vid1234567")
    copy = write_transcript("Amazon is working with Anthropic.", name="talks/b.md", video_id="vid1234567")
    video = str(graph_iri("vid1234567"))
    identities = Identities()
    assert identities.repeated_unchanged(video, first) is None
    assert video in identities.graphs
    assert identities.repeated_document(read(copy)) == first


def test_the_build_key_follows_the_bytes_the_schema_and_the_extractor(tmp_path, schema):
    path = tmp_path / "talk.md"
    path.write_text("Amazon is working with Anthropic.", encoding="utf-8")
    data, key = read_keyed(path, schema, "rules")
    assert data == path.read_bytes()
    assert key == build_key(path, data, schema, "rules") != build_key(path, data, schema, "llm")
    path.write_text("Amazon is working with Google.", encoding="utf-8")
    assert read_keyed(path, schema, "rules")[1] != key


def test_classify_sorts_the_files_of_a_build(tmp_path, write_transcript, schema):
    kept = write_transcript("Amazon is working with Anthropic.", name="talks/a.md", video_id="vidkept000")
    new = write_transcript("Nvidia and Intel inked a deal.", name="talks/b.md", video_id="vidnew0000")
    copy = write_transcript("Nvidia and Intel inked a deal.", name="talks/c.md", video_id="vidnew0000")
    later = write_transcript("Apple is working with Google.", name="talks/d.md", video_id="vidnew0000")
    broken = tmp_path / "talks" / "e.md"
    broken.write_text("", encoding="utf-8")
    known = {str(graph_iri("vidkept000")): read_keyed(kept, schema, "rules")[1]}
    outcomes = list(classify([kept, new, copy, later, broken], schema, "rules", known, Identities()))
    assert outcomes[0] == Unchanged(kept, str(graph_iri("vidkept000")))
    assert isinstance(outcomes[1], Changed) and outcomes[1].document.id == "vidnew0000"
    assert outcomes[2] == Duplicate(copy, new, str(graph_iri("vidnew0000-c")))
    assert isinstance(outcomes[3], Changed) and outcomes[3].document.id == "vidnew0000-d"
    assert isinstance(outcomes[4], Failure) and "empty file" in outcomes[4].reason
