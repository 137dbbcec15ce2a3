"""Who makes what, as the gazetteer knows it: a product or model's maker."""

from __future__ import annotations

from ...model import Entity, Mention
from ..mentions import Gazetteer


class Makers:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def maker(self, entity: Entity) -> Entity | None:
        """The company the gazetteer knows makes this product or model."""
        entry = self.gazetteer.entry(entity.name)
        maker = self.gazetteer.entry(entry.developer) if entry and entry.developer else None
        return maker.entity if maker else None

    def lift(self, mention: Mention) -> Mention:
        """A product or model's maker in its place, when the gazetteer knows it."""
        maker = self.maker(mention.entity)
        if maker is None or mention.entity.type == "Company":
            return mention
        return Mention(mention.start, mention.end, mention.text, maker, "maker")

    def same_maker(self, first: Entity, second: Entity) -> bool:
        """Two things from one company (o1 and o3; OpenAI and ChatGPT)."""
        return (self.maker(first) or first) == (self.maker(second) or second)
