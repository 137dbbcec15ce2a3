"""The README documents every command and every saved query."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cli import main

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted(p.stem for p in (REPO / "schema" / "queries").glob("*.rq"))


def _readme() -> str:
    path = REPO / "README.md"
    assert path.is_file(), "README.md is missing"
    return path.read_text(encoding="utf-8")


def test_there_are_commands_and_queries():
    assert len(main.commands) >= 6
    assert len(QUERIES) >= 6


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"talkgraph {command}" in _readme()


@pytest.mark.parametrize("name", QUERIES)
def test_every_saved_query_is_in_the_readme(name):
    assert re.search(rf"`{re.escape(name)}`|\b{re.escape(name)}\.rq\b", _readme()), name


def test_the_security_section_lists_what_is_refused():
    readme = _readme()
    section = readme[readme.index("\n## Security\n") :]
    section = section[: section.index("\n## ", 1)]
    for refused in (
        "!!python/object/apply",
        "NUL bytes",
        "NaN",
        "SERVICE",
        "FROM NAMED",
        "LOAD",
        "INSERT",
        "CLEAR",
        "DROP",
        "--timeout",
        "@context",
        "store is locked",
        "full disk",
        "read-only folder",
        "SIGKILL",
        "=",
        "owl:imports",
    ):
        assert refused in section, refused
