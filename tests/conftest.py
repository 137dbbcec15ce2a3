"""Shared fixtures: the default schema, the example transcript and its built dataset,
and a factory that writes small Markdown transcripts with YAML front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.building import build
from graph.schema import load_schema

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"
GOLD_DIR = REPO / "tests" / "data" / "gold"
GOLDEN_DIR = REPO / "tests" / "data" / "golden"

DEFAULT_META = {
    "title": "A test transcript",
    "video_id": "abcDEF12345",
    "youtube_url": "https://www.youtube.com/watch?v=abcDEF12345",
    "publish_date": "2025-02-01",
    "duration_seconds": 120,
    "author": "Test Channel",
}


@pytest.fixture(scope="session")
def schema():
    return load_schema()


@pytest.fixture(scope="session")
def example_path() -> Path:
    assert EXAMPLE.is_file()
    return EXAMPLE


@pytest.fixture(scope="session")
def example_dataset(example_path, schema):
    dataset, report = build([example_path], schema=schema)
    assert report.documents == 1 and not report.failures
    return dataset


@pytest.fixture
def write_transcript(tmp_path):
    """write_transcript(body, name="talk.md", **metadata) -> Path of a Markdown file with front matter.

    Metadata keys default to DEFAULT_META; pass key=None to leave one out.
    """

    def write(body: str, name: str = "talk.md", **metadata) -> Path:
        meta = {**DEFAULT_META, **metadata}
        meta = {k: v for k, v in meta.items() if v is not None}
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server on a free loopback port, for the whole run."""
    from oxigraph_server import OxigraphServer

    with OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db") as server:
        yield server


def pytest_collection_modifyitems(items):
    """A test that uses the Oxigraph server, directly or through another fixture, is a server test."""
    for item in items:
        if "oxigraph_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)


@pytest.fixture
def sparql_store(oxigraph_server):
    """A `sparql:` store on the shared server, emptied first."""
    from graph.stores import open_store

    oxigraph_server.clear()
    store = open_store(f"sparql:{oxigraph_server.query_url}")
    yield store
    store.close()


@pytest.fixture
def listener():
    """A loopback port that records any connection: a query must never reach it."""
    from listener import Listener

    recorder = Listener()
    yield recorder
    recorder.close()
