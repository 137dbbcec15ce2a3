"""Facts the gazetteer knows (a product's developer, a person's company, a company's way of
making money), found where the document names both ends close together."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Entity, Mention
from ...schema import KNOWN_FACT_FIELDS, GazetteerEntry, Relation
from .component import RuleComponent
from .context import RuleContext


@dataclass(frozen=True)
class KnownFactsConfig:
    window: int = 500
    """A known fact (X develops Y) needs X and Y named this close."""
    confidence: float = 0.6
    far_confidence: float = 0.45
    """A product's known maker, or a person's known company, named anywhere else in the transcript."""
    owner_gap: int = 4
    """"Meta's ad", "Nvidia chips": a name this close before a revenue stream owns it."""
    far_fields: tuple[str, ...] = ("developer", "leads")
    """The fields of entities.yaml whose facts count, less surely, with both ends named far apart."""
    business_field: str = "monetizes"
    """The field of a company's ways of making money: counted when said in the clause or the next."""


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
        far: set[tuple[Entity, str]] = set()
        for mention in context.named:
            entry = self.tools.gazetteer.entry(mention.entity.name)
            if entry is None:
                continue
            context.assertions.extend(self._listed_facts(context, mention, entry, far))
            if self.business is not None:
                streams = getattr(entry, self.config.business_field)
                context.assertions.extend(self._known_business(context, mention, streams, self.business))

    def _listed_facts(
        self, context: RuleContext, mention: Mention, entry: GazetteerEntry, far: set[tuple[Entity, str]]
    ):
        config = self.config
        for field, relation, subject_is_mention in self.facts:
            target = getattr(entry, field)
            if target is None:
                continue
            partner = context.nearest_named(target, mention.start, config.window)
            confidence = config.confidence
            if partner is None and field in config.far_fields and (mention.entity, target) not in far:
                # a maker and its product named apart: the text touches the fact, less closely
                far.add((mention.entity, target))
                partner = context.nearest_named(target, mention.start, len(context.lowered))
                confidence = config.far_confidence
            if partner is None:
                continue
            subject, obj = (mention, partner) if subject_is_mention else (partner, mention)
            start, end = min(mention.start, partner.start), max(mention.end, partner.end)
            yield context.claim(relation, subject, obj, start, end, confidence, "stated")

    def _known_business(self, context: RuleContext, mention: Mention, streams: tuple[str, ...], relation: Relation):
        """ "Meta ... my best guess is ads": a way the company is known to make money, said in the
        same clause or the next, unless another company's name is written right before the stream
        ("Meta wants Google's models in Meta's ad operations" says nothing of Google's ads)."""
        index = context.clause_index(mention.start)
        end = context.clauses[min(index + 1, len(context.clauses) - 1)].end
        reading = self.tools.reading
        for stream in streams:
            partner = context.nearest_named(stream, mention.start, end - mention.start)
            if partner is None or partner.start < context.clauses[index].start:
                continue
            owner = context.nearest_named_before(partner.start, self.config.owner_gap)
            if owner is not None and owner.entity != mention.entity and owner.entity.type == "Company":
                continue
            start, stop = min(mention.start, partner.start), max(mention.end, partner.end)
            modality = reading.modality(context.lowered, context.clauses[index].start, end)
            confidence = self.config.confidence * reading.modality_factor(modality)
            yield context.claim(relation, mention, partner, start, stop, confidence, modality)
