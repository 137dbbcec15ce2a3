"""Plain text transcripts."""

from __future__ import annotations

import pytest

from graph.errors import SourceError
from graph.sources import read
from graph.sources.plaintext import read as read_plaintext


def test_plain_text_document(tmp_path):
    path = tmp_path / "My Talk 2025.txt"
    path.write_text("\n  Amazon is working with Anthropic.\n# not a heading in plain text\n\n", encoding="utf-8")
    document = read_plaintext(path)
    assert document.id == "my-talk-2025"
    assert document.title == "My Talk 2025"
    assert document.text == "Amazon is working with Anthropic.\n# not a heading in plain text"
    assert document.source == str(path)
    assert document.video_id is None and document.url is None and document.hints == ()


def test_plain_text_with_dashes_is_not_front_matter(tmp_path):
    path = tmp_path / "dashes.txt"
    path.write_text("---\ntitle: not metadata\n", encoding="utf-8")
    document = read(path)
    assert document.title == "dashes"
    assert document.text == "---\ntitle: not metadata"


def test_cp1252_plain_text(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"Na\xefve \x93quotes\x94 \x80100\n")
    assert read(path).text == "Naïve \u201cquotes\u201d €100"


def test_nul_bytes_are_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(SourceError, match="NUL"):
        read(path)


def test_unreadable_path_is_a_source_error(tmp_path):
    with pytest.raises(SourceError) as caught:
        read(tmp_path / "missing.txt")
    assert "missing.txt" in str(caught.value)
