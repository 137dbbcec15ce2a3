"""The offline rules extractor: a list of rule components run in order over one shared
RuleContext per document (after spaCy's pipeline).

A component is a module with a RuleComponent subclass (a name, a Config, the context fields
it reads and assigns) and one ``register`` line in :mod:`.extractor`, whose ``COMPONENTS`` is
the order the rules extractor runs them in.
"""

from __future__ import annotations

from .extractor import COMPONENTS, RULE_COMPONENTS, RulesExtractor

__all__ = ["COMPONENTS", "RULE_COMPONENTS", "RulesExtractor"]
