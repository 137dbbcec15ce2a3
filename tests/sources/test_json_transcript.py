"""JSON transcripts: youtube-transcript-api and Whisper."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.sources import read
from graph.sources.json_transcript import looks_like
from graph.sources.json_transcript import read as read_json

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"


def test_youtube_transcript_api_list():
    document = read_json(FORMATS / "transcript_api.json")
    assert document.text == "so Amazon is working with Anthropic and they don't [Music] Google sells ads"
    assert (document.id, document.title) == ("transcript-api", "transcript_api")
    assert document.second_at(document.text.index("Anthropic")) == (2.31, False)
    assert document.second_at(document.text.index("Google")) == (5.15, False)


def test_whisper_segments():
    document = read(FORMATS / "whisper.json")
    assert document.text == "So Amazon is working with Anthropic. Google sells ads."
    assert document.second_at(0) == (0.0, False)
    assert document.second_at(document.text.index("Google")) == (3.2, False)


def test_duration_and_end_are_optional(tmp_path):
    path = tmp_path / "short.json"
    path.write_text('{"segments": [{"start": 1, "text": "one"}, {"start": 2.5, "end": null, "text": "two"}]}')
    document = read(path)
    assert document.text == "one two"
    assert document.second_at(4) == (2.5, False)


@pytest.mark.parametrize(
    "content, reason",
    [
        ('[{"text": "a", "start": 1.0,', "not valid JSON (Expecting"),
        ('[{"text": "a", "start": NaN}]', "not valid JSON (NaN is not a number JSON allows)"),
        ('{"text": "no segments"}', "JSON is not a transcript; expected a list of {text, start, duration}"),
        ('"just a string"', "JSON is not a transcript"),
        ("[]", "the transcript has no entries"),
        ('{"segments": []}', "the transcript has no entries"),
        ('["a", "b"]', "entry 1 is a str, not an object"),
        ('[{"start": 1.0}]', "entry 1 has no 'text' string"),
        ('[{"text": "a", "start": 0}, {"text": "b", "start": "1.0"}]', "entry 2: 'start' must be a number of seconds"),
        ('[{"text": "a", "start": -1}]', "entry 1: 'start' must be a number of seconds (0 or more), not -1"),
        ('[{"text": "a", "start": true}]', "'start' must be a number of seconds"),
        ('[{"text": "a", "start": 1, "duration": "long"}]', "entry 1: 'duration' must be a number of seconds"),
        ('{"segments": [{"start": 5, "end": 1, "text": "a"}]}', "entry 1 ends (1.0 s) before it starts (5.0 s)"),
        ('[{"text": "a", "start": 1e400}]', "'start' must be a number of seconds (0 or more), not inf"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    ],
)
def test_malformed_json_is_a_source_error(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


def test_json_content_in_a_txt_file_is_read_as_json(tmp_path):
    path = tmp_path / "transcript.txt"
    path.write_text('[{"text": "hello there", "start": 7.0, "duration": 1.0}]', encoding="utf-8")
    document = read(path)
    assert document.text == "hello there"
    assert document.second_at(0) == (7.0, False)


def test_looks_like():
    assert looks_like('{"segments": []}')
    assert looks_like('  [\n  {"text": "a"}]')
    assert looks_like("[]")
    assert not looks_like("[00:00:01] hello")
    assert not looks_like("[Music] hello")


ENTRY = st.tuples(st.integers(0, 10**7), st.text(st.characters(categories=("L", "N", "P", "Zs")), max_size=30))


@settings(max_examples=50, deadline=None)
@given(st.lists(ENTRY, min_size=1, max_size=20), st.booleans())
def test_json_round_trip(entries, whisper):
    assume(any(text.split() for _, text in entries))  # a transcript without words is refused
    entries = sorted(entries)
    if whisper:
        data = {"segments": [{"start": ms / 1000, "end": ms / 1000 + 1, "text": text} for ms, text in entries]}
    else:
        data = [{"text": text.replace("&", "and"), "start": ms / 1000, "duration": 1.0} for ms, text in entries]
        entries = [(ms, text.replace("&", "and")) for ms, text in entries]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        document = read(path)
    words = [text.split() for _, text in entries]
    assert document.text == " ".join(w for entry in words for w in entry)
    position = 0
    for (ms, _), entry in zip(entries, words):
        if entry:
            assert document.second_at(position) == (ms / 1000, False)
            position += len(" ".join(entry)) + 1
