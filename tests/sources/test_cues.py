"""Cues shared by WebVTT and SRT: timing lines, markup, and rolling lines kept once."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.sources.cues import Cue, line_pieces, new_pieces, parse_cues, plain
from graph.sources.timed import assemble

FILE = Path("talk.vtt")


def test_parse_cues_and_stray_lines():
    raw = "WEBVTT\nKind: captions\n\nintro\n00:01.000 --> 00:02.500 align:start\nHello\nthere\n\nNOTE x\n"
    cues, stray = parse_cues(raw, FILE)
    assert cues == [Cue(1.0, 2.5, 5, ["Hello", "there"])]
    assert stray == [(1, "WEBVTT"), (2, "Kind: captions"), (4, "intro"), (9, "NOTE x")]


def test_a_cue_number_with_no_empty_line_before_it_is_not_text():
    raw = "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n"
    cues, stray = parse_cues(raw, FILE)
    assert [c.lines for c in cues] == [["One"], ["Two"]]
    assert stray == [(1, "1")]


def test_an_empty_line_right_after_the_time_keeps_the_cue_open():
    # yt-dlp writes a line of one space there; editors trim it to an empty line
    raw = "WEBVTT\n\n00:00.000 --> 00:02.000\n\nhello<00:00:01.000><c> there</c>\n\nlater\n"
    cues, stray = parse_cues(raw, FILE)
    assert cues[0].lines == ["hello<00:00:01.000><c> there</c>"]
    assert stray == [(1, "WEBVTT"), (7, "later")]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("00:00:01.000 --> banana", "not 'start --> end'"),
        ("00:00:xx.000 --> 00:00:02.000", "not 'start --> end'"),
        ("00:00:01.000 -->", "not 'start --> end'"),
        ("00:00:01.000 00:00:02.000 -->", "not 'start --> end'"),
        ("00:00:01.000 --> 00:00:61.000", "not 'start --> end'"),
        ("00:00:05.000 --> 00:00:01.000", "ends (00:00:01.000) before it starts (00:00:05.000)"),
    ],
)
def test_malformed_cue_times_name_file_and_line(line, reason):
    with pytest.raises(SourceError) as caught:
        parse_cues(f"WEBVTT\n\n00:00.000 --> 00:01.000\nfine\n\n{line}\ntext\n", FILE)
    assert str(caught.value).startswith("talk.vtt: line 6: ")
    assert reason in str(caught.value)


def test_line_pieces_follow_inline_timestamps():
    line = "so<00:00:00.480><c> Amazon</c><00:00:00.960><c.colorE5E5E5> is</c><bad:stamp> here"
    assert line_pieces(line, 0.1) == [(0.1, "so"), (0.48, " Amazon"), (0.96, " is here")]


def test_plain_drops_markup_and_unescapes():
    assert plain('<v Nate>R&amp;D</v> <i>is</i> {\\an8}<font color="#fff">&lt;fun&gt;</font>') == "R&D is <fun>"
    assert plain("a < b and c > d") == "a < b and c > d"


def _text(*cues: Cue) -> str:
    return assemble(new_pieces(cues))[0]


def test_rolling_lines_come_out_once():
    assert (
        _text(
            Cue(0.0, 2.3, 1, [" ", "so<00:00:00.480><c> Amazon</c>"]),
            Cue(2.3, 2.31, 4, ["so Amazon", " "]),
            Cue(2.31, 5.0, 7, ["so Amazon", "is<00:00:03.000><c> working</c>"]),
            Cue(5.0, 5.01, 10, ["is working", " "]),
            Cue(5.01, 6.0, 13, ["is working", "with Anthropic"]),
        )
        == "so Amazon is working with Anthropic"
    )


def test_three_line_roll_and_repeated_cue():
    assert (
        _text(
            Cue(0, 1, 1, ["one"]),
            Cue(1, 2, 2, ["one", "two"]),
            Cue(2, 3, 3, ["one", "two", "three"]),
            Cue(3, 4, 4, ["two", "three", "four"]),
            Cue(4, 5, 5, ["two", "three", "four"]),
        )
        == "one two three four"
    )


def test_different_lines_are_all_kept():
    assert (
        _text(Cue(0, 1, 1, ["Amazon", "works with"]), Cue(1, 2, 4, ["Anthropic", "Amazon"]))
        == "Amazon works with Anthropic Amazon"
    )


def test_each_new_line_starts_at_its_cue():
    text, segments = assemble(new_pieces([Cue(0.0, 2.0, 1, ["a b"]), Cue(2.0, 4.0, 4, ["a b", "c d"])]))
    assert text == "a b c d"
    assert [(s.start_char, s.start_second) for s in segments] == [(0, 0.0), (4, 2.0)]


def test_a_line_said_twice_in_rolling_captions_is_kept_twice():
    # found by the round trip: comparing with every line kept so far dropped the second "no"
    assert (
        _text(
            Cue(0, 1, 1, [" ", "no"]),
            Cue(1, 1.01, 4, ["no", " "]),
            Cue(1.01, 2, 7, ["no", "no"]),
            Cue(2, 2.01, 10, ["no", " "]),
            Cue(2.01, 3, 13, ["no", "no"]),
        )
        == "no no no"
    )
