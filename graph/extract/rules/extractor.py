"""The rules extractor: the mention stage, pronouns and clauses into a RuleContext, then each
rule component in turn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...errors import TalkgraphError
from ...model import Document
from ...registry import Registry
from ...schema import Schema
from ..base import Extraction
from ..mention_stage import MentionStage
from ..own_company import guest_pronouns, own_pronouns
from ..resolve import resolve_pronouns
from ..text import clauses
from .component import RuleComponent, RuleTools
from .context import INITIAL_FIELDS, RuleContext

NAME = "rules"

RULE_COMPONENTS: Registry[type[RuleComponent]] = Registry("rule component")
RULE_COMPONENTS.register("cues", "graph.extract.rules.cues:CueWords")
RULE_COMPONENTS.register("slots", "graph.extract.rules.slots:SlotPatterns")
RULE_COMPONENTS.register("known_facts", "graph.extract.rules.known_facts:KnownFacts")
RULE_COMPONENTS.register("roles", "graph.extract.rules.roles:Roles")
RULE_COMPONENTS.register("own_products", "graph.extract.rules.own_products:OwnProducts")
RULE_COMPONENTS.register("peer_lists", "graph.extract.rules.peer_lists:PeerLists")
RULE_COMPONENTS.register("name_prefixes", "graph.extract.rules.name_prefixes:NamePrefixes")
RULE_COMPONENTS.register("consistency", "graph.extract.rules.consistency:Consistency")
RULE_COMPONENTS.register("rival_makers", "graph.extract.rules.rival_makers:RivalMakers")
RULE_COMPONENTS.register("best_per_triple", "graph.extract.rules.best:BestPerTriple")

COMPONENTS = (
    "cues",
    "slots",
    "known_facts",
    "roles",
    "own_products",
    "peer_lists",
    "name_prefixes",
    "consistency",
    "rival_makers",
    "best_per_triple",
)
"""The finders first, then the filter of contradicted readings, what the rest implies, and the
best reading of each triple."""


class RulesExtractor:
    name = identity = NAME

    def __init__(
        self, schema: Schema, components: Sequence[str] = COMPONENTS, config: Mapping[str, Mapping] | None = None
    ):
        """Cheap: the gazetteer and cue automata are built when first used, or by prepare().
        `config` maps a component's name to options of its Config."""
        self.schema = schema
        self.mention_stage = MentionStage(schema)
        tools = RuleTools(schema, self.mention_stage)
        config = config or {}
        self.components: tuple[RuleComponent, ...] = tuple(
            RULE_COMPONENTS.get(name)(tools, **config.get(name, {})) for name in components
        )
        check_order(self.components)

    def prepare(self) -> None:
        """Build what extraction needs now (before forking workers, which then share it); a
        rebuild with nothing to extract never pays for it."""
        self.mention_stage.prepare()
        for component in self.components:
            component.prepare()

    def extract(self, document: Document) -> Extraction:
        context = self._context(document)
        for component in self.components:
            component(context)
        return Extraction(document, tuple(context.named), tuple(context.assertions))

    def _context(self, document: Document) -> RuleContext:
        found = self.mention_stage.find(document)
        language = self.schema.language
        pronouns = resolve_pronouns(found.lowered, found.mentions, language)
        pronouns += own_pronouns(found.lowered, found.own_company, language.own_company)
        pronouns += guest_pronouns(found.lowered, found.guest, language.own_company)
        return RuleContext(
            document,
            found.lowered,
            found.squeezed,
            found.mentions,
            sorted(found.mentions + pronouns, key=lambda m: m.start),
            clauses(document.text, language, found.lowered, found.punctuated),
            found.punctuated,
            NAME,
            own_company=found.own_company,
        )


def check_order(components: Sequence[RuleComponent]) -> None:
    """Every field a component reads is there when it runs: held from the start, or assigned
    by a component before it."""
    available = set(INITIAL_FIELDS)
    for component in components:
        missing = [field for field in component.reads if field not in available]
        if missing:
            raise TalkgraphError(
                f"rule component {component.name!r} reads {', '.join(missing)}, which no component "
                f"before it assigns: put one that does ahead of it"
            )
        available.update(component.assigns)
