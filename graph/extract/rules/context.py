"""The one container the rule components share for a document: what the mention stage found,
the clauses, and the assertions the components have added so far."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ...model import Assertion, Document, Entity, Evidence, Mention
from ...schema import Relation
from ..evidence import led_by_name, quoted_within
from ..phrases import Squeezed
from ..resolve import SALIENCE_WINDOW
from ..text import Clause

FIELDS = ("document", "lowered", "squeezed", "named", "mentions", "clauses", "punctuated", "own_company", "assertions")
"""What a component may read (and add to); a component declares which."""
INITIAL_FIELDS = FIELDS[:-1]
"""What the context holds before any component ran."""
ANTECEDENT_REACH = 300
"""How far back a claim's quote reaches for the name a pronoun in it stands for."""
NAME_REACH = 3000
"""How far back a name a pronoun stands for is looked for to lead a quote that cannot reach it."""


@dataclass
class RuleContext:
    document: Document
    lowered: str
    squeezed: Squeezed
    named: list[Mention]
    """The names the mention stage found, by start."""
    mentions: list[Mention]
    """The names and the pronouns that stand for them, by start."""
    clauses: list[Clause]
    punctuated: bool = False
    extractor: str = "rules"
    assertions: list[Assertion] = field(default_factory=list)
    own_company: Entity | None = None
    """The company whose call (or interview) it is: its people's "we" and "our" are mentions of it."""

    def __post_init__(self):
        self._mention_starts = [m.start for m in self.mentions]
        self._clause_starts = [c.start for c in self.clauses] or [0]
        if not self.clauses:
            self.clauses = [Clause(0, len(self.lowered))]

    def clause_index(self, position: int) -> int:
        return max(bisect.bisect_right(self._clause_starts, position) - 1, 0)

    def clause_at(self, position: int) -> Clause:
        return self.clauses[self.clause_index(position)]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        low = bisect.bisect_left(self._mention_starts, start)
        high = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]

    def own_company_at(self, position: int, types, other: Entity) -> Mention | None:
        """The call's company standing at `position` for a subject the text leaves unsaid, where it
        may hold the relation (`types`) and is not the other end."""
        company = self.own_company
        if company is None or company == other or not company.is_a(types):
            return None
        return Mention(position, position, company.name, company, "pronoun")

    def salient(self, position: int, types, exclude: Entity | None = None) -> Mention | None:
        """The entity of one of `types` named last before `position`, within the salience window."""
        for mention in reversed(self.mentions_between(max(0, position - SALIENCE_WINDOW), position)):
            if mention.entity.is_a(types) and mention.entity != exclude:
                return Mention(position, position, mention.text, mention.entity, "topic")
        return None

    def nearest_named_before(self, position: int, gap: int) -> Mention | None:
        """The name that ends at most `gap` characters before `position`."""
        before = [
            m
            for m in self.mentions_between(max(0, position - 80), position)
            if m.method != "pronoun" and position - m.end <= gap
        ]
        return before[-1] if before else None

    def nearest_named(self, name: str, position: int, window: int, pronouns: bool = False) -> Mention | None:
        """The mention of `name` nearest `position`, at most `window` away; by a pronoun standing
        for it only with `pronouns`."""
        candidates = [
            m
            for m in self.mentions_between(max(0, position - window), position + window)
            if m.entity.name == name and (pronouns or m.method != "pronoun")
        ]
        return min(candidates, key=lambda m: abs(m.start - position), default=None)

    def names_in_a_row(self, start: int, end: int, types, joiners, first_gaps=None) -> list[Mention]:
        """Named mentions of `types` from `start`, the first after one of `first_gaps` (by default
        one of `joiners`) and each further one after one of `joiners` (",", "and", "or"); each
        entity once."""
        listed: list[Mention] = []
        position = start
        for mention in self.mentions_between(start, end):
            gap = " ".join(self.lowered[position : mention.start].split())
            if mention.method == "pronoun" or not mention.entity.is_a(types):
                break
            if gap not in (joiners if listed or first_gaps is None else first_gaps):
                break
            if all(m.entity != mention.entity for m in listed):
                listed.append(mention)
            position = mention.end
        return listed

    def _named_before(self, pronoun: Mention, reach: int) -> Mention | None:
        """Where the entity a pronoun stands for was last named, at most `reach` before it."""
        named = [
            m
            for m in self.mentions_between(max(0, pronoun.start - reach), pronoun.start)
            if m.entity == pronoun.entity and m.method != "pronoun"
        ]
        return named[-1] if named else None

    def _asked(self, position: int) -> bool:
        clause = self.clause_at(position)
        return self.punctuated and self.document.text[clause.start : clause.end].rstrip().endswith("?")

    def evidence(self, start: int, end: int) -> Evidence:
        """The clauses from `start` to `end`, quoted."""
        first = self.clause_at(start).start
        last = self.clause_at(max(end - 1, start)).end
        return quoted_within(self.document, first, last, start, end)

    def claim(
        self, relation: Relation, subject: Mention, obj: Mention, start: int, end: int, confidence: float, modality: str
    ) -> Assertion:
        """The assertion that `subject` holds `relation` to `obj`, said from `start` to `end`; one
        read from a question is hedged. A pronoun's quote starts where its entity was named, or is
        led by that name where it was said further back."""
        if modality == "stated" and self._asked(start):
            modality = "hedged"
        pronouns = [m for m in (subject, obj) if m.method == "pronoun"]
        near = [self._named_before(m, ANTECEDENT_REACH) for m in pronouns]
        evidence = self.evidence(min([start] + [m.start for m in near if m is not None]), end)
        for pronoun, named in zip(pronouns, near):
            if named is None and (far := self._named_before(pronoun, NAME_REACH)) is not None:
                evidence = led_by_name(self.document, evidence, far.start, far.end)
        return Assertion(
            subject=subject.entity,
            predicate=relation.name,
            object=obj.entity,
            confidence=round(confidence, 3),
            evidence=evidence,
            extractor=self.extractor,
            modality=modality,
            surface_forms=tuple(
                (m.entity, m.text) for m in (subject, obj) if m.method not in ("pronoun", "name", "maker")
            ),
        )
