"""write_atomic: all or nothing, no leftovers, clean errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from graph.errors import TalkgraphError
from graph.export import EXPORTERS, export, format_for
from graph.export.files import write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_text_bytes_and_callables(tmp_path):
    assert write_atomic(tmp_path / "a.txt", "héllo\n") == tmp_path / "a.txt"
    assert (tmp_path / "a.txt").read_bytes() == "héllo\n".encode()
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    write_atomic(tmp_path / "deep" / "er" / "c.txt", lambda stream: stream.write(b"via callable"))
    assert (tmp_path / "deep" / "er" / "c.txt").read_bytes() == b"via callable"
    assert _leftovers(tmp_path) == []


def test_failed_writer_leaves_the_previous_file(tmp_path):
    target = tmp_path / "graph.ttl"
    original = b"previous contents\n" * 1000
    target.write_bytes(original)

    def writer(stream):
        stream.write(b"half of the new file")
        stream.flush()
        raise RuntimeError("writer failed midway")

    with pytest.raises(RuntimeError, match="midway"):
        write_atomic(target, writer)
    assert target.read_bytes() == original
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_interrupted_writer_leaves_no_file(tmp_path):
    target = tmp_path / "new.ttl"

    def writer(stream):
        stream.write(b"partial")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, writer)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_interrupt_as_the_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch):
    """A signal that lands right after the temporary file exists, before the write starts
    (the moment a SIGTERM test caught on a slow machine)."""
    real_open = os.open

    def open_then_interrupt(*args, **kwargs):
        real_open(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "new.ttl", b"data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_os_error_in_writer_is_a_talkgraph_error(tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("keep", encoding="utf-8")

    def writer(stream):
        raise OSError(28, "No space left on device")

    with pytest.raises(TalkgraphError, match="cannot write .*x.txt: No space left on device"):
        write_atomic(target, writer)
    assert target.read_text(encoding="utf-8") == "keep"
    assert _leftovers(tmp_path) == []


def test_keeps_permissions_of_an_existing_file(tmp_path):
    target = tmp_path / "perm.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


@pytest.fixture
def never_replace_devices(monkeypatch):
    """Fail the test, rather than replace a device node, if write_atomic ever renames onto /dev."""
    real_replace = os.replace

    def guarded(source, target, *args, **kwargs):
        if str(target).startswith("/dev/"):
            raise AssertionError(f"write_atomic tried to replace {target}")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", guarded)


def test_writing_into_dev_full_raises(never_replace_devices):
    with pytest.raises(TalkgraphError) as caught:
        write_atomic("/dev/full", b"x" * 100_000)
    assert "cannot write /dev/full" in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_exporting_into_dev_full_raises(example_dataset, never_replace_devices):
    with pytest.raises(TalkgraphError, match="cannot write /dev/full"):
        export(example_dataset, "turtle", "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_pipe_whose_reader_is_gone_ends_the_writing_quietly(never_replace_devices):
    reader, writer = os.pipe()
    os.close(reader)  # as `talkgraph export ... -o /dev/stdout | head -1` once head has its line
    try:
        assert write_atomic(f"/dev/fd/{writer}", b"x" * 1_000_000) == Path(f"/dev/fd/{writer}")
    finally:
        os.close(writer)


def test_unwritable_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(TalkgraphError, match="cannot write"):
        write_atomic(blocker / "out.ttl", "data")


def test_writing_onto_a_folder(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(TalkgraphError, match="cannot write"):
        write_atomic(tmp_path / "folder", "data")
    assert (tmp_path / "folder").is_dir()


def test_format_for_and_registry():
    assert format_for("out/graph.TTL") == "turtle"
    assert format_for("x.nq") == "nquads"
    assert format_for("x.html") == "html"
    assert format_for("x.xls") is None
    assert EXPORTERS.names() == sorted(
        ["turtle", "nt", "trig", "nquads", "jsonld", "graphml", "gexf", "csv", "html", "neo4j"]
    )
    with pytest.raises(TalkgraphError, match="unknown export format 'xls'"):
        EXPORTERS.get("xls")
