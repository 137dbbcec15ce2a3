"""The company whose call it is ("Welcome to T-Mobile's second quarter earnings call"), and the
words its people say for it ("we", "our"), from schema/language.yaml: own_company."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Entity, Mention
from ..schema import OwnCompany
from .text import phrase_pattern

SENTENCE_START = re.compile(r"[.!?]\s")
DOMINANT = 2
"""Without a company in the sentence of the call's name, the one named most is the call's when
named this many times as often as the next."""
MIN_NAMED = 5


def find_own_company(lowered: str, mentions: list[Mention], config: OwnCompany) -> Entity | None:
    """The company named in the sentence that names the call, nearest before its cue; else the
    company the whole text names far more than any other."""
    cue = phrase_pattern(config.cues)
    match = cue.search(lowered, 0, config.within) if cue is not None else None
    if match is None:
        return None
    starts = [m.end() for m in SENTENCE_START.finditer(lowered, 0, match.start())]
    sentence_start = starts[-1] if starts else 0
    in_sentence = [
        m for m in mentions if m.entity.type == "Company" and sentence_start <= m.start and m.end <= match.start()
    ]
    if in_sentence:
        return in_sentence[-1].entity
    counts = Counter(m.entity for m in mentions if m.entity.type == "Company").most_common(2)
    if counts and counts[0][1] >= MIN_NAMED and (len(counts) == 1 or counts[0][1] >= DOMINANT * counts[1][1]):
        return counts[0][0]
    return None


def own_pronouns(lowered: str, company: Entity | None, config: OwnCompany) -> list[Mention]:
    """Where the call's people say "we", "our" or "us": mentions of their company (method "pronoun")."""
    pattern = phrase_pattern(config.pronouns)
    if company is None or pattern is None:
        return []
    return [Mention(m.start(), m.end(), m.group(0), company, "pronoun") for m in pattern.finditer(lowered)]
