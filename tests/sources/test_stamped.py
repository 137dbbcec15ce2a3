"""Text with [hh:mm:ss] or (mm:ss) line stamps, in plain text and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.sources import read
from graph.sources.stamped import looks_like, parse

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"


def test_bracket_and_parenthesis_stamps():
    document = read(FORMATS / "stamped.txt")
    assert document.text == (
        "Amazon and Anthropic, notes So Amazon is working with Anthropic. Google sells ads. "
        "Microsoft works with OpenAI. The end."
    )
    assert document.second_at(document.text.index("with")) == (0.0, False)
    assert document.second_at(document.text.index("Google")) == (65.5, False)
    assert document.second_at(document.text.index("Microsoft")) == (70.0, False)
    assert document.second_at(document.text.index("The end")) == (3723.0, False)


def test_youtube_panel_copy_with_stamps_on_their_own_lines():
    document = read(FORMATS / "youtube_panel.txt")
    assert document.text == "so Amazon is working with Anthropic and Google sells ads that's a wrap"
    assert document.second_at(document.text.index("Google")) == (4.0, False)
    assert document.second_at(document.text.index("wrap")) == (3723.0, False)


def test_markdown_body_with_stamps(write_transcript):
    path = write_transcript("# Heading\n\n[00:00:10] Amazon is working\n[00:00:20] with Anthropic.\n")
    document = read(path)
    assert document.text == "Amazon is working with Anthropic."
    assert document.second_at(document.text.index("with")) == (20.0, False)
    assert document.video_id == "abcDEF12345"


@pytest.mark.parametrize(
    "text",
    [
        "Amazon is working with Anthropic.",
        "[00:00:05] only one stamp\nand then words",
        "we met at 10:30 today\nand again at 11:45 tomorrow",
        "[1] a footnote\n[2] another",
        "(see 1:20) in the middle\n(and 2:30)",
    ],
)
def test_text_without_two_line_stamps_is_plain(text):
    assert not looks_like(text)


def test_a_one_stamp_text_stays_plain_and_is_estimated(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("[00:00:05] one stamp, then words", encoding="utf-8")
    document = read(path)
    assert document.text == "[00:00:05] one stamp, then words"
    assert document.segments == ()


@pytest.mark.parametrize(
    "text, reason",
    [
        ("[00:00:10] a\n[00:61:00] b", "line 2: stamp '00:61:00' is not a time"),
        ("(00:10) a\n(00:05) b", "line 2: stamp 00:00:05.000 comes before 00:00:10.000 on line 1"),
        ("[00:00:10] a\n[1:2:3] b\n[00:00:20] c", "line 2: stamp '1:2:3' is not a time"),
    ],
)
def test_broken_or_reversed_stamps(text, reason):
    with pytest.raises(SourceError) as caught:
        parse(text, Path("notes.txt"))
    assert str(caught.value).startswith("notes.txt: ")
    assert reason in str(caught.value)


def test_broken_stamp_in_a_file_names_it(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("[00:00:10] a\n[00:00:20] b\n[00:00:1O] typo\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}: line 3: ")


def test_lines_without_a_stamp_belong_to_the_one_above():
    text, segments = parse("intro\n[00:00:02] a\nb\n\n(00:04) c", Path("x.txt"))
    assert text == "intro a b c"
    assert [(s.start_char, s.start_second) for s in segments] == [(0, 0.0), (6, 2.0), (10, 4.0)]


def test_errors_give_the_file_line_in_markdown_and_text(tmp_path):
    markdown = tmp_path / "talk.md"
    markdown.write_text("---\ntitle: T\n---\n\n# Heading\n[00:00:10] a\n[00:00:05] b\n", encoding="utf-8")
    text = tmp_path / "talk.txt"
    text.write_text("\n\n[00:00:10] a\n[00:00:05] b\n", encoding="utf-8")
    for path, line in ((markdown, 7), (text, 4)):
        with pytest.raises(SourceError) as caught:
            read(path)
        assert str(caught.value).startswith(f"{path}: line {line}: stamp 00:00:05.000 comes before")
