"""Cue words: every relation's plain cues ("partners with", "acquired by") found in one pass,
each read with the nearest fitting names before and after it, a pair joined by "and", a list
after it, or the topic where a name is missing."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ...model import Mention
from ...schema import Relation
from ..phrases import PhraseMatcher
from ..text import Clause
from .claims import cue_claims, nearest, words_pattern
from .component import RuleComponent
from .context import RuleContext
from .reading import found

AGENT_BEFORE = re.compile(r"\bby\s*$")
OWNER_OF_NEXT = re.compile(r"(?:['\u2019]s)?\s*")  # after a name read with or without its "'s"
LIKENESS_BEFORE = re.compile(r"\b(?:version|clone|copy|knockoff|alternative|rival|competitor|answer)s?\s+(?:of|to)\s*$")


@dataclass(frozen=True)
class CueConfig:
    list_factor: float = 0.8
    """For a name further down a list the cue governs."""
    topic_factor: float = 0.7
    """For the topic standing in for a name the cue lacks."""
    own_company_factor: float = 0.8
    """For the call's company standing in for a subject the cue lacks."""


class CueWords(RuleComponent):
    name = "cues"
    reads = ("lowered", "squeezed", "mentions", "clauses", "punctuated", "own_company")
    assigns = ("assertions",)
    Config = CueConfig

    def __init__(self, tools, **config):
        super().__init__(tools, **config)
        self.not_before_object = {
            r.name: re.compile(r"\s*(?:" + "|".join(map(words_pattern, r.not_before_object)) + r")(?!\w)")
            for r in self.schema.relations.values()
            if r.not_before_object
        }
        self.pairing = frozenset(self.schema.language.pairing)
        self.pronoun_words = frozenset(w for words in self.schema.language.pronouns.values() for w in words)

    def prepare(self) -> None:
        _ = self.cues  # built here, before the workers fork

    @cached_property
    def cues(self) -> PhraseMatcher:
        return PhraseMatcher(
            (cue.phrase, (relation.name, cue.reverse))
            for relation in self.schema.relations.values()
            for cue in relation.cues
            if not cue.slots
        )

    def __call__(self, context: RuleContext) -> None:
        """Cue words of every relation in one pass; overlapping cues of one relation keep the
        longest ("acquired by" over "acquired")."""
        by_relation: dict[str, list[tuple[int, int, bool]]] = {}
        for start, end, _, values in self.cues.find(context.squeezed):
            for name, reverse in values:
                by_relation.setdefault(name, []).append((start, end, reverse))
        for name, hits in by_relation.items():
            relation = self.schema.relations[name]
            for start, end, reverse in _longest_first(hits):
                context.assertions.extend(self._read(context, relation, start, end, reverse))

    def _read(self, context: RuleContext, relation: Relation, start: int, end: int, reverse: bool):
        # "the differences between A, B and C" pairs the list; "partners like A, B and C" does not
        pairs = relation.symmetric and self._pairs(context, start, end)
        listed = self._listed(context, relation, end) if pairs else []
        for first, second in listed:
            yield from cue_claims(self.tools, context, relation, first, second, start, end, 1.0)
        if listed:
            return
        found = self._ends(context, relation, start, end, reverse)
        if found is not None:
            subject, obj, factor = found
            yield from cue_claims(self.tools, context, relation, subject, obj, start, end, factor)
            if not reverse:
                for other in self._list_after(context, obj):
                    yield from cue_claims(
                        self.tools, context, relation, subject, other, start, end, factor * self.config.list_factor
                    )

    def _ends(self, context: RuleContext, relation: Relation, cue_start: int, cue_end: int, reverse: bool):
        """(subject, object, confidence factor) for a cue: the nearest fitting mentions before and
        after it, the topic when the first end is missing, or for a symmetric relation a pair
        joined by "and" on one side ("Nvidia and Intel inked a deal", "a battle between Apple and Meta")."""
        clause_index = context.clause_index(cue_start)
        clause = context.clauses[clause_index]
        # a sentence holds its own subject; a caption clause may take it from the clause before
        reach = clause.start if context.punctuated else context.clauses[max(clause_index - 1, 0)].start
        before = context.mentions_between(max(reach, cue_start - relation.window), cue_start)
        after = context.mentions_between(cue_end, min(clause.end, cue_end + relation.window))
        first_types, second_types = (
            (relation.object_types, relation.subject_types)
            if reverse
            else (relation.subject_types, relation.object_types)
        )
        # a pronoun stands for a subject named before the cue ("they partnered with"), never after it
        before = [m for m in before if m.method != "pronoun"] if reverse else _not_owners(context.lowered, before)
        after = [m for m in after if m.method != "pronoun"]
        if relation.symmetric:
            pair = self._symmetric_pair(context, relation, clause, before, after, cue_start, cue_end)
            if pair:
                return pair[0], pair[1], 1.0
        first = nearest(reversed(before), first_types)
        if first is not None and not self._subject_reaches(context, first, cue_start, reverse):
            first = None
        if first is not None and not reverse and self._someone_else_acts(context, relation, first, cue_start):
            return None
        second = nearest(after, second_types)
        if second is not None and not self.tools.reach.object_reaches(
            context.lowered, cue_end, second.start, None if reverse else first
        ):
            return None
        if reverse and after and second is not after[0]:
            return None  # "built by Peter Steinberger, ... GitHub stars": the agent is the name right after "by"
        if second is not None and not reverse and self._not_the_object(context, relation, cue_end, second):
            return None
        factor = 1.0
        if not reverse and self._speaker_acts(context, relation, clause, first, cue_start):
            return None
        # the topic stands in for a missing end, unless a person is the one acting ("he built it")
        if (
            first is None
            and second is not None
            and relation.topic_fallback
            and not any(m.start >= clause.start and m.entity.type == "Person" for m in before)
        ):
            first = context.salient(cue_start, first_types, exclude=second.entity)
            factor = self.config.topic_factor
        if first is None and second is not None and not reverse:
            # in a call, a cue with no subject in its sentence is said of the call's company
            # ("Expanded partnership announcements, including Accenture and IBM")
            first = context.own_company_at(cue_start, first_types, second.entity)
            factor = self.config.own_company_factor
        if first is None or second is None or first.entity == second.entity:
            return None
        return (second, first, factor) if reverse else (first, second, factor)

    def _symmetric_pair(
        self,
        context: RuleContext,
        relation: Relation,
        clause: Clause,
        before: list[Mention],
        after: list[Mention],
        cue_start: int,
        cue_end: int,
    ) -> tuple[Mention, Mention] | None:
        joiners = self.schema.language.pair_joiners
        in_clause = [m for m in before if m.start >= clause.start]
        pair = _pair(context.lowered, in_clause[-2:], relation.subject_types, joiners)
        # "a battle between Apple and Meta"; but "Amazon is partnering with Anthropic and OpenAI"
        # (or "we're going to partner with ...") pairs the one acting with each of them
        subject_before = nearest(
            reversed(in_clause), relation.subject_types
        ) is not None or self.tools.reach.someone_acts(context.lowered, clause.start, cue_start)
        if pair is None and not subject_before and self._pairs(context, cue_start, cue_end):
            pair = _pair(context.lowered, after[:2], relation.subject_types, joiners)
        return pair

    def _pairs(self, context: RuleContext, cue_start: int, cue_end: int) -> bool:
        """Whether a symmetric cue sets the names after it against each other ("a battle between
        Apple and Meta"), not beside a subject it leaves unsaid ("take on Intel and Apple")."""
        return not self.pairing.isdisjoint(context.lowered[cue_start:cue_end].split())

    def _subject_reaches(self, context: RuleContext, first: Mention, cue_start: int, reverse: bool) -> bool:
        """Whether the name found before a cue stands near enough to be the one it speaks of; a cue
        that opens with a pronoun ("his company", "their partnership") points back further. Before a
        passive cue a pronoun between is the one it speaks of, not the name ("they dropped the
        Microsoft first right of refusal and they can now get compute from Oracle")."""
        opening = context.lowered[cue_start : cue_start + 8].split(maxsplit=1)
        if opening and opening[0] in self.pronoun_words:
            return True
        return self.tools.reach.subject_reaches(context.lowered, first, cue_start, pronouns_for_it=not reverse)

    def _not_the_object(self, context: RuleContext, relation: Relation, cue_end: int, obj: Mention) -> bool:
        """The name after a cue that is not what the cue is about: a thing of that company ("buying
        Nvidia processors"), the agent after "by" ("the acquisition of Sky by OpenAI" names the
        buyer), or what something is like ("a version of OpenClaw"; for a symmetric relation
        "a rival to" is a cue of its own)."""
        return (
            self._thing_of(context, relation, obj)
            or AGENT_BEFORE.search(context.lowered, cue_end, obj.start) is not None
            or found(self.tools.reading.words(relation.not_after_cue), context.lowered, cue_end, obj.start)
            or (not relation.symmetric and LIKENESS_BEFORE.search(context.lowered, cue_end, obj.start) is not None)
        )

    def _thing_of(self, context: RuleContext, relation: Relation, obj: Mention) -> bool:
        """ "buying Nvidia processors", "head of Google's book project": a word right after the
        object makes it a thing of that company (a name read with its "'s" ends before it too)."""
        pattern = self.not_before_object.get(relation.name)
        if pattern is None:
            return False
        ends = (obj.end, obj.end - 2) if obj.text.lower().endswith(("'s", "’s")) else (obj.end,)
        return any(pattern.match(context.lowered, end) is not None for end in ends)

    def _someone_else_acts(self, context: RuleContext, relation: Relation, first: Mention, cue_start: int) -> bool:
        """ "Sam Altman claimed he uses ChatGPT": a person (or a pronoun for one) who cannot hold the
        relation stands between the subject found and the cue, so the subject is not the one acting."""
        return any(
            m.entity.type == "Person" and not m.entity.is_a(relation.subject_types)
            for m in context.mentions_between(first.end, cue_start)
        )

    def _speaker_acts(
        self, context: RuleContext, relation: Relation, clause: Clause, first: Mention | None, cue_start: int
    ) -> bool:
        """ "Slack ... if I bought Salesforce": the speaker stands between the subject (or the clause's
        start) and the cue, so the speaker bought it; a person named as the subject may be the speaker."""
        if relation.topic_despite_speaker or (first is not None and first.entity.type == "Person"):
            return False
        start = max(clause.start, first.end) if first is not None else clause.start
        return self.tools.reading.speaker_acts(context.lowered, start, cue_start)

    def _list_after(self, context: RuleContext, first: Mention) -> list[Mention]:
        """The names listed right after `first` ("supplies Microsoft, Google and Amazon")."""
        clause = context.clause_at(first.start)
        return context.names_in_a_row(first.end, clause.end, (first.entity.type,), self.schema.language.list_joiners)

    def _listed(self, context: RuleContext, relation: Relation, cue_end: int) -> list[tuple[Mention, Mention]]:
        """Every pair of a list of three or more right after a symmetric cue ("the differences
        between GPT-5.2, Gemini 3 and Claude Opus 4.5")."""
        clause = context.clause_at(cue_end)
        language = self.schema.language
        listed = context.names_in_a_row(
            cue_end, clause.end, relation.subject_types, language.list_joiners, language.list_openers
        )
        if len(listed) < 3:
            return []
        return [(a, b) for i, a in enumerate(listed) for b in listed[i + 1 :]]


def _longest_first(hits: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    # kept hits never overlap, so sorted by start they are sorted by end too: a new hit can
    # only overlap its neighbours (a bisect, not a scan: a 20 MB one-line transcript has 10^6 hits)
    kept: list[tuple[int, int, bool]] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        at = bisect.bisect_left(kept, hit)
        if (at == 0 or kept[at - 1][1] <= hit[0]) and (at == len(kept) or hit[1] <= kept[at][0]):
            kept.insert(at, hit)
    return kept


def _pair(lowered: str, mentions: list[Mention], types, joiners) -> tuple[Mention, Mention] | None:
    """Two named mentions of fitting types with only a joiner ("and", "&") between them."""
    if len(mentions) != 2:
        return None
    first, second = mentions
    if "pronoun" in (first.method, second.method) or first.entity == second.entity:
        return None
    if not (first.entity.is_a(types) and second.entity.is_a(types)):
        return None
    return (first, second) if " ".join(lowered[first.end : second.start].split()) in joiners else None


def _not_owners(lowered: str, names: list[Mention]) -> list[Mention]:
    """The names but those that own the name right after them: in "We added Google's Veo and Imagen
    models to the roster of partner models from OpenAI", Google is no subject of the cue; Veo is."""
    starts = {m.start for m in names}

    def owner(m: Mention) -> bool:
        possessive = m.text.lower().endswith(("'s", "\u2019s")) or lowered.startswith(("'s", "\u2019s"), m.end)
        after = OWNER_OF_NEXT.match(lowered, m.end)
        return possessive and after is not None and after.end() in starts

    return [m for m in names if not owner(m)]
