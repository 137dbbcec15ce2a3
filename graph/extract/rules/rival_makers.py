"""Makers of rivals compete: "DeepSeek-V3 rivals Claude Sonnet" says DeepSeek and Anthropic
compete too, less surely than if it were said (a relation with rival_makers in relations.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
                )
            )
        context.assertions.extend(implied)
