"""WebVTT, and YouTube auto-captions as yt-dlp writes them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.sources import read
from graph.sources.timed import format_clock
from graph.sources.vtt import looks_like
from graph.sources.vtt import read as read_vtt

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"
AUTO_CAPTIONS = FORMATS / "Amazon and Anthropic [abcDEF12345].en.vtt"


def test_youtube_auto_captions_come_out_once_with_word_timings():
    document = read_vtt(AUTO_CAPTIONS)
    assert document.text == "so Amazon is working with Anthropic R&D and Google sells ads"
    assert document.title == "Amazon and Anthropic [abcDEF12345].en"
    assert document.second_at(document.text.index("Amazon")) == (0.48, False)
    assert document.second_at(document.text.index("with")) == (2.32, False)
    assert document.second_at(document.text.index("Anthropic")) == (2.8, False)
    assert document.second_at(document.text.index("Google")) == (5.6, False)
    assert document.second_at(len(document.text) - 1) == (6.7, False)


def test_sidecar_supplies_the_metadata():
    document = read(AUTO_CAPTIONS)
    assert document.id == document.video_id == "abcDEF12345"
    assert document.title == "Amazon and Anthropic"
    assert document.url == "https://www.youtube.com/watch?v=abcDEF12345"
    assert (document.published, document.duration_seconds, document.author) == ("2025-02-01", 120.0, "Test Channel")
    assert document.text == read_vtt(AUTO_CAPTIONS).text


def test_trimmed_rolling_captions(tmp_path):
    path = tmp_path / "trimmed.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.500 align:start position:0%\n\n"
        "hello<00:00:00.500><c> there</c>\n\n00:00:02.500 --> 00:00:02.510 align:start position:0%\n"
        "hello there\n\n\n00:00:02.510 --> 00:00:05.000 align:start position:0%\nhello there\n"
        "welcome<00:00:03.000><c> back</c>\n",
        encoding="utf-8",
    )
    document = read(path)
    assert document.text == "hello there welcome back"
    assert document.second_at(document.text.index("back")) == (3.0, False)


def test_plain_webvtt_with_identifiers_and_short_times(tmp_path):
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT - a talk\n\nREGION\nid:fred\nwidth:40%\n\n1\n00:01.000 --> 00:04.000 line:0\n"
        "<v Roger>Amazon works with Anthropic.</v>\n\nsecond-cue\n01:02.000 --> 01:05.000\n"
        "Google sells ads.\n",
        encoding="utf-8",
    )
    document = read(path)
    assert document.text == "Amazon works with Anthropic. Google sells ads."
    assert document.second_at(document.text.index("Google")) == (62.0, False)
    assert document.id == "talk" and document.url is None


@pytest.mark.parametrize(
    "body, reason",
    [
        ("00:00:01.000 --> 00:00:0x.000\nHello\n", "line 3: cue time '00:00:01.000 --> 00:00:0x.000' is not"),
        ("00:00:05.000 --> 00:00:01.000\nHello\n", "line 3: cue ends (00:00:01.000) before it starts (00:00:05.000)"),
        ("00:00:01.000 --> \nHello\n", "line 3: cue time"),
        ("just words\n", "no cues found"),
        ("", "no cues found"),
    ],
)
def test_malformed_cues_are_a_source_error(tmp_path, body, reason):
    path = tmp_path / "bad.vtt"
    path.write_text(f"WEBVTT\n\n{body}", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)


def test_webvtt_content_in_a_txt_file_is_read_as_webvtt(tmp_path):
    path = tmp_path / "captions.txt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<c>Hello</c> there\n", encoding="utf-8")
    document = read(path)
    assert document.text == "Hello there"
    assert document.second_at(0) == (1.0, False)


def test_looks_like():
    assert looks_like("WEBVTT\nKind: captions")
    assert looks_like("WEBVTT")
    assert looks_like("WEBVTT - title\n")
    assert not looks_like("WEBVTTX\n")
    assert not looks_like("1\n00:00:01,000 --> 00:00:02,000\n")


def rolling_vtt(words: list[str], seconds: list[float], per_line: int) -> str:
    """Auto-captions the way YouTube rolls them, for the round trip."""
    blocks, previous = ["WEBVTT\nKind: captions\nLanguage: en\n"], " "
    for first in range(0, len(words), per_line):
        line = words[first : first + per_line]
        stamps = "".join(f"<{format_clock(seconds[first + i])}><c> {w}</c>" for i, w in enumerate(line[1:], 1))
        end = seconds[first + len(line) - 1] + 0.5
        blocks.append(
            f"{format_clock(seconds[first])} --> {format_clock(end)} align:start position:0%\n"
            f"{previous}\n{line[0]}{stamps}\n"
        )
        previous = " ".join(line)
        blocks.append(f"{format_clock(end)} --> {format_clock(end + 0.01)} align:start position:0%\n{previous}\n \n")
    return "\n".join(blocks)


WORDS = st.lists(st.text("abcXYZ019'", min_size=1, max_size=8), min_size=1, max_size=40)


@settings(max_examples=50, deadline=None)
@given(WORDS, st.integers(1, 9), st.data())
def test_rolling_captions_round_trip(words, per_line, data):
    gaps = data.draw(st.lists(st.integers(1, 5000), min_size=len(words), max_size=len(words)))
    seconds = [sum(gaps[: i + 1]) / 1000 for i in range(len(words))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roll.en.vtt"
        path.write_text(rolling_vtt(words, seconds, per_line), encoding="utf-8")
        document = read(path)
    assert document.text == " ".join(words)
    position = 0
    for word, second in zip(words, seconds):
        assert document.second_at(position) == (second, False)
        position += len(word) + 1
