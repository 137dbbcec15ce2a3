"""discover() finds transcripts; read_all() reports failures and goes on."""

from __future__ import annotations

import os
import shutil

import pytest

from graph.errors import SourceError
from graph.model import Document
from graph.sources import Failure, discover, read_all, reader_for


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "talks"
    files = {
        "a.md": "---\ntitle: A\n---\nText A.",
        "b.txt": "Text B.",
        "nested/deeper/c.markdown": "Text C.",
        "nested/d.TXT": "Text D.",
        "README.md": "not a transcript",
        "nested/readme.md": "not a transcript either",
        ".hidden/e.md": "hidden",
        "nested/.cache/f.txt": "hidden too",
        ".g.md": "hidden file",
        "notes.docx": "unsupported",
        "image.png": "unsupported",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_discover_finds_transcripts_recursively(tree):
    found = discover([tree])
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "nested/d.TXT",
        "nested/deeper/c.markdown",
    ]


def test_discover_dedupes_and_keeps_named_files(tree):
    found = discover([tree / "b.txt", tree, str(tree / "a.md")])
    names = [p.relative_to(tree).as_posix() for p in found]
    assert names == ["b.txt", "a.md", "nested/d.TXT", "nested/deeper/c.markdown"]


def test_discover_missing_path(tmp_path):
    with pytest.raises(SourceError) as caught:
        discover([tmp_path / "nope"])
    assert "nope" in str(caught.value)
    assert "no such file or folder" in str(caught.value)


def test_discover_empty_folder(tmp_path):
    assert discover([tmp_path]) == []


def test_read_all_yields_failure_and_goes_on(tmp_path):
    good1 = tmp_path / "1.md"
    good1.write_text("---\ntitle: One\n---\nFirst.", encoding="utf-8")
    bad = tmp_path / "2.md"
    bad.write_text("---\ntitle: never closed\nText.", encoding="utf-8")
    good2 = tmp_path / "3.txt"
    good2.write_text("Third.", encoding="utf-8")
    items = list(read_all([good1, bad, good2]))
    assert len(items) == 3
    assert isinstance(items[0], Document) and items[0].title == "One"
    assert isinstance(items[1], Failure)
    assert items[1].path == bad
    assert str(bad) in items[1].reason and "never closed" in items[1].reason
    assert isinstance(items[2], Document) and items[2].text == "Third."


def test_discover_reads_every_format_and_skips_sidecars(tmp_path):
    for name in ["t.info.json", "t.en.vtt", "t.srt", "t.json", "t.live.txt", "t.webm", "t.description"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["t.en.vtt", "t.json", "t.live.txt", "t.srt"]
    # also when a shell glob names it
    assert [p.name for p in discover([tmp_path / "t.info.json", tmp_path / "t.srt"])] == ["t.srt"]


@pytest.mark.parametrize(
    "name, content, reader",
    [
        ("a.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", ".vtt"),
        ("a.txt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", ".srt"),
        ("a.txt", '[{"text": "hi", "start": 1}]', ".json"),
        ("a.txt", "[00:00:01] hi\n[00:00:02] there", ".txt"),
        ("a.txt", "hi there", ".txt"),
        ("a.transcript", "WEBVTT\n", ".vtt"),
        ("no-extension", '{"segments": []}', ".json"),
        ("a.vtt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", ".vtt"),
        ("a.md", "WEBVTT\n", ".md"),
    ],
)
def test_reader_chosen_by_extension_then_content(tmp_path, name, content, reader):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert reader_for(path) == reader


def test_reader_for_a_missing_file_leaves_the_error_to_the_reader(tmp_path):
    assert reader_for(tmp_path / "gone.txt") == ".txt"


# --- what cannot be read is passed over, named with its reason -----------------------------------
@pytest.fixture
def odd_tree(tmp_path):
    """A folder of one good transcript beside things that are not transcript files."""
    root, outside = tmp_path / "talks", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "good.md").write_text("Amazon works with Anthropic.", encoding="utf-8")
    (outside / "secret.md").write_text("not for this build", encoding="utf-8")
    (root / "leak.md").symlink_to(outside / "secret.md")
    (root / "inner.md").symlink_to(root / "good.md")
    (root / "gone.md").symlink_to(tmp_path / "missing.md")
    (root / "null.txt").symlink_to("/dev/null")
    os.mkfifo(root / "pipe.vtt")
    return root


def test_odd_files_are_passed_over_with_their_reason(odd_tree):
    notices: list[str] = []
    found = discover([odd_tree], notices=notices)
    assert [path.name for path in found] == ["good.md", "inner.md"]
    assert sorted(notices) == sorted(
        [
            f"{odd_tree / 'gone.md'}: passed over: a link to nothing that can be read (No such file or directory)",
            f"{odd_tree / 'leak.md'}: passed over: a link out of the folders named (to "
            f"{(odd_tree.parent / 'elsewhere' / 'secret.md').resolve()}); pass --follow-symlinks to read it",
            f"{odd_tree / 'null.txt'}: passed over: a device, not a transcript file",
            f"{odd_tree / 'pipe.vtt'}: passed over: a FIFO, not a transcript file",
        ]
    )


def test_follow_symlinks_reads_links_out_of_the_folders(odd_tree):
    found = discover([odd_tree], follow_symlinks=True, notices=[])
    assert "leak.md" in [path.name for path in found]


def test_a_link_into_another_named_folder_is_read(odd_tree):
    notices: list[str] = []
    found = discover([odd_tree, odd_tree.parent / "elsewhere"], notices=notices)
    assert "leak.md" in [path.name for path in found]
    assert not any("leak.md" in notice for notice in notices)


def test_a_path_too_long_to_open_is_passed_over_and_the_rest_found(tmp_path):
    (tmp_path / "good.md").write_text("Amazon works with Anthropic.", encoding="utf-8")
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 × 200 characters: past PATH_MAX (4,096)
            os.mkdir("d" * 200, dir_fd=folder)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, dir_fd=folder), "w") as deep:
            deep.write("unreachable by its path")
    finally:
        os.close(folder)
    notices: list[str] = []
    found = discover([tmp_path], notices=notices)
    assert [path.name for path in found] == ["good.md"]
    assert len(notices) == 1 and notices[0].endswith("passed over (File name too long)")
    shutil.rmtree(tmp_path / ("d" * 200), ignore_errors=True)  # the test's tmp_path cleanup could not
