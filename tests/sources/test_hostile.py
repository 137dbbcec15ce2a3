"""Broken and hostile transcripts: each bad file is one Failure with a reason that names it,
nothing in them runs, and the hostile-looking good ones are read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import bad_files, good_files, make_hostile_folder

from graph.errors import SourceError
from graph.sources import MAX_TEXT_CHARS, Failure, read, read_all
from graph.sources.json_transcript import parse_json


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile")
    make_hostile_folder(path)
    return path


@pytest.mark.parametrize("name", sorted(bad_files(Path("."))), ids=lambda name: name.encode("unicode_escape").decode())
def test_a_bad_file_is_one_failure_naming_it(folder, name):
    path = folder / name
    [item] = list(read_all([path]))
    assert isinstance(item, Failure), item
    assert item.path == path
    assert item.reason.startswith(f"{path}: ")
    assert bad_files(folder)[name][1] in item.reason
    assert "\n" not in item.reason.replace(str(path), "")  # one line, but for a file name that has a break
    assert isinstance(item.error, SourceError)


def test_the_yaml_payload_runs_nothing(folder):
    list(read_all([folder / "python.md"]))
    assert not (folder / "PWNED").exists()


def test_the_alias_bomb_is_read_without_expanding(folder):
    document = read(folder / "alias-bomb.md")
    assert document.title == "alias-bomb"  # the title is a list of lists: not a title
    assert document.author is None and document.hints == ()
    assert document.text == "Amazon is working with Anthropic."


def test_cp1252_text_is_decoded(folder):
    assert read(folder / "cp1252.txt").text == "Amazon\u2019s deal with Anthropic \u2013 caf\u00e9."


def test_lone_surrogates_become_replacement_characters(folder):
    document = read(folder / "surrogates.json")
    assert document.text == "Amazon \ufffd is working with \ufffd Anthropic"
    document.text.encode("utf-8")  # no lone surrogate is left to break a file, log or request


def test_good_files_are_read(folder):
    items = list(read_all([folder / name for name in good_files()]))
    assert [type(item).__name__ for item in items] == ["Document"] * len(good_files())


def test_text_just_under_the_limit_is_read_and_over_it_refused(tmp_path):
    under, over = tmp_path / "under.txt", tmp_path / "over.txt"
    under.write_text("a" * MAX_TEXT_CHARS, encoding="utf-8")
    over.write_text("a" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    assert len(read(under).text) == MAX_TEXT_CHARS
    with pytest.raises(SourceError, match="3,000,001 characters of text is more than a transcript holds"):
        read(over)


def test_a_hostile_sidecar_names_itself(tmp_path):
    (tmp_path / "talk.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAmazon.\n", encoding="utf-8")
    for content, reason in (
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"duration": ' + "9" * 5000 + "}", "a number has thousands of digits"),
    ):
        (tmp_path / "talk.info.json").write_text(content, encoding="utf-8")
        [failure] = list(read_all([tmp_path / "talk.vtt"]))
        assert failure.reason == (
            f"{tmp_path / 'talk.info.json'}: metadata sidecar is not valid JSON ({reason}); fix it or move it away"
        )


def test_a_reader_bug_is_a_failure_and_the_others_go_on(tmp_path, monkeypatch):
    """An exception no reader meant to raise still costs only its own file."""
    from graph.sources import READERS

    # a "reader" that fails as a bug would: looks_like wants the text, not a path
    monkeypatch.setitem(READERS._paths, ".boom", "graph.sources.json_transcript:looks_like")
    bad, good = tmp_path / "a.boom", tmp_path / "b.txt"
    bad.write_text("x", encoding="utf-8")
    good.write_text("Amazon is working with Anthropic.", encoding="utf-8")
    first, second = read_all([bad, good])
    assert isinstance(first, Failure)
    assert first.reason.startswith(f"{bad}: could not be read (TypeError: ")
    assert first.reason.endswith("this is a talkgraph bug: please report it with the file")
    assert isinstance(first.error, TypeError)
    assert second.text == "Amazon is working with Anthropic."


@pytest.mark.parametrize(
    "text, reason",
    [
        ("[1, 2", "Expecting ',' delimiter at line 1 column 6"),
        ("Infinity", "Infinity is not a number JSON allows"),
        ("-Infinity", "-Infinity is not a number JSON allows"),
        ("1" * 4301, "a number has thousands of digits"),
    ],
)
def test_parse_json_reasons(text, reason):
    with pytest.raises(ValueError) as caught:
        parse_json(text)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    "failure",
    [
        LookupError("unknown encoding: utf-8-sig"),
        ModuleNotFoundError("No module named 'encodings.utf_8_sig'"),
        PermissionError(13, "Permission denied"),
    ],
)
def test_an_environment_failure_is_not_called_a_talkgraph_bug(tmp_path, monkeypatch, failure):
    """A codec or module the user cannot load (an installation they may not read) is the
    environment's problem, and the message says where to look."""
    import graph.sources as sources

    def broken(path, data=None):
        raise failure

    monkeypatch.setattr(sources, "read", broken)
    talk = tmp_path / "talk.md"
    talk.write_text("Amazon is working with Anthropic.", encoding="utf-8")
    [result] = read_all([talk])
    assert isinstance(result, Failure)
    assert "talkgraph bug" not in result.reason
    assert result.reason.startswith(
        f"{talk}: could not be read: the Python environment failed ({type(failure).__name__}"
    )
    assert result.reason.endswith("check that talkgraph's installation is readable by this user (make install)")
