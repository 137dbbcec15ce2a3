"""The last step: one assertion per triple (graph.extract.scoring), those below the schema's
minimum confidence left out."""

from __future__ import annotations

from ..scoring import best_per_triple
from .component import RuleComponent
from .context import RuleContext


class BestPerTriple(RuleComponent):
    name = "best_per_triple"
    reads = ("assertions",)
    assigns = ("assertions",)

    def __call__(self, context: RuleContext) -> None:
        minimum = self.schema.language.min_confidence
        context.assertions = [
            a for a in best_per_triple(context.assertions, self.schema.relations) if a.confidence >= minimum
        ]
