"""Drop readings the gazetteer contradicts: a model "developed" by a company other than its
known developer, a company "using" what it develops itself, and two things of one maker
"competing"."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Assertion
from .component import RuleComponent
from .context import RuleContext


@dataclass(frozen=True)
class ConsistencyConfig:
    develops: str = "develops"
    uses: str = "uses"
    competes: str = "competesWith"


class Consistency(RuleComponent):
    name = "consistency"
    reads = ("assertions",)
    assigns = ("assertions",)
    Config = ConsistencyConfig

    def __call__(self, context: RuleContext) -> None:
        developed = {(a.subject, a.object) for a in context.assertions if a.predicate == self.config.develops}
        context.assertions = [a for a in context.assertions if not self._contradicted(a, developed)]

    def _contradicted(self, assertion: Assertion, developed: set) -> bool:
        config = self.config
        if assertion.predicate == config.develops:
            entry = self.tools.gazetteer.entry(assertion.object.name)
            known = entry.developer if entry else None
            return bool(known) and known != assertion.subject.name
        if assertion.predicate == config.uses:
            return (assertion.subject, assertion.object) in developed
        if assertion.predicate == config.competes:
            return self.tools.makers.same_maker(assertion.subject, assertion.object)
        return False
