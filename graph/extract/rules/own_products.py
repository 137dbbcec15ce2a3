"""What a call's own company makes and uses. A product its people name in a sentence where they
speak for the company, or right after one ("We're infusing AI across our flagship Creative Cloud
applications including Photoshop and Illustrator"), with no other company named in it, is the
company's own (the relation a product's `developer` states). A model the name list knows another
maker of, or named after another company, is one it uses where they name it in their own
sentence and not as a rival's ("We recently added Google's Veo and Imagen models")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ...model import Assertion, Entity, Mention
from ...schema import Relation
from ..text import phrase_pattern
from .component import RuleComponent
from .context import RuleContext
from .reading import found


@dataclass(frozen=True)
class OwnProductsConfig:
    confidence: float = 0.6
    uses: str = "uses"
    """The relation in which the company holds another maker's model it speaks of using."""
    used_types: tuple[str, ...] = ("AIModel",)
    """What a company is said to use by naming it: models it offers or builds on, not the apps and
    platforms it merely names (an app store, a social network)."""


class OwnProducts(RuleComponent):
    name = "own_products"
    reads = ("lowered", "named", "mentions", "clauses", "own_company")
    assigns = ("assertions",)
    Config = OwnProductsConfig

    def prepare(self) -> None:
        _ = self.tools.company_names, self.rivalry  # built here, before the workers fork

    @cached_property
    def rivalry(self) -> re.Pattern[str] | None:
        """The words of rivalry (the plain cues of relations with rival_makers): no use is said with them."""
        return phrase_pattern(
            c.phrase for r in self.schema.relations.values() if r.rival_makers for c in r.cues if not c.slots
        )

    def __call__(self, context: RuleContext) -> None:
        own, maker = context.own_company, self.schema.maker_relation
        uses = self.schema.relations.get(self.config.uses)
        if own is None or maker is None:
            return
        for mention in context.named:
            if mention.entity.type not in maker.object_types:
                continue
            if self._own(context, mention):
                context.assertions.append(self._claim(context, maker, mention))
            elif uses is not None and mention.entity.type in self.config.used_types and self._used(context, mention):
                context.assertions.append(self._claim(context, uses, mention))

    def _claim(self, context: RuleContext, relation: Relation, product: Mention) -> Assertion:
        own = context.own_company
        assert own is not None
        clause = context.clause_at(product.start)
        reading = self.tools.reading
        modality = reading.modality(context.lowered, clause.start, clause.end)
        subject = Mention(clause.start, clause.start, own.name, own, "pronoun")
        confidence = self.config.confidence * reading.modality_factor(modality)
        return context.claim(relation, subject, product, product.start, product.end, confidence, modality)

    def _maker(self, context: RuleContext, product: Mention) -> Entity | None:
        """The company known to make the product, or whose name heads its name ("Google Campaign Manager")."""
        maker = self.tools.makers.maker(product.entity)
        if maker is not None:
            return maker
        words = context.lowered[product.start : product.end].split()
        heads = (self.tools.company_names.get(" ".join(words[:size])) for size in range(1, len(words)))
        return next((head for head in heads if head is not None), None)

    def _used(self, context: RuleContext, product: Mention) -> bool:
        """Another maker's product or model the call's people speak of in their sentence, not as a
        rival's ("We recently added Google's Veo and Imagen models")."""
        maker = self._maker(context, product)
        if maker is None or maker == context.own_company:
            return False
        clause = context.clause_at(product.start)
        speaking = any(m.entity == context.own_company for m in context.mentions_between(clause.start, clause.end))
        return speaking and not found(self.rivalry, context.lowered, clause.start, clause.end)

    def _own(self, context: RuleContext, product: Mention) -> bool:
        """Said in a sentence where the call's people speak for their company, no other company
        named in it, no other maker known and no other company's name at its head."""
        maker = self._maker(context, product)
        if maker is not None and maker != context.own_company:
            return False
        index = context.clause_index(product.start)
        clause, before = context.clauses[index], context.clauses[max(index - 1, 0)]
        around = context.mentions_between(clause.start, clause.end)
        speaking = context.mentions_between(before.start, clause.end)  # "We had our best quarter. Full size Bronco ..."
        return any(m.method == "pronoun" and m.entity == context.own_company for m in speaking) and not any(
            m.entity.type == "Company" and m.entity != context.own_company for m in around
        )
