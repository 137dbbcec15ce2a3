"""What every rule component is: a named step with its own config, declaring which fields
of the shared RuleContext it reads and which it adds to or replaces (after spaCy's pipeline
components and their `assigns`)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import ClassVar

from ...errors import TalkgraphError
from ...model import Entity
from ...schema import Schema
from ..mention_stage import MentionStage
from ..mentions import Gazetteer
from .context import RuleContext
from .makers import Makers
from .reach import CueReach
from .reading import LanguageReading


class RuleTools:
    """What the components share: the schema, the language reading, the cue's reach and the gazetteer."""

    def __init__(self, schema: Schema, mention_stage: MentionStage):
        self.schema = schema
        self.mention_stage = mention_stage
        self.reading = LanguageReading(schema.language)
        self.reach = CueReach(schema.language, self.reading)

    @property
    def gazetteer(self) -> Gazetteer:
        return self.mention_stage.gazetteer

    @cached_property
    def makers(self) -> Makers:
        return Makers(self.gazetteer)

    @cached_property
    def company_names(self) -> dict[str, Entity]:
        """The listed companies by their names and plain aliases, which start the names of their
        products ("Google Cloud", "Ford Pro")."""
        return {
            key: found.entry.entity
            for key, found in self.gazetteer.by_alias.items()
            if found.entry.entity.type == "Company" and found.method == "gazetteer"
        }


@dataclass(frozen=True)
class NoConfig:
    pass


class RuleComponent:
    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]
    Config: ClassVar[type] = NoConfig

    def __init__(self, tools: RuleTools, **config):
        """`config`: fields of the component's Config, in place of its defaults."""
        self.tools = tools
        self.schema = tools.schema
        known = [f.name for f in fields(self.Config)]
        unknown = sorted(set(config) - set(known))
        if unknown:
            raise TalkgraphError(
                f"rule component {self.name!r} has no option {', '.join(unknown)}; "
                f"its options: {', '.join(known) or 'none'}"
            )
        self.config = self.Config(**config)

    def prepare(self) -> None:
        """Build what the component needs before the first document (the build's workers share it)."""

    def __call__(self, context: RuleContext) -> None:
        raise NotImplementedError
