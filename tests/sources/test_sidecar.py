"""yt-dlp's NAME.info.json metadata sidecar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.sources import read
from graph.sources.sidecar import find, is_sidecar, metadata

INFO = {
    "id": "abcDEF12345",
    "title": "A Title",
    "upload_date": "20250201",
    "channel": "Chan",
    "uploader": "Up",
    "duration": 95.5,
    "webpage_url": "https://www.youtube.com/watch?v=abcDEF12345",
    "description": "Desc.",
}
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAmazon works with Anthropic\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "transcript",
    [
        "Talk [abcDEF12345].en.vtt",
        "Talk [abcDEF12345].vtt",
        "Talk [abcDEF12345].srt",
        "Talk [abcDEF12345].json",
        "Talk [abcDEF12345].en-orig.vtt",
        "Talk [abcDEF12345].whisper.json",
    ],
)
def test_find_beside_each_transcript_name(tmp_path, transcript):
    sidecar = write(tmp_path / "Talk [abcDEF12345].info.json", "{}")
    assert find(tmp_path / transcript) == sidecar


def test_find_nothing(tmp_path):
    write(tmp_path / "Other.info.json", "{}")
    assert find(tmp_path / "Talk.en.vtt") is None
    assert find(tmp_path / "Talk.a.b.vtt") is None  # two suffixes at most: format and language
    assert find(tmp_path / ".vtt") is None


def test_metadata_fields(tmp_path):
    sidecar = write(tmp_path / "t.info.json", json.dumps(INFO))
    assert metadata(sidecar) == {
        "video_id": "abcDEF12345",
        "title": "A Title",
        "published": "2025-02-01",
        "author": "Chan",
        "duration_seconds": 95.5,
        "url": "https://www.youtube.com/watch?v=abcDEF12345",
        "description": "Desc.",
    }


def test_values_of_the_wrong_kind_are_ignored(tmp_path):
    sidecar = write(
        tmp_path / "t.info.json",
        json.dumps(
            {
                "id": 12,
                "title": "  ",
                "upload_date": "2025-02-01",
                "channel": None,
                "uploader": "Up",
                "duration": True,
                "webpage_url": "javascript:alert(1)",
                "description": ["x"],
            }
        ),
    )
    assert metadata(sidecar) == {"author": "Up"}
    assert metadata(write(tmp_path / "u.info.json", '{"duration": -3, "upload_date": "20251340"}')) == {}


def test_read_applies_the_sidecar(tmp_path):
    write(tmp_path / "Talk [abcDEF12345].info.json", json.dumps(INFO))
    document = read(write(tmp_path / "Talk [abcDEF12345].en.vtt", CAPTIONS))
    assert (document.id, document.video_id, document.title) == ("abcDEF12345", "abcDEF12345", "A Title")
    assert (document.published, document.author, document.duration_seconds) == ("2025-02-01", "Chan", 95.5)
    assert document.url == "https://www.youtube.com/watch?v=abcDEF12345"


def test_the_sidecar_dates_plain_text_for_estimates(tmp_path):
    write(tmp_path / "talk.info.json", json.dumps(INFO))
    document = read(write(tmp_path / "talk.txt", "x" * 100))
    assert document.second_at(50) == (47.8, True)


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"id": "abc",', "metadata sidecar is not valid JSON (Expecting"),
        ("[1, 2]", "metadata sidecar must be a JSON object, not a list"),
    ],
)
def test_broken_sidecar_names_itself(tmp_path, content, reason):
    sidecar = write(tmp_path / "talk.info.json", content)
    with pytest.raises(SourceError) as caught:
        read(write(tmp_path / "talk.vtt", CAPTIONS))
    assert str(caught.value).startswith(f"{sidecar}: ")
    assert reason in str(caught.value)


def test_a_sidecar_is_not_read_as_a_transcript(tmp_path):
    sidecar = write(tmp_path / "talk.info.json", json.dumps(INFO))
    assert is_sidecar(sidecar) and is_sidecar(Path("X.INFO.JSON")) and not is_sidecar(Path("info.json.txt"))
    with pytest.raises(SourceError) as caught:
        read(sidecar)
    assert str(caught.value).startswith(f"{sidecar}: is yt-dlp metadata, not a transcript")
