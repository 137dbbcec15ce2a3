"""A fact a cue states, as an assertion: the ends checked against the relation (its types, a
product's maker in its place), negation and modality read around the cue, and its confidence
from the relation's, the distance it spans and how its ends were found. Shared by the cue
words and the slot patterns."""

from __future__ import annotations

import re

from ...model import Entity, Mention
from ...schema import Relation
from .component import RuleTools
from .context import RuleContext

PRONOUN_FACTOR = 0.85
POSSESSIVES = frozenset(("their", "his", "her", "its", "our"))
MAKER_REACH = 300
"""How close a product's maker must be named for the maker to stand in for the product."""


def cue_claims(
    tools: RuleTools,
    context: RuleContext,
    relation: Relation,
    subject: Mention,
    obj: Mention,
    cue_start: int,
    cue_end: int,
    factor: float,
):
    """The assertion, if any, that a cue from `cue_start` to `cue_end` states of `subject` and `obj`."""
    makers = tools.makers
    if relation.maker_as_subject and subject.entity.type not in relation.subject_types:
        subject = makers.lift(subject)
    if subject.entity == obj.entity:
        return
    if not subject.entity.is_a(relation.subject_types) or not obj.entity.is_a(relation.object_types):
        return
    if relation.strict_object and obj.entity.type not in relation.object_types:
        return
    if relation.lift_to_maker:
        if subject.entity.type == "Company" and obj.entity.type != "Company":
            obj = _lifted_if_named(makers, context, obj)
        elif obj.entity.type == "Company" and subject.entity.type != "Company":
            subject = _lifted_if_named(makers, context, subject)
    clause = context.clause_at(cue_start)
    reading, language = tools.reading, tools.schema.language
    # A negation counts between the name before the cue and the cue: "X does not partner with Y";
    # and before a possessive standing for it: "a bold call to kill their own ad business".
    left = max(
        [clause.start, cue_start - language.negation_window]
        + [m.end for m in (subject, obj) if _bounds_negation(m) and m.end <= cue_start]
    )
    if reading.negated(context.lowered, left, cue_start):
        return
    if relation.void_words and reading.voided(relation, context.lowered, clause.start, max(clause.end, cue_end)):
        return
    modality = reading.modality(context.lowered, max(clause.start, cue_start - language.modality_window), cue_end)
    if subject.method == "pronoun" or obj.method == "pronoun":
        factor *= PRONOUN_FACTOR
    span = _span(subject, obj, cue_start, cue_end)
    distance = (span[1] - span[0]) / (2 * relation.window + 1)
    confidence = relation.confidence * factor * reading.modality_factor(modality) * (1 - 0.3 * min(distance, 1))
    yield context.claim(relation, subject, obj, span[0], span[1], confidence, modality)


def _bounds_negation(mention: Mention) -> bool:
    return mention.method != "topic" and not (mention.method == "pronoun" and mention.text.lower() in POSSESSIVES)


def _lifted_if_named(makers, context: RuleContext, mention: Mention) -> Mention:
    """The maker of a product in its place where the transcript names that maker close by ("Sonnet
    is threatened by DeepSeek ... developers versus Anthropic"); the product itself where it never
    does (the transcript says ChatGPT, not OpenAI)."""
    lifted = makers.lift(mention)
    if lifted is mention or context.nearest_named(lifted.entity.name, mention.start, MAKER_REACH) is None:
        return mention
    return lifted


def nearest(mentions, types, exclude: Entity | None = None) -> Mention | None:
    for mention in mentions:
        if mention.entity.is_a(types) and mention.entity != exclude:
            return mention
    return None


def words_pattern(text: str) -> str:
    """A regular expression of the words of `text`, any run of spaces between them."""
    return re.escape(text.strip()).replace(r"\ ", r"\s+")


def _span(subject: Mention, obj: Mention, cue_start: int, cue_end: int) -> tuple[int, int]:
    points = [cue_start, cue_end] + [p for m in (subject, obj) if m.method != "topic" for p in (m.start, m.end)]
    return min(points), max(points)
