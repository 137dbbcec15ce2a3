"""SRT subtitles."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.sources import read
from graph.sources.srt import looks_like
from graph.sources.srt import read as read_srt
from graph.sources.timed import format_clock

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"


def test_markup_positions_and_coordinates_are_dropped():
    document = read_srt(FORMATS / "manual.srt")
    assert document.text == (
        "Amazon is working with Anthropic and Google sells ads; a < b stays text Microsoft works with OpenAI."
    )
    assert (document.id, document.title, document.url) == ("manual", "manual", None)
    assert document.second_at(document.text.index("Anthropic")) == (1.0, False)
    assert document.second_at(document.text.index("Google")) == (3.5, False)
    assert document.second_at(document.text.index("OpenAI")) == (60.25, False)


def test_windows_line_ends():
    document = read(FORMATS / "crlf.srt")
    assert document.text == "Windows line ends still read"
    assert document.second_at(document.text.index("still")) == (2.0, False)


def test_cues_without_empty_lines_between_them(tmp_path):
    path = tmp_path / "tight.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n", encoding="utf-8")
    assert read(path).text == "One Two"


def test_rolling_lines_converted_by_ytdlp_come_out_once(tmp_path):
    path = tmp_path / "auto.srt"
    path.write_text(
        "1\n00:00:00,000 --> 00:00:02,310\nso Amazon is working\n\n"
        "2\n00:00:02,310 --> 00:00:02,320\nso Amazon is working\n \n\n"
        "3\n00:00:02,320 --> 00:00:05,000\nso Amazon is working\nwith Anthropic\n",
        encoding="utf-8",
    )
    document = read(path)
    assert document.text == "so Amazon is working with Anthropic"
    assert document.second_at(document.text.index("with")) == (2.32, False)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\nLost its time\n", "line 6: 'Lost its time' is outside any cue"),
        ("1\n00:00:01,000 -> 00:00:02,000\nHello\n", "line 2: '00:00:01,000 -> 00:00:02,000' is outside any cue"),
        (
            "1\n00:00:03,000 --> 00:00:02,000\nHello\n",
            "line 2: cue ends (00:00:02.000) before it starts (00:00:03.000)",
        ),
        ("1\n00:00:01,000 --> 00:00:02;000\nHello\n", "line 2: cue time '00:00:01,000 --> 00:00:02;000' is not"),
        ("1\n\n2\n", "no cues found"),
    ],
)
def test_malformed_cues_are_a_source_error(tmp_path, body, reason):
    path = tmp_path / "bad.srt"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


def test_srt_content_in_a_txt_file_is_read_as_srt(tmp_path):
    path = tmp_path / "subtitles.txt"
    path.write_text("1\n00:00:04,000 --> 00:00:05,000\n<i>Hello</i>\n", encoding="utf-8")
    assert read(path).text == "Hello"
    assert read(path).second_at(0) == (4.0, False)


def test_looks_like():
    assert looks_like("1\n00:00:01,000 --> 00:00:02,000\n")
    assert looks_like("\n 12 \r\n0:00:01.0-->0:00:02.0\n")
    assert not looks_like("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n")
    assert not looks_like("1 apple\n00:00:01,000 --> 00:00:02,000\n")


WORD = st.text("abcXYZ019.,!?'", min_size=1, max_size=10)  # markup: test_markup_positions_and_coordinates_are_dropped
CUE_TEXT = st.lists(WORD, min_size=1, max_size=6)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 10**5), CUE_TEXT), min_size=1, max_size=20))
def test_srt_round_trip(cues):
    cues = [(start, length, [f"cue{n}", *words]) for n, (start, length, words) in enumerate(sorted(cues))]
    blocks = []
    for number, (start, length, words) in enumerate(cues, 1):
        times = f"{format_clock(start / 1000)} --> {format_clock((start + length) / 1000)}".replace(".", ",")
        half = (len(words) + 1) // 2
        blocks.append(f"{number}\n{times}\n{' '.join(words[:half])}\n{' '.join(words[half:])}\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.srt"
        path.write_text("\n".join(blocks), encoding="utf-8")
        document = read(path)
    assert document.text == " ".join(word for _, _, words in cues for word in words)
    position = 0
    for start, _, words in cues:
        assert document.second_at(position) == (start / 1000, False)
        position += len(" ".join(words)) + 1
