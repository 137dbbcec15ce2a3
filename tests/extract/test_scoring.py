"""One assertion per triple, for every extractor."""

from __future__ import annotations

from graph.extract.scoring import best_per_triple
from graph.model import Assertion, Entity, Evidence

MICROSOFT, OPENAI = Entity("Microsoft", "Company"), Entity("OpenAI", "Company")


def _reading(
    start: int, end: int, confidence: float, subject=MICROSOFT, obj=OPENAI, predicate="partnerOf"
) -> Assertion:
    evidence = Evidence("t", start, end, "Microsoft works with OpenAI")
    return Assertion(subject, predicate, obj, confidence, evidence, "rules")


def test_a_fact_said_again_elsewhere_gains_confidence_but_a_second_reading_of_the_same_words_does_not(schema):
    [once] = best_per_triple([_reading(0, 27, 0.45)], schema.relations)
    [same_words] = best_per_triple([_reading(0, 27, 0.45), _reading(10, 27, 0.45)], schema.relations)
    [said_again] = best_per_triple([_reading(0, 27, 0.45), _reading(500, 527, 0.45)], schema.relations)
    assert once.confidence == same_words.confidence == 0.45
    assert said_again.confidence > 0.45


def test_without_reinforcing_the_most_confident_reading_is_kept_as_it_is(schema):
    readings = [_reading(0, 27, 0.45), _reading(500, 527, 0.6), _reading(900, 927, 0.6)]
    [best] = best_per_triple(readings, schema.relations, reinforce=False)
    assert best is readings[1]


def test_a_symmetric_relation_has_one_triple_for_both_directions_a_directed_one_two(schema):
    both_ways = [_reading(0, 27, 0.5), _reading(500, 527, 0.4, subject=OPENAI, obj=MICROSOFT)]
    for reinforce in (True, False):
        assert len(best_per_triple(both_ways, schema.relations, reinforce=reinforce)) == 1
    invested = [
        _reading(0, 27, 0.5, predicate="investsIn"),
        _reading(500, 527, 0.4, subject=OPENAI, obj=MICROSOFT, predicate="investsIn"),
    ]
    assert len(best_per_triple(invested, schema.relations)) == 2


def test_triples_come_out_in_the_order_first_found(schema):
    readings = [
        _reading(0, 27, 0.3, predicate="investsIn"),
        _reading(100, 127, 0.9),
        _reading(200, 227, 0.8, predicate="investsIn"),
    ]
    assert [a.predicate for a in best_per_triple(readings, schema.relations)] == ["investsIn", "partnerOf"]
