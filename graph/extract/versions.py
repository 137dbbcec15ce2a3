"""Model versions as their own models: "Claude 3.5 Sonnet", "Gemini 2.5 Pro", "Llama 3.1".

A gazetteer entry with `versions` names a family; a version number spoken in or right after
one of its mentions (and a tier word after the number) makes the mention a versioned model
of the same type and maker, named by the family's template.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Entity
from ..schema import GazetteerEntry
from .text import phrase_pattern

# a version is one or two digits with an optional decimal ("3", "2.5"); not "4o", "405b" or "31"
VERSION = re.compile(r"(?<![\w.])(\d(?:\.\d{1,2})?|1\d(?:\.\d{1,2})?)(?![\w]|\.\d)")
FOLLOWING = re.compile(r"[\s-]{0,2}$")  # what may stand between a family's name and its version
AFTER_LIMIT = 12


class Versions:
    """Versioned models found so far, each with an entry like its family's."""

    def __init__(self, entries: tuple[GazetteerEntry, ...]):
        self.tiers = {e.entity.name: phrase_pattern(e.versions.tiers) for e in entries if e.versions}
        self.derived: dict[str, GazetteerEntry] = {}

    def extend(self, entry: GazetteerEntry, lowered: str, start: int, end: int) -> tuple[int, GazetteerEntry]:
        """(end, entry) of the mention `start`–`end` of `entry`, with the version it names if any."""
        naming = entry.versions
        if naming is None:
            return end, entry
        version = _version(lowered, start, end)
        if version is None:
            return end, entry
        tier, stop = self._tier(entry, lowered, version.end(), end)
        if not tier:  # "gemini flash 2.5": the tier before the version
            tier = self._tier_within(entry, lowered, start, version.start())
        stop = max(end, version.end(), stop)
        name = naming.name_for(version.group(1), tier)
        if name.casefold() == entry.entity.name.casefold():
            return stop, entry
        derived = self.derived.get(name)
        if derived is None:
            derived = replace(
                entry,
                entity=Entity(name, entry.entity.type, (), entry.entity.also),
                ambiguous_aliases=(),
                context=(),
                versions=None,
            )
            self.derived[name] = derived
        return stop, derived

    def _tier_within(self, entry: GazetteerEntry, lowered: str, start: int, end: int) -> str:
        pattern = self.tiers.get(entry.entity.name)
        found = pattern.search(lowered, start, end) if pattern is not None else None
        return " ".join(found.group(0).split()) if found is not None else ""

    def _tier(self, entry: GazetteerEntry, lowered: str, after: int, end: int) -> tuple[str, int]:
        pattern = self.tiers.get(entry.entity.name)
        if pattern is None:
            return "", after
        found = pattern.search(lowered, after, max(end, after) + AFTER_LIMIT + 8)
        if found is None or lowered[after : found.start()].strip():
            return "", after
        return " ".join(found.group(0).split()), found.end()


def _version(lowered: str, start: int, end: int) -> re.Match[str] | None:
    """The version said inside the mention ("claude 3.5 sonnet") or right after it ("sonnet 4")."""
    version = VERSION.search(lowered, start, end + AFTER_LIMIT)
    if version is None or (version.start() >= end and not FOLLOWING.match(lowered[end : version.start()])):
        return None
    return version
