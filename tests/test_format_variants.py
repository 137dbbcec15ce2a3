"""The example transcript written in every format scores like the Markdown, and the evidence
links to the second where it is said (scripts/make_format_variants.py writes the variants)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal

from graph.building import build
from graph.cli import main
from graph.evaluate import evaluate, load_gold
from graph.rdf import TG

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "2025-01-20-deepseek-releases-r1.md"
GOLD = REPO / "tests" / "data" / "gold" / "2025-01-20-deepseek-releases-r1.yaml"
SCRIPT = REPO / "scripts" / "make_format_variants.py"
PHRASE = "work with anthropic"
F1_TOLERANCE = 0.05
LINK_TOLERANCE_SECONDS = 30  # a quote (and its link) may start where a pronoun's entity was named


def _load_script():
    spec = importlib.util.spec_from_file_location("make_format_variants", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


variants_script = _load_script()
TRANSCRIPTS = [suffix for suffix in variants_script.VARIANTS if suffix != ".info.json"]
UNTIMED = {".txt"}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    return variants_script.write_variants(EXAMPLE, tmp_path_factory.mktemp("variants"))


@pytest.fixture(scope="module")
def built(variants, schema) -> dict[str, Dataset]:
    """Each transcript variant's graph, built on its own."""
    datasets = {}
    for suffix in TRANSCRIPTS:
        dataset, report = build([variants[suffix]], schema=schema)
        assert report.documents == 1 and not report.failures, report.failures
        datasets[suffix] = dataset
    return datasets


@pytest.fixture(scope="module")
def markdown_f1(example_dataset) -> float:
    return evaluate(example_dataset, load_gold(GOLD)).triples.f1


@pytest.fixture(scope="module")
def said_at() -> float:
    return variants_script.said_at(variants_script.timed(EXAMPLE), PHRASE)


def test_every_format_is_written(variants):
    assert sorted(path.name.removeprefix(EXAMPLE.stem) for path in variants.values()) == sorted(
        [".info.json", ".en.vtt", ".srt", ".json", ".whisper.json", ".md", ".stamped.txt", ".txt"]
    )


@pytest.mark.parametrize("suffix", TRANSCRIPTS)
def test_each_format_scores_like_the_markdown(built, markdown_f1, suffix):
    result = evaluate(built[suffix], load_gold(GOLD))
    assert abs(result.triples.f1 - markdown_f1) <= F1_TOLERANCE, result.report()


@pytest.mark.parametrize("suffix", TRANSCRIPTS)
def test_the_evidence_links_to_when_it_is_said(built, said_at, suffix):
    dataset = built[suffix]
    claims = [claim for claim, quote in dataset.subject_objects(TG.quote) if PHRASE in str(quote).lower()]
    assert claims, f"no claim quotes {PHRASE!r}"
    for claim in claims:
        link = str(dataset.value(claim, TG.deepLink))
        assert link.startswith("https://www.youtube.com/watch?v=U6bZI-0oAjc&t="), link
        second = int(re.search(r"&t=(\d+)s$", link).group(1))
        assert abs(second - said_at) <= LINK_TOLERANCE_SECONDS, (link, said_at)
        assert float(dataset.value(claim, TG.startSecond)) == pytest.approx(second, abs=1)
        assert dataset.value(claim, TG.secondEstimated) == Literal(suffix in UNTIMED)


def test_building_the_folder_from_the_command_line(variants, tmp_path):
    output = tmp_path / "variants.ttl"
    result = CliRunner().invoke(main, ["build", str(variants[".txt"].parent), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.is_file()
    # eight files: the sidecar is no transcript, and five repeat the words of the video's .vtt
    # (the plain .txt names no video, so it is a document of its own)
    assert "2 documents" in result.stderr and "5 duplicates skipped" in result.stderr


def test_the_script_runs_as_a_user_runs_it(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(EXAMPLE), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 8
    assert f"wrote {tmp_path / 'out' / EXAMPLE.stem}.en.vtt" in result.stdout
