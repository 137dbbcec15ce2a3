"""Names that start with their maker's: "DeepSeek V3", "Google Cloud" are that company's, by the
relation a product's `developer` states (relations.yaml's known_from)."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Mention
from .component import RuleComponent
from .context import RuleContext


@dataclass(frozen=True)
class NamePrefixConfig:
    confidence: float = 0.9


class NamePrefixes(RuleComponent):
    name = "name_prefixes"
    reads = ("lowered", "named", "clauses")
    assigns = ("assertions",)
    Config = NamePrefixConfig

    def prepare(self) -> None:
        _ = self.tools.company_names  # built here, before the workers fork

    def __call__(self, context: RuleContext) -> None:
        relation = self.schema.maker_relation
        if relation is None:
            return
        for mention in context.named:
            if not mention.entity.is_a(relation.object_types):
                continue
            words = context.lowered[mention.start : mention.end].split()
            for size in range(len(words) - 1, 0, -1):
                company = self.tools.company_names.get(" ".join(words[:size]))
                if company is not None and company != mention.entity:
                    subject = Mention(mention.start, mention.end, mention.text, company, "name")
                    context.assertions.append(
                        context.claim(
                            relation, subject, mention, mention.start, mention.end, self.config.confidence, "stated"
                        )
                    )
                    break
