"""Extraction quality against the project's own gold files (tests/data/gold, tests/data/dev, and the
cross-channel transcripts kept in tests/data/crosschannel)."""

from pathlib import Path

import pytest

from graph.building import build
from graph.evaluate import Score, evaluate, load_gold

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "examples" / "2025-01-20-deepseek-releases-r1.md"
GOLD = sorted((DATA / "gold").glob("*.yaml"))
# more of the channel, most drawn at random: some are career talks with no fact at all, so
# they are held to the figure of the whole set, not each to its own
MORE = sorted((DATA / "dev" / "gold").glob("*.yaml"))


def transcript_for(gold: Path) -> Path:
    candidate = gold.parent.parent / "transcripts" / f"{gold.stem}.md"
    return candidate if candidate.exists() else EXAMPLE


def score(gold: Path):
    dataset, _ = build([transcript_for(gold)])
    return evaluate(dataset, load_gold(gold))


def test_example_meets_the_first_bar():
    result = score(DATA / "gold" / "2025-01-20-deepseek-releases-r1.yaml")
    assert result.triples.f1 >= 0.75, result.report()
    assert result.entities.f1 >= 0.9, result.report()


def test_example_meets_its_reference_gold():
    dataset, _ = build([EXAMPLE])
    result = evaluate(dataset, load_gold(DATA / "example" / "gold.yaml"))
    assert result.triples.precision >= 0.95, result.report()
    assert result.triples.f1 >= 0.85, result.report()
    assert result.entities.f1 >= 0.95, result.report()


def test_example_main_facts_are_found():
    dataset, _ = build([EXAMPLE])
    from graph.evaluate import predicted

    triples, _ = predicted(dataset)
    for fact in [
        ("Amazon", "partnerOf", "Anthropic"),
        ("Microsoft", "partnerOf", "OpenAI"),
        ("Meta", "develops", "Llama"),
        ("DeepSeek", "develops", "DeepSeek-R1"),
        ("Amazon", "develops", "Alexa"),
        ("Amazon", "develops", "Trainium"),
    ]:
        assert fact in triples


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem[:40] for g in GOLD])
def test_each_annotated_transcript_scores(gold):
    result = score(gold)
    assert result.entities.f1 >= 0.75, result.report()
    assert result.triples.f1 >= 0.4, result.report()


def test_all_annotated_transcripts_together_meet_the_target():
    triples, entities = Score(), Score()
    for gold in GOLD + MORE:
        result = score(gold)
        triples.add(result.triples)
        entities.add(result.entities)
    assert len(MORE) >= 9
    # a claim is what the transcript says: gold files that count name-list facts said far apart
    # cost recall, so precision is held to a floor of its own
    assert triples.precision >= 0.9, triples.line("triples")
    assert triples.f1 >= 0.55, triples.line("triples")
    assert entities.f1 >= 0.8, entities.line("entities")


# the cross-channel transcripts whose licence lets them be kept: two Markdown talks and two
# Whisper .srt podcasts, three of the dev set and one held out
CROSSCHANNEL = sorted((DATA / "crosschannel").glob("*/transcripts/*"))


def test_transcripts_of_other_channels_hold_their_figures():
    triples, entities = Score(), Score()
    for transcript in CROSSCHANNEL:
        dataset, _ = build([transcript])
        result = evaluate(dataset, load_gold(transcript.parent.parent / "gold" / f"{transcript.stem}.yaml"))
        triples.add(result.triples)
        entities.add(result.entities)
    assert len(CROSSCHANNEL) == 4
    assert triples.precision >= 0.6, triples.line("triples")
    assert triples.f1 >= 0.29, triples.line("triples")
    assert entities.f1 >= 0.66, entities.line("entities")
