"""The offline rules extractor: relation cues from schema/relations.yaml applied to
mentions, pronouns and topics, with negation and modality read from schema/language.yaml."""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Assertion, Document, Entity, Evidence, Mention
from ..schema import Cue, Relation, Schema
from .base import Extraction
from .evidence import quoted_within
from .mention_stage import MentionStage
from .phrases import PhraseMatcher, Squeezed
from .scoring import best_per_triple
from .resolve import SALIENCE_WINDOW, resolve_pronouns
from .text import Clause, clauses, phrase_pattern

if TYPE_CHECKING:
    from .mentions import Gazetteer

NAME = "rules"
KNOWN_FACT_WINDOW = 500  # a gazetteer fact (X develops Y) needs X and Y named this close
LAST_WORD = re.compile(r"([\w']+)\s*$")
LIST_FACTOR = 0.8  # a name further down a list the cue governs
PRONOUN_FACTOR = 0.85
TOPIC_FACTOR = 0.7
KNOWN_FACT_CONFIDENCE = 0.6
FAR_KNOWN_FACT_CONFIDENCE = 0.45  # a product's known maker named anywhere else in the transcript
NAME_PREFIX_CONFIDENCE = 0.9
AGENT_BEFORE = re.compile(r"\bby\s*$")
LIKENESS_BEFORE = re.compile(r"\b(?:version|clone|copy|knockoff|alternative|rival|competitor|answer)s?\s+(?:of|to)\s*$")
RIVAL_MAKER_FACTOR = 0.8  # makers of rival products compete: implied, less surely than said
OWNER_GAP = 4  # "Meta's ad", "Nvidia chips": a name this close before a revenue stream owns it


@dataclass(frozen=True)
class _SlotPattern:
    relation: Relation
    cue: Cue
    before_slot: re.Pattern[str]
    after_slot: re.Pattern[str]

    @property
    def possessive(self) -> bool:
        """A pattern that opens with "'s" or "'re" binds the name written right before it."""
        return self.cue.phrase.startswith(("'s", "'re", "\u2019s"))


class RulesExtractor:
    name = identity = NAME

    def __init__(self, schema: Schema):
        """Cheap: the gazetteer and cue automata are built when first used, or by prepare()."""
        self.schema = schema
        self.mention_stage = MentionStage(schema)
        language = schema.language
        self.negation = phrase_pattern(language.negations)
        self.hedge = phrase_pattern(language.hedges)
        self.prediction = phrase_pattern(language.predictions)
        self.speaker_plan = phrase_pattern(language.speaker_plans)
        self.speaker_subject = phrase_pattern(language.speaker_subjects)
        # "it's a Chinese startup": "it" is never resolved, but it does stand for a name said before
        self.pronoun_words = frozenset(w for words in language.pronouns.values() for w in words) | {"it"}
        self.not_before_object = {
            r.name: re.compile(r"\s*(?:" + "|".join(map(_words, r.not_before_object)) + r")(?!\w)")
            for r in schema.relations.values() if r.not_before_object}

    def prepare(self) -> None:
        """Build what extraction needs now (before forking workers, which then share it); a
        rebuild with nothing to extract never pays for it."""
        self.mention_stage.prepare()
        for part in ("cues", "slot_patterns", "company_prefixes"):
            getattr(self, part)

    @property
    def gazetteer(self) -> Gazetteer:
        return self.mention_stage.gazetteer

    @cached_property
    def cues(self) -> PhraseMatcher:
        return PhraseMatcher((cue.phrase, (relation.name, cue.reverse))
                             for relation in self.schema.relations.values() for cue in relation.cues if not cue.slots)

    @cached_property
    def slot_patterns(self) -> list[_SlotPattern]:
        return [_slot_pattern(r, c) for r in self.schema.relations.values() for c in r.cues if c.slots]

    @cached_property
    def company_prefixes(self) -> dict[str, Entity]:
        return {key: found.entry.entity for key, found in self.gazetteer.by_alias.items()
                if found.entry.entity.type == "Company" and found.method == "gazetteer"}

    def extract(self, document: Document) -> Extraction:
        found_names = self.mention_stage.find(document)
        lowered, squeezed, named, punctuated = (
            found_names.lowered, found_names.squeezed, found_names.mentions, found_names.punctuated)
        pronouns = resolve_pronouns(lowered, named, self.schema.language)
        context = _Context(document, lowered, named, sorted(named + pronouns, key=lambda m: m.start),
                           clauses(document.text, self.schema.language, lowered, punctuated), punctuated)
        found: list[Assertion] = list(self._cued(context, squeezed))
        typed: dict[str, list[Mention]] = {}
        for pattern in self.slot_patterns:
            slot_type = pattern.cue.slots[0]
            if slot_type not in typed:
                typed[slot_type] = [m for m in named if m.entity.is_a(slot_type)]
            found.extend(self._slotted(context, pattern, typed[slot_type]))
        found.extend(self._known_facts(context))
        found.extend(self._peer_lists(context))
        found.extend(self._name_prefixes(context))
        minimum = self.schema.language.min_confidence
        consistent = self._consistent(found)
        consistent += list(self._rival_makers(consistent))
        kept = [a for a in best_per_triple(consistent, self.schema.relations) if a.confidence >= minimum]
        return Extraction(document, tuple(named), tuple(kept))

    # --- cue words ---------------------------------------------------------------------
    def _cued(self, context: "_Context", squeezed: Squeezed):
        """Cue words of every relation in one pass; overlapping cues of one relation keep the
        longest ("acquired by" over "acquired")."""
        by_relation: dict[str, list[tuple[int, int, bool]]] = {}
        for start, end, _, values in self.cues.find(squeezed):
            for name, reverse in values:
                by_relation.setdefault(name, []).append((start, end, reverse))
        for name, hits in by_relation.items():
            relation = self.schema.relations[name]
            for start, end, reverse in _longest_first(hits):
                listed = self._listed(context, relation, end) if relation.symmetric else []
                for first, second in listed:
                    yield from self._assertion(context, relation, first, second, start, end, 1.0)
                if listed:
                    continue
                found = self._ends(context, relation, start, end, reverse)
                if found is not None:
                    subject, obj, factor = found
                    yield from self._assertion(context, relation, subject, obj, start, end, factor)
                    if not reverse:
                        for other in self._list_after(context, obj):
                            yield from self._assertion(context, relation, subject, other, start, end, factor * LIST_FACTOR)

    def _ends(self, context: "_Context", relation: Relation, cue_start: int, cue_end: int, reverse: bool):
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
            (relation.object_types, relation.subject_types) if reverse else (relation.subject_types, relation.object_types))
        # a pronoun stands for a subject named before the cue ("they partnered with"), never after it
        before = [m for m in before if m.method != "pronoun"] if reverse else before
        after = [m for m in after if m.method != "pronoun"]
        if relation.symmetric:
            joiners = self.schema.language.pair_joiners
            in_clause = [m for m in before if m.start >= clause.start]
            pair = _pair(context.lowered, in_clause[-2:], relation.subject_types, joiners)
            # "a battle between Apple and Meta"; but "Amazon is partnering with Anthropic and OpenAI"
            # (or "we're going to partner with ...") pairs the one acting with each of them
            subject_before = (_nearest(reversed(in_clause), relation.subject_types) is not None
                              or _found(self.speaker_subject, context.lowered, clause.start, cue_start))
            if pair is None and not subject_before:
                pair = _pair(context.lowered, after[:2], relation.subject_types, joiners)
            if pair:
                return pair[0], pair[1], 1.0
        first = _nearest(reversed(before), first_types)
        second = _nearest(after, second_types)
        if reverse and after and second is not after[0]:
            return None  # "built by Peter Steinberger, ... GitHub stars": the agent is the name right after "by"
        if second is not None and not reverse and self._not_the_object(context, relation, cue_end, second):
            return None
        factor = 1.0
        if not reverse and self._speaker_acts(context, relation, clause, first, cue_start):
            return None
        # the topic stands in for a missing end, unless a person is the one acting ("he built it")
        if (first is None and second is not None and relation.topic_fallback
                and not any(m.start >= clause.start and m.entity.type == "Person" for m in before)):
            first = context.salient(cue_start, first_types, exclude=second.entity)
            factor = TOPIC_FACTOR
        if first is None or second is None or first.entity == second.entity:
            return None
        return (second, first, factor) if reverse else (first, second, factor)

    def _not_the_object(self, context: "_Context", relation: Relation, cue_end: int, obj: Mention) -> bool:
        """The name after a cue that is not what the cue is about: a thing of that company ("buying
        Nvidia processors"), the agent after "by" ("the acquisition of Sky by OpenAI" names the
        buyer), or what something is like ("a version of OpenClaw"; for a symmetric relation
        "a rival to" is a cue of its own)."""
        return (self._thing_of(context, relation, obj)
                or AGENT_BEFORE.search(context.lowered, cue_end, obj.start) is not None
                or (not relation.symmetric and LIKENESS_BEFORE.search(context.lowered, cue_end, obj.start) is not None))

    def _thing_of(self, context: "_Context", relation: Relation, obj: Mention) -> bool:
        """"buying Nvidia processors", "head of Google's book project": a word right after the
        object makes it a thing of that company (a name read with its "'s" ends before it too)."""
        pattern = self.not_before_object.get(relation.name)
        if pattern is None:
            return False
        ends = (obj.end, obj.end - 2) if obj.text.lower().endswith(("'s", "’s")) else (obj.end,)
        return any(pattern.match(context.lowered, end) is not None for end in ends)

    def _speaker_acts(self, context: "_Context", relation: Relation, clause: Clause, first: Mention | None,
                      cue_start: int) -> bool:
        """"Slack ... if I bought Salesforce": the speaker stands between the subject (or the clause's
        start) and the cue, so the speaker bought it; a person named as the subject may be the speaker."""
        if relation.topic_despite_speaker or (first is not None and first.entity.type == "Person"):
            return False
        start = max(clause.start, first.end) if first is not None else clause.start
        return _found(self.speaker_subject, context.lowered, start, cue_start)

    def _list_after(self, context: "_Context", first: Mention) -> list[Mention]:
        """The names listed right after `first` ("supplies Microsoft, Google and Amazon")."""
        clause = context.clauses[context.clause_index(first.start)]
        return self._names_in_a_row(context, first.end, clause.end, (first.entity.type,))

    def _listed(self, context: "_Context", relation: Relation, cue_end: int) -> list[tuple[Mention, Mention]]:
        """Every pair of a list of three or more right after a symmetric cue ("the differences
        between GPT-5.2, Gemini 3 and Claude Opus 4.5")."""
        clause = context.clauses[context.clause_index(cue_end)]
        listed = self._names_in_a_row(context, cue_end, clause.end, relation.subject_types,
                                      self.schema.language.list_openers)
        if len(listed) < 3:
            return []
        return [(a, b) for i, a in enumerate(listed) for b in listed[i + 1:]]

    def _names_in_a_row(self, context: "_Context", start: int, end: int, types, first_gaps=None) -> list[Mention]:
        """Named mentions of `types` from `start`, the first after one of `first_gaps` (by default a
        list joiner) and each further one after a list joiner (",", "and", "or"); each entity once."""
        joiners = self.schema.language.list_joiners
        listed: list[Mention] = []
        position = start
        for mention in context.mentions_between(start, end):
            gap = " ".join(context.lowered[position:mention.start].split())
            if mention.method == "pronoun" or not mention.entity.is_a(types):
                break
            if gap not in (joiners if listed or first_gaps is None else first_gaps):
                break
            if all(m.entity != mention.entity for m in listed):
                listed.append(mention)
            position = mention.end
        return listed

    def _slotted(self, context: "_Context", pattern: _SlotPattern, candidates: list[Mention]):
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
            head = pattern.before_slot.search(context.lowered, max(0, mention.start - 60), mention.start) if has_head else None
            if has_head and head is None:
                continue
            start, end = (head.start() if head else mention.start), tail.end()
            other, factor = self._other_end(context, relation, mention, start, end, slot_is_object,
                                            pattern.cue.other_first or reverse)
            if other is None or (pattern.possessive and other.end != start and not self._pronoun_before(context, start)):
                continue  # "Google's cloud" is Google's; "Anthropic on somebody's cloud" is not Anthropic's
            subject, obj = (other, mention) if slot_is_object else (mention, other)
            yield from self._assertion(context, relation, subject, obj, start, end, factor)

    def _pronoun_before(self, context: "_Context", position: int) -> bool:
        """Whether the word written right before `position` is a pronoun ("they're a Chinese startup")."""
        word = LAST_WORD.search(context.lowered, max(0, position - 20), position)
        return word is not None and word.group(1) in self.pronoun_words

    def _other_end(self, context: "_Context", relation: Relation, slot: Mention, start: int, end: int,
                   slot_is_object: bool, other_first: bool = False) -> tuple[Mention | None, float]:
        wanted = relation.subject_types if slot_is_object else relation.object_types
        if slot_is_object or other_first:
            before = context.mentions_between(max(0, start - relation.window), start)
            other = _nearest(reversed(before), wanted)
            if other is None and not other_first and relation.topic_fallback:
                return context.salient(start, wanted, exclude=slot.entity), TOPIC_FACTOR
            return other, 1.0
        clause_end = context.clauses[context.clause_index(end)].end
        after = context.mentions_between(end, min(clause_end, end + relation.slot_window))
        return _nearest(after, wanted), 1.0

    # --- facts the gazetteer knows, confirmed by both names standing close -----------
    def _known_facts(self, context: "_Context"):
        relations = self.schema.relations
        far: set[tuple[Entity, str]] = set()
        for mention in context.named:
            entry = self.gazetteer.entry(mention.entity.name)
            if entry is None:
                continue
            for field, predicate, subject_is_mention in (
                ("developer", "develops", False), ("leads", "leads", True), ("works_for", "worksFor", True),
            ):
                target = getattr(entry, field)
                if target is None or predicate not in relations:
                    continue
                partner = context.nearest_named(target, mention.start, KNOWN_FACT_WINDOW)
                confidence = KNOWN_FACT_CONFIDENCE
                if partner is None and field in ("developer", "leads") and (mention.entity, target) not in far:
                    # a maker and its product named apart: the text touches the fact, less closely
                    far.add((mention.entity, target))
                    partner = context.nearest_named(target, mention.start, len(context.lowered))
                    confidence = FAR_KNOWN_FACT_CONFIDENCE
                if partner is None:
                    continue
                subject, obj = (mention, partner) if subject_is_mention else (partner, mention)
                start, end = min(mention.start, partner.start), max(mention.end, partner.end)
                yield self._make(context, relations[predicate], subject, obj, start, end, confidence, "stated")
            if "monetizesVia" in relations:
                yield from self._known_business(context, mention, entry.monetizes, relations["monetizesVia"])

    def _known_business(self, context: "_Context", mention: Mention, streams: tuple[str, ...], relation: Relation):
        """"Meta ... my best guess is ads": a way the company is known to make money, said in the
        same clause or the next, unless another company's name is written right before the stream
        ("Meta wants Google's models in Meta's ad operations" says nothing of Google's ads)."""
        index = context.clause_index(mention.start)
        end = context.clauses[min(index + 1, len(context.clauses) - 1)].end
        for stream in streams:
            partner = context.nearest_named(stream, mention.start, end - mention.start)
            if partner is None or partner.start < context.clauses[index].start:
                continue
            owner = context.nearest_named_before(partner.start, OWNER_GAP)
            if owner is not None and owner.entity != mention.entity and owner.entity.type == "Company":
                continue
            start, stop = min(mention.start, partner.start), max(mention.end, partner.end)
            modality = self._modality(context.lowered, context.clauses[index].start, end)
            confidence = KNOWN_FACT_CONFIDENCE * self.schema.language.modality_confidence.get(modality, 1.0)
            yield self._make(context, relation, mention, partner, start, stop, confidence, modality)

    # --- names listed together, read as peers ------------------------------------------
    def _peer_lists(self, context: "_Context"):
        """"Google, OpenAI and Anthropic are racing": every pair of a list long enough, for a
        relation with peer_lists; weaker than a cue, unless a negation stands before the list."""
        for relation in self.schema.relations.values():
            peers = relation.peer_lists
            if peers is None:
                continue
            listed_to = -1
            for mention in context.named:
                if mention.start < listed_to or not mention.entity.is_a(peers.types):
                    continue
                clause = context.clauses[context.clause_index(mention.start)]
                listed = [mention] + [m for m in self._names_in_a_row(context, mention.end, clause.end, peers.types)
                                      if m.entity != mention.entity]
                listed_to = listed[-1].end
                # a name known only from standing in the list does not make the list longer
                listed = [m for m in listed if m.method != "listed"]
                if len(listed) < peers.min_names or _found(self.negation, context.lowered, clause.start, mention.start):
                    continue
                if _found(phrase_pattern(peers.not_after), context.lowered, clause.start, mention.start):
                    continue  # "integrations with tools like Gmail, Slack, GitHub": not peers
                # the listing itself implies the peers; a hedge or prediction in the clause is about its claim
                modality = self._modality(context.lowered, clause.start, clause.end)
                for first, second in itertools.combinations(listed, 2):
                    yield self._make(context, relation, first, second, mention.start, listed_to, peers.confidence, modality)

    def _name_prefixes(self, context: "_Context"):
        """'DeepSeek V3', 'Google Cloud': a product named after its company is that company's."""
        relation = self.schema.relations.get("develops")
        if relation is None:
            return
        for mention in context.named:
            if not mention.entity.is_a(relation.object_types):
                continue
            words = context.lowered[mention.start:mention.end].split()
            for size in range(len(words) - 1, 0, -1):
                company = self.company_prefixes.get(" ".join(words[:size]))
                if company is not None and company != mention.entity:
                    subject = Mention(mention.start, mention.end, mention.text, company, "name")
                    yield self._make(context, relation, subject, mention, mention.start, mention.end,
                                     NAME_PREFIX_CONFIDENCE, "stated")
                    break

    def _consistent(self, assertions: list[Assertion]) -> list[Assertion]:
        """Drop readings the gazetteer contradicts: a model 'developed' by a company other than its
        known developer, and a company 'using' what it develops itself."""
        developed = {(a.subject, a.object) for a in assertions if a.predicate == "develops"}
        kept = []
        for assertion in assertions:
            entry = self.gazetteer.entry(assertion.object.name)
            known = entry.developer if entry else None
            if assertion.predicate == "develops" and known and known != assertion.subject.name:
                continue
            if assertion.predicate == "uses" and (assertion.subject, assertion.object) in developed:
                continue
            if assertion.predicate == "competesWith" and self._same_maker(assertion.subject, assertion.object):
                continue
            kept.append(assertion)
        return kept

    def _rival_makers(self, assertions: list[Assertion]):
        """"DeepSeek-V3 rivals Claude Sonnet": the makers of two rival products or models compete too."""
        for assertion in assertions:
            if assertion.predicate != "competesWith" or "Company" in (assertion.subject.type, assertion.object.type):
                continue
            makers = [self._maker(e) for e in (assertion.subject, assertion.object)]
            if None in makers or makers[0] == makers[1]:
                continue
            yield replace(assertion, subject=makers[0], object=makers[1],
                          confidence=round(assertion.confidence * RIVAL_MAKER_FACTOR, 3), surface_forms=())

    def _maker(self, entity: Entity) -> Entity | None:
        """The company the gazetteer knows makes this product or model."""
        entry = self.gazetteer.entry(entity.name)
        maker = self.gazetteer.entry(entry.developer) if entry and entry.developer else None
        return maker.entity if maker else None

    def _lift(self, mention: Mention) -> Mention:
        """A product or model's maker in its place, when the gazetteer knows it."""
        maker = self._maker(mention.entity)
        if maker is None or mention.entity.type == "Company":
            return mention
        return Mention(mention.start, mention.end, mention.text, maker, "maker")

    def _same_maker(self, first: Entity, second: Entity) -> bool:
        """Two things from one company (o1 and o3; OpenAI and ChatGPT) are not competitors."""
        return (self._maker(first) or first) == (self._maker(second) or second)

    # --- shared ------------------------------------------------------------------------
    def _assertion(self, context, relation: Relation, subject: Mention, obj: Mention, cue_start: int,
                   cue_end: int, factor: float):
        if relation.maker_as_subject and subject.entity.type not in relation.subject_types:
            subject = self._lift(subject)
        if subject.entity == obj.entity:
            return
        if not subject.entity.is_a(relation.subject_types) or not obj.entity.is_a(relation.object_types):
            return
        if relation.strict_object and obj.entity.type not in relation.object_types:
            return
        if relation.lift_to_maker:
            if subject.entity.type == "Company" and obj.entity.type != "Company":
                obj = self._lift(obj)
            elif obj.entity.type == "Company" and subject.entity.type != "Company":
                subject = self._lift(subject)
        clause = context.clauses[context.clause_index(cue_start)]
        language = self.schema.language
        # A negation counts between the name before the cue and the cue: "X does not partner with Y".
        left = max([clause.start, cue_start - language.negation_window]
                   + [m.end for m in (subject, obj) if m.method != "topic" and m.end <= cue_start])
        if _found(self.negation, context.lowered, left, cue_start):
            return
        modality = self._modality(context.lowered, max(clause.start, cue_start - language.modality_window), cue_end)
        if subject.method == "pronoun" or obj.method == "pronoun":
            factor *= PRONOUN_FACTOR
        span = _span(subject, obj, cue_start, cue_end)
        distance = (span[1] - span[0]) / (2 * relation.window + 1)
        confidence = relation.confidence * factor * language.modality_confidence.get(modality, 1.0) * (1 - 0.3 * min(distance, 1))
        yield self._make(context, relation, subject, obj, span[0], span[1], confidence, modality)

    def _modality(self, lowered: str, start: int, end: int) -> str:
        if self._predicts(lowered, start, end):
            return "predicted"
        if _found(self.hedge, lowered, start, end):
            return "hedged"
        return "stated"

    def _predicts(self, lowered: str, start: int, end: int) -> bool:
        """A prediction word in the window that is not the speaker announcing what comes next
        ("we're going to talk about")."""
        if self.prediction is None or start >= end:
            return False
        plans = [m.span() for m in self.speaker_plan.finditer(lowered, start, end)] if self.speaker_plan else []
        return any(not any(a <= m.start() < b for a, b in plans)
                   for m in self.prediction.finditer(lowered, start, end))

    def _make(self, context, relation: Relation, subject: Mention, obj: Mention, start: int, end: int,
              confidence: float, modality: str) -> Assertion:
        evidence = context.evidence(start, end)
        return Assertion(
            subject=subject.entity, predicate=relation.name, object=obj.entity,
            confidence=round(confidence, 3), evidence=evidence, extractor=NAME, modality=modality,
            surface_forms=tuple((m.entity, m.text) for m in (subject, obj) if m.method not in ("pronoun", "name", "maker")),
        )


@dataclass
class _Context:
    document: Document
    lowered: str
    named: list[Mention]
    mentions: list[Mention]
    clauses: list[Clause]
    punctuated: bool = False

    def __post_init__(self):
        self._mention_starts = [m.start for m in self.mentions]
        self._clause_starts = [c.start for c in self.clauses] or [0]
        if not self.clauses:
            self.clauses = [Clause(0, len(self.lowered))]

    def clause_index(self, position: int) -> int:
        return max(bisect.bisect_right(self._clause_starts, position) - 1, 0)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        low = bisect.bisect_left(self._mention_starts, start)
        high = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]

    def salient(self, position: int, types, exclude: Entity | None = None) -> Mention | None:
        """The entity of one of `types` named last before `position`, within the salience window."""
        for mention in reversed(self.mentions_between(max(0, position - SALIENCE_WINDOW), position)):
            if mention.entity.is_a(types) and mention.entity != exclude:
                return Mention(position, position, mention.text, mention.entity, "topic")
        return None

    def nearest_named_before(self, position: int, gap: int) -> Mention | None:
        """The name that ends at most `gap` characters before `position`."""
        before = [m for m in self.mentions_between(max(0, position - 80), position)
                  if m.method != "pronoun" and position - m.end <= gap]
        return before[-1] if before else None

    def nearest_named(self, name: str, position: int, window: int) -> Mention | None:
        candidates = [m for m in self.mentions_between(max(0, position - window), position + window)
                      if m.entity.name == name]
        return min(candidates, key=lambda m: abs(m.start - position), default=None)

    def evidence(self, start: int, end: int) -> Evidence:
        """The clauses from `start` to `end`, quoted."""
        first = self.clauses[self.clause_index(start)].start
        last = self.clauses[self.clause_index(max(end - 1, start))].end
        return quoted_within(self.document, first, last, start, end)


def _slot_pattern(relation: Relation, cue: Cue) -> _SlotPattern:
    head, _, tail = re.split(r"(\{\w+\})", cue.phrase, maxsplit=1)
    before = re.compile(_words(head) + r"\s*$") if head.strip() else re.compile("$")
    after = re.compile(r"\s*" + _words(tail) + r"(?!\w)") if tail.strip() else re.compile("")
    return _SlotPattern(relation, cue, before, after)


def _words(text: str) -> str:
    return re.escape(text.strip()).replace(r"\ ", r"\s+")


def _longest_first(hits: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    # kept hits never overlap, so sorted by start they are sorted by end too: a new hit can
    # only overlap its neighbours (a bisect, not a scan: a 20 MB one-line transcript has 10^6 hits)
    kept: list[tuple[int, int, bool]] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        at = bisect.bisect_left(kept, hit)
        if (at == 0 or kept[at - 1][1] <= hit[0]) and (at == len(kept) or hit[1] <= kept[at][0]):
            kept.insert(at, hit)
    return kept


def _nearest(mentions, types, exclude: Entity | None = None) -> Mention | None:
    for mention in mentions:
        if mention.entity.is_a(types) and mention.entity != exclude:
            return mention
    return None


def _pair(lowered: str, mentions: list[Mention], types, joiners) -> tuple[Mention, Mention] | None:
    """Two named mentions of fitting types with only a joiner ("and", "&") between them."""
    if len(mentions) != 2:
        return None
    first, second = mentions
    if "pronoun" in (first.method, second.method) or first.entity == second.entity:
        return None
    if not (first.entity.is_a(types) and second.entity.is_a(types)):
        return None
    return (first, second) if " ".join(lowered[first.end:second.start].split()) in joiners else None


def _found(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    return pattern is not None and start < end and pattern.search(text, start, end) is not None


def _span(subject: Mention, obj: Mention, cue_start: int, cue_end: int) -> tuple[int, int]:
    points = [cue_start, cue_end] + [p for m in (subject, obj) if m.method != "topic" for p in (m.start, m.end)]
    return min(points), max(points)
