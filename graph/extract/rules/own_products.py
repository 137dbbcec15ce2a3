"""What a call's own company makes: a product its people name in a sentence where they speak
for the company, or right after one ("We're infusing AI across our flagship Creative Cloud
applications including Photoshop and Illustrator"), with no other company named in it, is the
company's own (the
relation a product's `developer` states). A product the name list knows another maker of, or
named after another company ("Google Campaign Manager 360"), is not."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ...model import Entity, Mention
from .component import RuleComponent
from .context import RuleContext


@dataclass(frozen=True)
class OwnProductsConfig:
    confidence: float = 0.6


class OwnProducts(RuleComponent):
    name = "own_products"
    reads = ("lowered", "named", "mentions", "clauses", "own_company")
    assigns = ("assertions",)
    Config = OwnProductsConfig

    def prepare(self) -> None:
        _ = self.company_names  # built here, before the workers fork

    @cached_property
    def company_names(self) -> dict[str, Entity]:
        """The names of listed companies, which start the names of their own products."""
        gazetteer = self.tools.gazetteer
        return {
            key: found.entry.entity for key, found in gazetteer.by_alias.items() if found.entry.entity.type == "Company"
        }

    def __call__(self, context: RuleContext) -> None:
        own, relation = context.own_company, self.schema.maker_relation
        if own is None or relation is None:
            return
        for mention in context.named:
            if mention.entity.type in relation.object_types and self._own(context, mention):
                clause = context.clause_at(mention.start)
                reading = self.tools.reading
                modality = reading.modality(context.lowered, clause.start, clause.end)
                subject = Mention(clause.start, clause.start, own.name, own, "pronoun")
                confidence = self.config.confidence * reading.modality_factor(modality)
                context.assertions.append(
                    context.claim(relation, subject, mention, mention.start, mention.end, confidence, modality)
                )

    def _own(self, context: RuleContext, product: Mention) -> bool:
        """Said in a sentence where the call's people speak for their company, no other company
        named in it, no other maker known and no other company's name at its head."""
        maker = self.tools.makers.maker(product.entity)
        if maker is not None and maker != context.own_company:
            return False
        words = context.lowered[product.start : product.end].split()
        heads = (self.company_names.get(" ".join(words[:size])) for size in range(1, len(words)))
        if any(head is not None and head != context.own_company for head in heads):
            return False
        index = context.clause_index(product.start)
        clause, before = context.clauses[index], context.clauses[max(index - 1, 0)]
        around = context.mentions_between(clause.start, clause.end)
        speaking = context.mentions_between(before.start, clause.end)  # "We had our best quarter. Full size Bronco ..."
        return any(m.method == "pronoun" and m.entity == context.own_company for m in speaking) and not any(
            m.entity.type == "Company" and m.entity != context.own_company for m in around
        )
