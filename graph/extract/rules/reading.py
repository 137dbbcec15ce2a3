"""How the rules read the words around a fact: negation, modality (stated, hedged, predicted)
and the speaker acting, from schema/language.yaml."""

from __future__ import annotations

import re
from functools import lru_cache

from ...schema import Language, Relation
from ..text import phrase_pattern


class LanguageReading:
    def __init__(self, language: Language):
        self.language = language
        self.negation = phrase_pattern(language.negations)
        self.hedge = phrase_pattern(language.hedges)
        self.prediction = phrase_pattern(language.predictions)
        self.speaker_plan = phrase_pattern(language.speaker_plans)
        self.speaker_subject = phrase_pattern(language.speaker_subjects)
        self.money = phrase_pattern(language.money_words)

    def negated(self, lowered: str, start: int, end: int) -> bool:
        return found(self.negation, lowered, start, end)

    def about_money(self, lowered: str, start: int, end: int) -> bool:
        return found(self.money, lowered, start, end)

    def voided(self, relation: Relation, lowered: str, start: int, end: int) -> bool:
        """Whether one of the relation's void words ("fell through", "tried to buy") stands in the span."""
        return found(self.words(relation.void_words), lowered, start, end)

    @staticmethod
    @lru_cache(maxsize=128)
    def words(words: tuple[str, ...]) -> re.Pattern[str] | None:
        """A pattern of the words of a list of the schema's, built once."""
        return phrase_pattern(words)

    def speaker_acts(self, lowered: str, start: int, end: int) -> bool:
        """Whether the speaker ("I", "we") stands between `start` and `end`."""
        return found(self.speaker_subject, lowered, start, end)

    def modality(self, lowered: str, start: int, end: int) -> str:
        if self._predicts(lowered, start, end):
            return "predicted"
        if found(self.hedge, lowered, start, end):
            return "hedged"
        return "stated"

    def modality_factor(self, modality: str) -> float:
        return self.language.modality_confidence.get(modality, 1.0)

    def _predicts(self, lowered: str, start: int, end: int) -> bool:
        """A prediction word in the window that is not the speaker announcing what comes next
        ("we're going to talk about")."""
        if self.prediction is None or start >= end:
            return False
        plans = [m.span() for m in self.speaker_plan.finditer(lowered, start, end)] if self.speaker_plan else []
        return any(not any(a <= m.start() < b for a, b in plans) for m in self.prediction.finditer(lowered, start, end))


def found(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    return pattern is not None and start < end and pattern.search(text, start, end) is not None
