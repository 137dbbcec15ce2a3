"""The offline rules extractor: a list of rule components run in order over one shared
RuleContext per document (after spaCy's pipeline).

A component is a module with a RuleComponent subclass (a name, a Config, what it reads and
what it assigns) and one ``register`` line below; ``COMPONENTS`` is the order the rules
extractor runs them in.
"""
from __future__ import annotations

from ...registry import Registry

RULE_COMPONENTS: Registry[type] = Registry("rule component")
RULE_COMPONENTS.register("cues", "graph.extract.rules.cues:CueWords")
RULE_COMPONENTS.register("slots", "graph.extract.rules.slots:SlotPatterns")
RULE_COMPONENTS.register("known_facts", "graph.extract.rules.known_facts:KnownFacts")
RULE_COMPONENTS.register("peer_lists", "graph.extract.rules.peer_lists:PeerLists")
RULE_COMPONENTS.register("name_prefixes", "graph.extract.rules.name_prefixes:NamePrefixes")
RULE_COMPONENTS.register("consistency", "graph.extract.rules.consistency:Consistency")
RULE_COMPONENTS.register("rival_makers", "graph.extract.rules.rival_makers:RivalMakers")
RULE_COMPONENTS.register("best_per_triple", "graph.extract.rules.best:BestPerTriple")

COMPONENTS = ("cues", "slots", "known_facts", "peer_lists", "name_prefixes", "consistency", "rival_makers",
              "best_per_triple")
"""Finders first, then the filter of contradicted readings, what the rest implies, and the best per triple."""

from .extractor import RulesExtractor  # noqa: E402 - the extractor reads the registry above

__all__ = ["COMPONENTS", "RULE_COMPONENTS", "RulesExtractor"]
