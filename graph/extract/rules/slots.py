"""Slot patterns: cues with a typed slot ("{Company}'s own", "as good as {AIModel}"), the slot
one end of the fact and the nearest fitting name before or after the pattern the other."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ...model import Mention
from ...schema import Cue, Relation
from .claims import cue_claims, nearest, words_pattern
from .component import RuleComponent
from .context import RuleContext

LAST_WORD = re.compile(r"([\w']+)\s*$")


@dataclass(frozen=True)
class SlotConfig:
    topic_factor: float = 0.7
    """For the topic standing in for the name before a pattern."""
    own_company_factor: float = 0.8
    """For the call's company standing in for a subject no name near the pattern gives."""


@dataclass(frozen=True)
class SlotPattern:
    relation: Relation
    cue: Cue
    before_slot: re.Pattern[str]
    after_slot: re.Pattern[str]

    @property
    def possessive(self) -> bool:
        """A pattern that opens with "'s" or "'re" binds the name written right before it."""
        return self.cue.phrase.startswith(("'s", "'re", "\u2019s"))


class SlotPatterns(RuleComponent):
    name = "slots"
    reads = ("lowered", "named", "mentions", "clauses", "own_company")
    assigns = ("assertions",)
    Config = SlotConfig

    def __init__(self, tools, **config):
        super().__init__(tools, **config)
        # "it's a Chinese startup": "it" is never resolved, but it does stand for a name said before
        pronouns = self.schema.language.pronouns
        self.pronoun_words = frozenset(w for words in pronouns.values() for w in words) | {"it"}
        self.own_words = frozenset(self.schema.language.own_company.pronouns)

    def prepare(self) -> None:
        _ = self.patterns  # built here, before the workers fork

    @cached_property
    def patterns(self) -> list[SlotPattern]:
        return [slot_pattern(r, c) for r in self.schema.relations.values() for c in r.cues if c.slots]

    def __call__(self, context: RuleContext) -> None:
        typed: dict[str, list[Mention]] = {}
        for pattern in self.patterns:
            slot_type = pattern.cue.slots[0]
            if slot_type not in typed:
                typed[slot_type] = [m for m in context.named if m.entity.is_a(slot_type)]
            context.assertions.extend(self._slotted(context, pattern, typed[slot_type]))

    def _slotted(self, context: RuleContext, pattern: SlotPattern, candidates: list[Mention]):
        """A slot pattern: the slot's mention is one end; the other end is the nearest fitting
        mention before the pattern (slot is the object) or after it (slot is the subject). In a
        reverse pattern the slot is the subject and the object stands before ("xAI is buying
        {Company} processors")."""
        relation, slot_type, reverse = pattern.relation, pattern.cue.slots[0], pattern.cue.reverse
        slot_is_object = slot_type in relation.object_types and not reverse
        has_head = pattern.before_slot.pattern != "$"
        for mention in candidates:
            tail = pattern.after_slot.match(context.lowered, mention.end)
            if tail is None:
                continue
            head = (
                pattern.before_slot.search(context.lowered, max(0, mention.start - 60), mention.start)
                if has_head
                else None
            )
            if has_head and head is None:
                continue
            start, end = (head.start() if head else mention.start), tail.end()
            other_first = pattern.cue.other_first or reverse
            other, factor = self._other_end(context, relation, mention, start, end, slot_is_object, other_first)
            if other is not None and not self._reaches(context, pattern, mention, other, start, end):
                other = None
            if other is None and slot_is_object and not other_first:
                other, factor = self._own_company(context, relation, mention, start)
            if other is None:
                continue
            subject, obj = (other, mention) if slot_is_object else (mention, other)
            yield from cue_claims(self.tools, context, relation, subject, obj, start, end, factor)

    def _reaches(
        self, context: RuleContext, pattern: SlotPattern, slot: Mention, other: Mention, start: int, end: int
    ) -> bool:
        """Whether the other end stands near enough the pattern to be the one it speaks of: "Google's
        cloud" is Google's, "Anthropic on somebody's cloud" is not Anthropic's."""
        reach = self.tools.reach
        if other.method == "topic":
            return True
        if other.end > start:
            return reach.object_reaches(context.lowered, end, other.start, slot)
        if pattern.possessive:
            return other.end == start or self._pronoun_before(context, start)
        return reach.subject_reaches(context.lowered, other, start)

    def _own_company(
        self, context: RuleContext, relation: Relation, slot: Mention, start: int
    ) -> tuple[Mention | None, float]:
        """In a call, the call's company for a subject no name near the pattern gives, where its
        people speak of their own ("In our digital media segment")."""
        said_before = context.mentions_between(context.clause_at(start).start, start)
        if not any(m.entity == context.own_company and m.text.lower() in self.own_words for m in said_before):
            return None, 1.0
        return context.own_company_at(start, relation.subject_types, slot.entity), self.config.own_company_factor

    def _pronoun_before(self, context: RuleContext, position: int) -> bool:
        """Whether the word written right before `position` is a pronoun ("they're a Chinese startup")."""
        word = LAST_WORD.search(context.lowered, max(0, position - 20), position)
        return word is not None and word.group(1) in self.pronoun_words

    def _other_end(
        self,
        context: RuleContext,
        relation: Relation,
        slot: Mention,
        start: int,
        end: int,
        slot_is_object: bool,
        other_first: bool = False,
    ) -> tuple[Mention | None, float]:
        wanted = relation.subject_types if slot_is_object else relation.object_types
        if slot_is_object or other_first:
            before = context.mentions_between(max(0, start - relation.window), start)
            other = nearest(reversed(before), wanted)
            if other is None and not other_first and relation.topic_fallback:
                return context.salient(start, wanted, exclude=slot.entity), self.config.topic_factor
            return other, 1.0
        clause_end = context.clause_at(end).end
        after = context.mentions_between(end, min(clause_end, end + relation.slot_window))
        return nearest(after, wanted), 1.0


def slot_pattern(relation: Relation, cue: Cue) -> SlotPattern:
    head, _, tail = re.split(r"(\{\w+\})", cue.phrase, maxsplit=1)
    before = re.compile(words_pattern(head) + r"\s*$") if head.strip() else re.compile("$")
    after = re.compile(r"\s*" + words_pattern(tail) + r"(?!\w)") if tail.strip() else re.compile("")
    return SlotPattern(relation, cue, before, after)
