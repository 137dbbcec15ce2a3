"""Chunks for the LLM: bounded, overlapping, cut at sentence ends or spaces, covering the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import TalkgraphError
from graph.extract.llm.chunks import chunk_spans


def test_a_short_text_is_one_chunk():
    assert chunk_spans("Amazon works with Anthropic.", 100, 10) == [(0, 28)]
    assert chunk_spans("   ", 100, 10) == []


def test_chunks_end_at_a_sentence_and_start_at_a_word():
    text = "One two three. Four five six seven. Eight nine ten eleven twelve."
    spans = chunk_spans(text, 40, 12)
    assert [text[s:e] for s, e in spans] == [
        "One two three. Four five six seven. ",
        "six seven. Eight nine ten eleven twelve.",
    ]


def test_without_sentences_a_chunk_ends_at_a_space():
    text = "word " * 30
    for start, end in chunk_spans(text, 23, 5):
        assert end - start <= 23
        assert start == 0 or text[start - 1] == " "


def test_a_word_longer_than_a_chunk_is_cut():
    assert chunk_spans("x" * 25, 10, 2) == [(0, 10), (8, 18), (16, 25)]


@pytest.mark.parametrize("size, overlap", [(0, 0), (100, 100), (100, -1)])
def test_bad_settings_say_what_is_wrong(size, overlap):
    with pytest.raises(TalkgraphError, match="chunk"):
        chunk_spans("text", size, overlap)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(10, 80), st.data())
def test_chunks_are_bounded_ordered_and_cover_every_word(text, size, data):
    overlap = data.draw(st.integers(0, size - 1))
    spans = chunk_spans(text, size, overlap)
    assert all(0 <= s < e <= len(text) and e - s <= size for s, e in spans)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(spans, spans[1:]))
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
