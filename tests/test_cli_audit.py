"""`talkgraph audit`: a sample file drawn from a built graph, graded and scored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_path) -> Path:
    path = tmp_path_factory.mktemp("audit") / "graph.ttl"
    assert run("build", example_path, "-o", path, "-q").exit_code == 0
    return path


def test_draw_grade_and_score(graph_file, example_path, tmp_path):
    sample = tmp_path / "sample.csv"
    args = ("audit", graph_file, "--per-relation", 2, "--uniform", 3, "--seed", 1)
    result = run(*args, "--transcripts", example_path.parent, "-o", sample)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(sample.open(encoding="utf-8")))
    stratified = sum(row["sample"] == "stratified" for row in rows)
    assert result.stderr.strip().startswith(f"{len(rows)} claims: {stratified} stratified over ")
    assert all("[[" in row["context"] for row in rows)
    again = csv.DictReader(run(*args).stdout.splitlines())  # the same seed, the same claims
    assert [row["claim"] for row in again] == [row["claim"] for row in rows]

    for number, row in enumerate(rows):
        row["correct"], row["quote_supports"] = ("n" if number % 3 == 0 else "y"), "y"
    with sample.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    scored = run("audit", "--score", sample)
    assert scored.exit_code == 0, scored.output
    lines = scored.stdout.splitlines()
    assert lines[0].split() == ["graded", "correct", "precision", "95%", "Wilson", "interval"]
    assert lines[-1].split()[:5] == ["quote", "supports", "claim", str(len(rows)), str(len(rows))]


def test_without_transcripts_the_context_is_empty(graph_file):
    result = run("audit", graph_file, "--uniform", 2, "--per-relation", 0)
    assert result.exit_code == 0
    assert "talkgraph: notice: no --transcripts DIR: the context column is empty" in result.stderr
    assert {row["context"] for row in csv.DictReader(result.stdout.splitlines())} == {""}


def test_a_transcript_not_found_is_one_line(graph_file, tmp_path):
    result = run("audit", graph_file, "--uniform", 2, "--per-relation", 0, "--transcripts", tmp_path)
    assert result.exit_code == 0
    notices = [line for line in result.stderr.splitlines() if "notice" in line]
    assert notices == ["talkgraph: notice: no context for 1 of 1 documents (1: transcript not found), e.g. U6bZI-0oAjc"]


def test_an_ungraded_sample_is_an_error(graph_file, tmp_path):
    sample = tmp_path / "sample.csv"
    assert run("audit", graph_file, "-o", sample).exit_code == 0
    result = run("audit", "--score", sample)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"talkgraph: error: {sample} line 2: correct is not graded; fill it with y or n (")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give the GRAPH to draw a sample from, or --score FILE"),
        (("graph.ttl", "--score", __file__), "not both"),
    ],
)
def test_graph_or_score(args, message):
    result = run("audit", *args)
    assert result.exit_code == 1 and message in result.stderr
