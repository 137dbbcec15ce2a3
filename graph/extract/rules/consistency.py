"""Drop readings the gazetteer contradicts: a thing holding a relation to its own maker, a person
investing in or buying their own company, a model "developed" by a company other than its known
developer, a company "using" what it develops itself (not_own_make) or making money from
another's product (own_make_only), two things of one maker as rivals (rival_makers), and a
reading another said of the same pair implies (implied_by: the head of a company works for it)."""

from __future__ import annotations

from ...model import Assertion
from ...schema import Relation
from .component import RuleComponent
from .context import RuleContext


class Consistency(RuleComponent):
    name = "consistency"
    reads = ("assertions",)
    assigns = ("assertions",)

    def __call__(self, context: RuleContext) -> None:
        maker = self.schema.maker_relation
        developed = {(a.subject, a.object) for a in context.assertions if maker and a.predicate == maker.name}
        said: dict[tuple, float] = {}
        for a in context.assertions:
            if a.basis == "said":
                key = (a.predicate, a.subject, a.object)
                said[key] = max(said.get(key, 0.0), a.confidence)
        context.assertions = [
            a for a in context.assertions if not self._contradicted(a, maker, developed) and not self._implied(a, said)
        ]

    def _implied(self, assertion: Assertion, said: dict[tuple, float]) -> bool:
        """A weaker reading of a pair said at least as surely more strongly: the head of a company
        works for it. A surer weaker reading stays ("StrongDM CTO Justin McCarthy" works for it,
        whatever the name list says he leads)."""
        implied_by = self.schema.relations[assertion.predicate].implied_by
        return any(
            said.get((stronger, assertion.subject, assertion.object), 0.0) >= assertion.confidence
            for stronger in implied_by
        )

    def _contradicted(self, assertion: Assertion, maker: Relation | None, developed: set) -> bool:
        relation = self.schema.relations[assertion.predicate]
        if self.tools.makers.maker(assertion.subject) == assertion.object:
            return True  # a part never acts on its whole: "AWS acquired Amazon" is a misreading
        if relation.symmetric and self.tools.makers.maker(assertion.object) == assertion.subject:
            return True  # nor a whole rivals or partners its part: "Microsoft's copycat version for GitHub"
        if relation.known_from not in ("leads", "works_for") and self._own_company(assertion):
            return True  # "Sam Altman invests in OpenAI": the money came from others
        if relation is maker and self._another_maker_known(assertion):
            return True
        if relation.not_own_make and (assertion.subject, assertion.object) in developed:
            return True
        if relation.own_make_only and self._someone_elses(assertion):
            return True
        return relation.rival_makers and self.tools.makers.same_maker(assertion.subject, assertion.object)

    def _own_company(self, assertion: Assertion) -> bool:
        """A person holding another relation to the company the name list says they lead or work for."""
        entry = self.tools.gazetteer.entry(assertion.subject.name)
        return entry is not None and assertion.object.name in (entry.leads, entry.works_for)

    def _someone_elses(self, assertion: Assertion) -> bool:
        """A product the name list gives another maker ("Amazon monetizes via Azure")."""
        maker = self.tools.makers.maker(assertion.object)
        return assertion.object.type != "Company" and maker is not None and maker != assertion.subject

    def _another_maker_known(self, assertion: Assertion) -> bool:
        entry = self.tools.gazetteer.entry(assertion.object.name)
        known = entry.developer if entry else None
        return bool(known) and known != assertion.subject.name
