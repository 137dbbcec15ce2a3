"""Clock times and timed pieces joined into text with segments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.model import Segment
from graph.sources.timed import assemble, format_clock, parse_clock, timed_document


@pytest.mark.parametrize(
    "clock, seconds",
    [
        ("1:02:03.5", 3723.5),
        ("02:03,500", 123.5),
        ("00:00:01.230", 1.23),
        ("0:00", 0.0),
        ("75:00", 4500.0),
        ("  12:34  ", 754.0),
        ("100:00:00.000", 360000.0),
    ],
)
def test_parse_clock(clock, seconds):
    assert parse_clock(clock) == seconds


@pytest.mark.parametrize("clock", ["1:75:00", "00:00:60.000", "00:61", "1:2", "abc", "", "00:00:01.2345", "-0:01"])
def test_parse_clock_refuses_what_is_no_time(clock):
    assert parse_clock(clock) is None


def test_format_clock():
    assert format_clock(3723.45) == "01:02:03.450"
    assert format_clock(0) == "00:00:00.000"


@given(st.integers(min_value=0, max_value=99 * 3600 * 1000))
def test_clock_round_trip(milliseconds):
    assert parse_clock(format_clock(milliseconds / 1000)) == milliseconds / 1000


def test_assemble_squeezes_whitespace_and_marks_pieces():
    text, segments = assemble([(0.0, " hello  "), (1.5, "wor"), (2.0, "ld\n"), (2.0, " \t next"), (3.0, "  ")])
    assert text == "hello world next"
    # "ld" continues the word (an inline timestamp inside it); "next" starts at the same second as "ld"
    assert segments == (Segment(0, 0.0), Segment(6, 1.5), Segment(9, 2.0))


def test_assemble_nothing():
    assert assemble([]) == ("", ())
    assert assemble([(1.0, "  \n ")]) == ("", ())


WORD = st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=8)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.lists(WORD, min_size=1, max_size=5)), max_size=30))
def test_assemble_round_trip(pieces):
    pieces = sorted(pieces)
    text, segments = assemble((ms / 1000, " " + " ".join(words)) for ms, words in pieces)
    assert text == " ".join(word for _, words in pieces for word in words)
    starts = {s.start_char: s.start_second for s in segments}
    position = 0
    for ms, words in pieces:
        if position in starts:
            assert starts[position] == ms / 1000
        position += len(" ".join(words)) + 1
    assert sorted(starts) == [s.start_char for s in segments]


def test_timed_document(tmp_path):
    document = timed_document(tmp_path / "My Talk.en.vtt", "Hello.", (Segment(0, 1.0),))
    assert (document.id, document.title, document.text) == ("my-talk-en", "My Talk.en", "Hello.")
    assert document.second_at(3) == (1.0, False)
