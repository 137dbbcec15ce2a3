"""One assertion per triple, the same for every extractor: a symmetric relation's two
directions are one triple."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..model import Assertion
from ..schema import Relation


def triple_key(assertion: Assertion, relations: Mapping[str, Relation]) -> tuple:
    """(subject, predicate, object) by the ends' names and types; a symmetric relation's ends in order."""
    ends = [(assertion.subject.name, assertion.subject.type), (assertion.object.name, assertion.object.type)]
    relation = relations.get(assertion.predicate)
    if relation is not None and relation.symmetric:
        ends.sort()
    return ends[0], assertion.predicate, ends[1]


def best_per_triple(
    assertions: Iterable[Assertion], relations: Mapping[str, Relation], *, reinforce: bool = True
) -> list[Assertion]:
    """One assertion per triple, in the order the triples were first found: the most confident
    reading, with `reinforce` its confidence raised by every other reading of the same triple
    elsewhere in the document (half of a noisy-or, so repetition counts without two weak readings
    making a strong one)."""
    readings: dict[tuple, list[Assertion]] = {}
    for assertion in assertions:
        readings.setdefault(triple_key(assertion, relations), []).append(assertion)
    best = []
    for group in readings.values():
        # what the text says comes before what the name list knows, however sure
        group.sort(key=lambda a: (a.basis == "said", a.confidence), reverse=True)
        said = [a for a in group[1:] if a.basis == "said"]
        best.append(_reinforced(group[0], said) if reinforce and group[0].basis == "said" else group[0])
    return best


def _reinforced(best: Assertion, others: list[Assertion]) -> Assertion:
    missed, places = 1.0, [best.evidence]
    for other in others:  # two readings of the same words are one statement, not a repetition
        if any(other.evidence.start < place.end and place.start < other.evidence.end for place in places):
            continue
        places.append(other.evidence)
        missed *= 1 - other.confidence
    confidence = best.confidence + (1 - best.confidence) * 0.5 * (1 - missed)
    return replace(best, confidence=round(confidence, 3))
