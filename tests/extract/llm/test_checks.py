"""Each triple an LLM returns is checked against the schema, the gazetteer and the passage."""

from __future__ import annotations

import pytest

from graph.extract.llm.checks import (
    ENTITY_NOT_IN_TEXT,
    FAR_FROM_QUOTE,
    QUOTE_NOT_IN_TEXT,
    SAME_ENTITY,
    Dropped,
    NewNames,
    Passage,
    TripleChecker,
    fold,
)
from graph.extract.mention_stage import MentionStage
from graph.model import Document

FILLER = " and so on" * 30


@pytest.fixture(scope="module")
def checker(schema):
    return TripleChecker(schema, MentionStage(schema, unknown_names=False), "llm:m")


def check(checker, text, subject, predicate, obj, quote, subject_type="Company", object_type="Company"):
    document = Document("d", "d.txt", text)
    mentions = tuple(checker.mention_stage.find(document).mentions)
    triple = {
        "subject": subject,
        "subject_type": subject_type,
        "predicate": predicate,
        "object": obj,
        "object_type": object_type,
        "quote": quote,
    }
    return checker.check(triple, Passage(document, 0, len(text), mentions), NewNames())


def reason(checker, *args, **kwargs) -> str:
    with pytest.raises(Dropped) as dropped:
        check(checker, *args, **kwargs)
    return dropped.value.reason


def test_fold_keeps_the_offsets():
    text = "Hi, DeepSeek's R1 -- out!"
    folded, offsets = fold(text)
    assert folded == "hi deepseek s r1 out"
    assert len(offsets) == len(folded)
    assert [text[offsets[i]] for i in (0, 3, 14)] == ["H", "D", "R"]


def test_a_subject_said_by_pronoun_counts_when_named_close_before(checker):
    text = "Amazon has a plan. They put Claude on Bedrock."
    assertion = check(checker, text, "Amazon", "uses", "Claude", "They put Claude on Bedrock", object_type="AIModel")
    assert (assertion.subject.name, assertion.object.name) == ("Amazon", "Claude")
    assert text[assertion.evidence.start : assertion.evidence.end] == "They put Claude on Bedrock"


def test_a_name_said_only_far_from_the_quote_is_dropped(checker):
    text = "Anthropic came up first." + FILLER + " Later Amazon bought the world."
    assert reason(checker, text, "Amazon", "acquires", "Anthropic", "Amazon bought the world") == FAR_FROM_QUOTE


def test_hedged_and_predicted_quotes_set_the_modality(checker, schema):
    hedged = check(
        checker,
        "Maybe Amazon works with Anthropic.",
        "Amazon",
        "partnerOf",
        "Anthropic",
        "Maybe Amazon works with Anthropic",
    )
    predicted = check(
        checker,
        "Amazon will partner with Anthropic.",
        "Amazon",
        "partnerOf",
        "Anthropic",
        "Amazon will partner with Anthropic",
    )
    factor = schema.language.modality_confidence["hedged"]
    assert (hedged.modality, hedged.confidence) == ("hedged", round(0.8 * factor, 3))
    assert factor < 1
    assert predicted.modality == "predicted"


@pytest.mark.parametrize("quote", ["Amazon", "Amazon works", "Amazon " * 81])
def test_a_quote_of_too_few_or_too_many_words_is_dropped(checker, quote):
    text = "Amazon works with Anthropic. " + "Amazon " * 81
    assert reason(checker, text, "Amazon", "partnerOf", "Anthropic", quote) == QUOTE_NOT_IN_TEXT


def test_a_fact_about_one_entity_twice_is_dropped(checker):
    text = "Amazon and AWS work together."
    assert reason(checker, text, "Amazon", "partnerOf", "amazon's", "Amazon and AWS work together") == SAME_ENTITY


def test_a_misspelled_name_resolves_through_the_fuzzy_matcher(checker):
    text = "Anthropic now works with Amazon on chips."
    assertion = check(checker, text, "Anthropik", "partnerOf", "Amazon", "Anthropic now works with Amazon")
    assert assertion.subject.name == "Anthropic"


def test_a_common_word_is_no_new_name(checker):
    text = "The company works with Amazon."
    assert (
        reason(checker, text, "The company", "partnerOf", "Amazon", "The company works with Amazon")
        == ENTITY_NOT_IN_TEXT
    )
