"""graph/audit.py on a graph built from the development transcripts: the sample drawn, the text
around each quote, and the figures of a graded sample checked against numbers worked by hand."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from pathlib import Path

import pytest

from graph import audit
from graph.building import build
from graph.errors import TalkgraphError
from graph.export import export

TRANSCRIPTS = Path(__file__).resolve().parent / "data" / "dev" / "transcripts"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, schema) -> Path:
    dataset, report = build([TRANSCRIPTS], schema=schema)
    assert report.documents == 25 and not report.failures
    path = tmp_path_factory.mktemp("audit") / "dev.trig"
    export(dataset, "trig", path)
    return path


@pytest.fixture(scope="module")
def claims(graph_file) -> list[audit.SampledClaim]:
    every = audit.draw_sample(graph_file, per_relation=10**6, uniform=0, seed=0)
    assert len(every) > 60
    return every


def test_the_same_seed_draws_the_same_sample(graph_file):
    first = audit.draw_sample(graph_file, per_relation=3, uniform=10, seed=7)
    again = audit.draw_sample(graph_file, per_relation=3, uniform=10, seed=7)
    other = audit.draw_sample(graph_file, per_relation=3, uniform=10, seed=8)
    assert first == again
    assert [c.claim for c in first] != [c.claim for c in other]


def test_strata_hold_n_per_relation_and_the_uniform_sample_the_rest(graph_file, claims):
    sample = audit.draw_sample(graph_file, per_relation=4, uniform=12, seed=1)
    uniform = [c for c in sample if c.sample == audit.UNIFORM]
    stratified = [c for c in sample if c.sample == audit.STRATIFIED]
    assert len(uniform) == 12
    left = Counter(c.relation for c in claims) - Counter(c.relation for c in uniform)
    assert Counter(c.relation for c in stratified) == {r: min(4, n) for r, n in left.items() if n}
    assert any(n < 4 for n in left.values())  # a relation with fewer claims gives them all
    assert sample[: len(stratified)] == stratified  # stratified first, by relation
    assert [c.relation for c in stratified] == sorted(c.relation for c in stratified)


def test_no_claim_is_drawn_twice(graph_file, claims):
    sample = audit.draw_sample(graph_file, per_relation=10**6, uniform=40, seed=2)
    assert len({c.claim for c in sample}) == len(sample) == len(claims)
    assert {c.claim for c in sample} == {c.claim for c in claims}


def test_each_row_names_its_claim(claims):
    row = next(c for c in claims if c.relation == "develops" and c.link)
    assert row.claim.startswith("https://talkgraph.dev/id/claim/")
    assert row.modality in ("stated", "hedged", "predicted")
    assert 0 < float(row.confidence) <= 1
    assert row.title and row.published[:2] == "20" and row.identifier
    assert row.link.startswith("https://www.youtube.com/watch?v=") and "&t=" in row.link
    assert row.quote and row.start is not None and row.end is not None


def test_context_is_the_text_around_the_quote(graph_file, schema):
    sample = audit.with_context(audit.draw_sample(graph_file, per_relation=2, uniform=5, seed=3), [TRANSCRIPTS], schema)
    assert sample and audit.missing_context(sample) is None
    for row in sample:
        before, quoted, after = _parts(row.context)
        assert row.quote.startswith(quoted[:40])
        assert 300 < len(before) + len(after) <= 2 * audit.CONTEXT_CHARS + 4


def _parts(context: str) -> tuple[str, str, str]:
    before, rest = context.split("[[", 1)
    quoted, after = rest.split("]]", 1)
    return before, quoted, after


def test_context_says_when_the_transcript_is_missing_or_changed(graph_file, tmp_path, schema):
    sample = audit.draw_sample(graph_file, per_relation=0, uniform=6, seed=4)
    changed_document = sample[0].document
    for source in TRANSCRIPTS.iterdir():
        text = source.read_text(encoding="utf-8")
        if sample[0].identifier in text:  # this transcript's words shift: the quotes are no longer in place
            body = text.index("\n---\n", 4) + len("\n---\n")
            (tmp_path / source.name).write_text(text[:body] + "Well, hello there. " + text[body:], encoding="utf-8")
    rows = audit.with_context(sample, [tmp_path], schema)
    for row in rows:
        expected = audit.CHANGED if row.document == changed_document else audit.NOT_FOUND
        assert row.context == f"[{expected}]"
    line = audit.missing_context(rows)
    assert line is not None and line.startswith(f"no context for {len({r.identifier for r in rows})} of ")


def test_the_sample_file_has_empty_grades(graph_file):
    sample = audit.draw_sample(graph_file, per_relation=1, uniform=2, seed=5)
    rows = list(csv.DictReader(io.StringIO(audit.sample_csv(sample))))
    assert tuple(rows[0]) == audit.COLUMNS
    assert len(rows) == len(sample)
    assert all(row["correct"] == row["quote_supports"] == "" for row in rows)
    assert [row["claim"] for row in rows] == [c.claim for c in sample]


# --- scoring ----------------------------------------------------------------------------
GRADED = [  # sample, relation, correct, quote_supports
    ("stratified", "develops", "y", "y"),
    ("stratified", "develops", "y", "y"),
    ("stratified", "develops", "n", "y"),
    ("stratified", "leads", "y", "n"),
    ("stratified", "leads", "n", "n"),
    ("uniform", "develops", "Y", "y"),
    ("uniform", "partnerOf", "n", "y"),
    ("uniform", "develops", "y ", "y"),
]


def _graded_file(tmp_path: Path, rows, columns=("sample", "claim", "relation", "correct", "quote_supports")) -> Path:
    path = tmp_path / "graded.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for number, (sample, relation, correct, supports) in enumerate(rows):
            writer.writerow([sample, f"https://talkgraph.dev/id/claim/{number}", relation, correct, supports])
    return path


def test_score_counts_as_worked_by_hand(tmp_path):
    result = audit.score(audit.read_graded(_graded_file(tmp_path, GRADED)))
    by_name = {p.name: (p.hits, p.total) for p in result.relations}
    # develops: 2 of 3 stratified and 2 of 2 uniform are right; leads 1 of 2; partnerOf 0 of 1
    assert by_name == {"develops": (4, 5), "leads": (1, 2), "partnerOf": (0, 1)}
    assert (result.stratified.hits, result.stratified.total) == (3, 5)
    assert (result.uniform.hits, result.uniform.total) == (2, 3)
    assert (result.quotes.hits, result.quotes.total) == (6, 8)
    assert result.stratified.value == pytest.approx(0.6)
    lines = result.report().splitlines()
    assert lines[1].split() == ["develops", "5", "4", "0.80", "0.38–0.96"]
    assert lines[-3].split() == ["stratified", "total", "5", "3", "0.60", "0.23–0.88"]
    assert lines[-1].split() == ["quote", "supports", "claim", "8", "6", "0.75", "0.41–0.93"]


@pytest.mark.parametrize(
    ("hits", "total", "low", "high"),
    [  # Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (8, 10, 0.4902, 0.9433),
        (10, 10, 0.7225, 1.0),
    ],
)
def test_wilson_interval(hits, total, low, high):
    assert audit.wilson(hits, total) == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_of_nothing_is_undefined():
    assert all(math.isnan(bound) for bound in audit.wilson(0, 0))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("stratified", "leads", "", "y")], "line 2: correct is not graded; fill it with y or n"),
        ([*GRADED, ("uniform", "leads", "y", "maybe")], "line 10: quote_supports is 'maybe'; grade it y or n"),
        ([("both", "leads", "y", "y")], "line 2: sample is 'both', not stratified or uniform"),
        ([("uniform", "", "y", "y")], "line 2: the relation is empty"),
        (
            [("uniform", "leads", "", "y"), ("uniform", "leads", "y", ""), ("uniform", "leads", "x", "y")],
            "line 2: correct is not graded; fill it with y or n (2 more rows with problems)",
        ),
        ([], "no graded rows"),
    ],
)
def test_ungraded_or_malformed_rows_are_one_line(tmp_path, rows, message):
    with pytest.raises(TalkgraphError) as error:
        audit.read_graded(_graded_file(tmp_path, rows))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_file_that_is_not_a_sample(tmp_path):
    with pytest.raises(TalkgraphError, match="no column correct, quote_supports"):
        audit.read_graded(_graded_file(tmp_path, [], columns=("sample", "claim", "relation")))
    extra = tmp_path / "extra.csv"
    extra.write_text("sample,relation,correct,quote_supports\nuniform,leads,y,y,oops\n", encoding="utf-8")
    with pytest.raises(TalkgraphError, match="line 2: more cells than the header has columns"):
        audit.read_graded(extra)
