"""Makers of rivals compete: "DeepSeek-V3 rivals Claude Sonnet" implies that DeepSeek and
Anthropic compete, less surely: said where the transcript names both makers close by, else
background knowledge through the name list (a relation with rival_makers in relations.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .claims import MAKER_REACH
from .component import RuleComponent
from .context import RuleContext


@dataclass(frozen=True)
class RivalMakersConfig:
    factor: float = 0.8


class RivalMakers(RuleComponent):
    name = "rival_makers"
    reads = ("assertions",)
    assigns = ("assertions",)
    Config = RivalMakersConfig

    def __call__(self, context: RuleContext) -> None:
        makers = self.tools.makers
        implied = []
        for assertion in context.assertions:
            relation = self.schema.relations[assertion.predicate]
            if not relation.rival_makers or "Company" in (assertion.subject.type, assertion.object.type):
                continue
            subject, obj = makers.maker(assertion.subject), makers.maker(assertion.object)
            if subject is None or obj is None or subject == obj:
                continue
            implied.append(
                replace(
                    assertion,
                    subject=subject,
                    object=obj,
                    confidence=round(assertion.confidence * self.config.factor, 3),
                    surface_forms=(),
                    basis="said" if self._named_close(context, assertion, subject, obj) else "known",
                )
            )
        context.assertions.extend(implied)

    @staticmethod
    def _named_close(context: RuleContext, assertion, *makers) -> bool:
        """Both makers named close to where the rivals were: the transcript says it of them too."""
        where = assertion.evidence.start
        return all(context.nearest_named(maker.name, where, MAKER_REACH) is not None for maker in makers)
