"""Facts the gazetteer knows (a product's developer, a person's company, a company's way of
making money): said where one sentence ties the two ends, background knowledge (basis "known",
no quote) where the document names both but never ties them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...model import Assertion, Mention
from ...schema import KNOWN_FACT_FIELDS, Relation
from .component import RuleComponent
from .context import RuleContext

WORD = re.compile(r"[\w'’-]+|,")


@dataclass
class Background:
    """A document's facts of the name list it names but never ties, and the ones looked for."""

    facts: dict[tuple, Assertion] = field(default_factory=dict)
    looked: set[tuple] = field(default_factory=set)


@dataclass(frozen=True)
class KnownFactsConfig:
    tie_gap: int = 80
    """Said: the two ends this close, in one sentence (or caption clause), not merely in a list."""
    person_tie_gap: int = 30
    """A person and their company stand closer, with only affiliation words (language.yaml) between
    them: "OpenAI's Greg Brockman", "Sam Altman, the CEO of OpenAI"."""
    confidence: float = 0.6
    next_sentence_gap: int = 160
    """Said, less surely: the two ends this close in sentences next to each other ("Lisa Su took the
    stage. AMD's new chips ...")."""
    next_sentence_confidence: float = 0.5
    known_confidence: float = 0.45
    """A fact of the name list whose ends the transcript names without tying them: known, not said."""
    owner_gap: int = 4
    """"Meta's ad", "Nvidia chips": a name this close before a revenue stream owns it."""
    business_field: str = "monetizes"
    """The field of a company's ways of making money: said when a word of money between them ties
    them in the clause or the next."""


class KnownFacts(RuleComponent):
    name = "known_facts"
    reads = ("lowered", "named", "mentions", "clauses")
    assigns = ("assertions",)
    Config = KnownFactsConfig

    def __init__(self, tools, **config):
        super().__init__(tools, **config)
        fields = [field for field in KNOWN_FACT_FIELDS if field != self.config.business_field]
        self.facts = [
            (field, relation, KNOWN_FACT_FIELDS[field] == "subject")
            for field in fields
            if (relation := self.schema.relation_known_from(field)) is not None
        ]
        """(field of entities.yaml, the relation it states, whether the listed entity is the subject)"""
        self.business = self.schema.relation_known_from(self.config.business_field)

    def __call__(self, context: RuleContext) -> None:
        said: list[Assertion] = []
        known = Background()
        for mention in context.named:
            entry = self.tools.gazetteer.entry(mention.entity.name)
            if entry is None:
                continue
            for list_field, relation, subject_is_mention in self.facts:
                target = getattr(entry, list_field)
                if target is not None:
                    self._fact(context, relation, mention, target, subject_is_mention, said, known)
            if self.business is not None:
                for stream in getattr(entry, self.config.business_field):
                    self._business(context, mention, stream, self.business, said, known)
        told = {(a.subject, a.predicate, a.object) for a in said}
        context.assertions.extend(said)
        context.assertions.extend(a for key, a in known.facts.items() if key not in told)

    def _fact(self, context, relation, mention, target, subject_is_mention, said, known) -> None:
        config = self.config
        # a pronoun may tie within a sentence ("they built Alexa"); across one only for a person's
        # company ("they have to push hard on AI, that is why Jeff Bezos went back to work")
        partner = context.nearest_named(target, mention.start, config.tie_gap + len(target), pronouns=True)
        people = mention.entity.type == "Person" or relation.subject_types == ("Person",)
        confidence = None
        if partner is not None and self._tied(context, mention, partner):
            confidence = config.confidence
        else:
            reach = config.next_sentence_gap + len(target)
            partner = context.nearest_named(target, mention.start, reach, pronouns=people)
            if partner is not None and self._in_next_sentence(context, mention, partner):
                confidence = config.next_sentence_confidence
        if confidence is None:
            self._background(context, relation, mention, target, subject_is_mention, known)
            return
        subject, obj = (mention, partner) if subject_is_mention else (partner, mention)
        start, end = min(mention.start, partner.start), max(mention.end, partner.end)
        reading = self.tools.reading
        window = max(context.clause_at(start).start, start - self.schema.language.modality_window)
        modality = reading.modality(context.lowered, window, end)
        confidence *= reading.modality_factor(modality)
        said.append(context.claim(relation, subject, obj, start, end, confidence, modality))

    def _background(self, context, relation, mention, target, subject_is_mention, known) -> None:
        """The fact as background knowledge, once a document: both ends named, never tied."""
        looked_up = (mention.entity, relation.name, target)
        if looked_up in known.looked:
            return
        known.looked.add(looked_up)  # the partner is named somewhere or nowhere: one search tells
        partner = context.nearest_named(target, mention.start, len(context.lowered))
        if partner is None:
            return
        subject, obj = (mention, partner) if subject_is_mention else (partner, mention)
        key = (subject.entity, relation.name, obj.entity)
        if key not in known.facts:
            claim = context.claim(
                relation, subject, obj, mention.start, mention.end, self.config.known_confidence, "stated"
            )
            known.facts[key] = replace(claim, basis="known")

    def _tied(self, context: RuleContext, first: Mention, second: Mention) -> bool:
        """Two names one sentence ties: close, no sentence end or other company between them,
        and not merely two items of one list ("OpenAI, Google, ChatGPT and Gemini")."""
        first, second = sorted((first, second), key=lambda m: m.start)
        people = "Person" in (first.entity.type, second.entity.type)
        if second.start - first.end > (
            self.config.person_tie_gap if people else self.config.tie_gap
        ) or context.clause_at(first.start) != context.clause_at(second.start):
            return False
        between = context.mentions_between(first.end, second.start)
        if _another_company(between, first, second):
            return False
        gap = context.lowered[first.end : second.start]
        for m in reversed(between):
            gap = gap[: m.start - first.end] + " " + gap[m.end - first.end :]
        words = WORD.findall(gap)
        if people:
            return all(word in self.schema.language.affiliation_words for word in words)
        joiners = set(self.schema.language.list_joiners) | {","}
        return not words or not all(word in joiners for word in words)

    def _in_next_sentence(self, context: RuleContext, first: Mention, second: Mention) -> bool:
        first, second = sorted((first, second), key=lambda m: m.start)
        if second.start - first.end > self.config.next_sentence_gap:
            return False
        if context.clause_index(second.start) - context.clause_index(first.start) != 1:
            return False
        if _another_company(context.mentions_between(first.end, second.start), first, second):
            return False
        # a sentence holds its own facts; the next one continues them where a pronoun points back
        # ("MCP ... It started as Anthropic's experiment"); a caption clause is no sentence
        clause = context.clause_at(second.start)
        ends = (first.entity, second.entity)
        return not context.punctuated or any(
            m.method == "pronoun" and m.entity in ends for m in context.mentions_between(clause.start, clause.end)
        )

    def _business(self, context, mention, stream, relation: Relation, said, known) -> None:
        """ "Where in Meta is Zuck making money? My own best guess is ads.": a way the company is
        known to make money, said where the two stand close, in one clause or the next, with a word
        of money between them (language.yaml's money_words) and no other company; not where another
        company's name is written right before the stream ("Meta wants Google's models in Meta's ad
        operations" says nothing of Google's ads)."""
        index = context.clause_index(mention.start)
        clause = context.clauses[index]
        follows = context.clauses[min(index + 1, len(context.clauses) - 1)]
        partner = context.nearest_named(stream, mention.start, self.config.next_sentence_gap)
        if partner is None or not clause.start <= partner.start < follows.end:
            self._background(context, relation, mention, stream, True, known)
            return
        owner = context.nearest_named_before(partner.start, self.config.owner_gap)
        if owner is not None and owner.entity != mention.entity and owner.entity.type == "Company":
            return
        reading = self.tools.reading
        if reading.negated(context.lowered, min(mention.end, partner.end), max(mention.start, partner.start)):
            return  # "Nvidia is not a GPU company anymore"
        start, stop = min(mention.start, partner.start), max(mention.end, partner.end)
        first, second = sorted((mention, partner), key=lambda m: m.start)
        if _another_company(context.mentions_between(first.end, second.start), first, second) or not (
            reading.about_money(context.lowered, first.end, second.start)
        ):
            self._background(context, relation, mention, stream, True, known)
            return  # "Google AI search results" names search, not how Google makes money
        modality = reading.modality(context.lowered, clause.start, follows.end)
        confidence = self.config.confidence * reading.modality_factor(modality)
        said.append(context.claim(relation, mention, partner, start, stop, confidence, modality))


def _another_company(between: list[Mention], first: Mention, second: Mention) -> bool:
    """A company other than the two ends named between them: it, not they, may be the one meant."""
    return any(m.entity.type == "Company" and m.entity not in (first.entity, second.entity) for m in between)
