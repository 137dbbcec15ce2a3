"""Pronoun and topic resolution: they/their/he/his → the salient entity of the right type.

The salient entity is the topic (set by a marker such as "let's look at Google")
while it is still being named; otherwise the last entity of the type named in
subject position, i.e. not right after a preposition ("work with Anthropic").
"""

from __future__ import annotations

import bisect
import re

from ..model import Mention
from ..schema import Language
from .text import phrase_pattern

SALIENCE_WINDOW = 400
BLOCKER_REACH = 60
LAST_WORDS = re.compile(r"[\w']+")


def resolve_pronouns(lowered: str, mentions: list[Mention], language: Language) -> list[Mention]:
    """Mentions for the pronouns that point back to an entity (method "pronoun")."""
    topics = _topics(lowered, mentions, language)
    markers = frozenset(language.object_markers)
    fillers = frozenset(language.fillers)
    subjects = frozenset(language.cue_reach.other_subjects)
    verbs = phrase_pattern(language.pronoun_blockers_acting)
    acting = re.compile(rf"\s+(?:{verbs.pattern})") if verbs is not None else None
    resolved: list[Mention] = []
    for etype, words in language.pronouns.items():
        pattern = phrase_pattern(words)
        if pattern is None:
            continue
        blocker = phrase_pattern(language.pronoun_blockers.get(etype, ()))
        typed = [m for m in mentions if m.entity.is_a(etype)]
        ends = [m.end for m in typed]
        subject_like = [not _follows_marker(lowered, m.start, markers, fillers) for m in typed]
        previous: Mention | None = None
        for match in pattern.finditer(lowered):
            position = match.start()
            low = bisect.bisect_left(ends, position - SALIENCE_WINDOW)
            high = bisect.bisect_right(ends, position)
            antecedent = _antecedent(position, typed[low:high], subject_like[low:high], topics.get(etype, []), previous)
            if antecedent is None:
                continue
            if match.group(0) in subjects and _blocked(lowered, blocker, acting, antecedent.end, position):
                previous = None  # "people are coming together, they're building": the people
            else:
                previous = Mention(match.start(), match.end(), match.group(0), antecedent.entity, "pronoun")
                resolved.append(previous)
    return resolved


def _antecedent(
    position: int,
    recent: list[Mention],
    subject_like: list[bool],
    topics: list[tuple[int, Mention]],
    previous: Mention | None,
):
    """The topic while it is still named; else the last subject-like mention, unless the previous
    pronoun came after it (a chain of "they" keeps its referent); else the last mention."""
    topic = next((mention for start, mention in reversed(topics) if start < position), None)
    chained = previous if previous is not None and position - previous.end <= SALIENCE_WINDOW else None
    if not recent:
        return chained or topic
    if topic is not None and any(m.entity == topic.entity for m in recent):
        return topic
    preferred = [m for m, ok in zip(recent, subject_like) if ok]
    if chained is not None and (not preferred or chained.start > preferred[-1].end):
        return chained
    return (preferred or recent)[-1]


def _blocked(
    lowered: str, blocker: re.Pattern[str] | None, acting: re.Pattern[str] | None, since: int, position: int
) -> bool:
    """Whether a plural noun the subject pronoun stands for acts just before it, after its
    antecedent ("people are coming together, they're building"); one acted on does not ("a billion
    users. they are figuring out"), nor does "their" ("developers know their model")."""
    if blocker is None or acting is None:
        return False
    return any(
        acting.match(lowered, noun.end())
        for noun in blocker.finditer(lowered, max(since, position - BLOCKER_REACH), position)
    )


def _follows_marker(lowered: str, start: int, markers: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whether the word before `start`, fillers ("uh") skipped, is a preposition such as "with"."""
    words = LAST_WORDS.findall(lowered, max(0, start - 40), start)
    while words and words[-1] in fillers:
        words.pop()
    return bool(words) and words[-1] in markers


def _topics(lowered: str, mentions: list[Mention], language: Language) -> dict[str, list[tuple[int, Mention]]]:
    """For each entity type, (offset, mention) pairs where a topic marker introduces an entity."""
    pattern = phrase_pattern(language.topic_markers)
    topics: dict[str, list[tuple[int, Mention]]] = {}
    if pattern is None:
        return topics
    starts = [m.start for m in mentions]
    for match in pattern.finditer(lowered):
        index = bisect.bisect_left(starts, match.end())
        if index < len(mentions) and mentions[index].start - match.end() <= 3:
            mention = mentions[index]
            for etype in (mention.entity.type, *mention.entity.also):
                topics.setdefault(etype, []).append((match.start(), mention))
    return topics
