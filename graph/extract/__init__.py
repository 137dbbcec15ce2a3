"""Extractors turn a Document into mentions and assertions.

Each is a class (or factory) taking the Schema and its own keyword options, looked up by
name in ``EXTRACTORS``.
"""

from __future__ import annotations

from ..registry import Registry
from ..schema import Schema
from .base import Extraction, Extractor

EXTRACTORS: Registry[type] = Registry("extractor")
EXTRACTORS.register("rules", "graph.extract.rules:RulesExtractor")
EXTRACTORS.register("llm", "graph.extract.llm.extractor:LLMExtractor")
EXTRACTORS.register("rules+llm", "graph.extract.llm.extractor:rules_and_llm")


def make_extractor(name: str, schema: Schema, **options) -> Extractor:
    """The extractor `name` for `schema`; `options` go to it (the LLM's model, chunk size …)."""
    return EXTRACTORS.get(name)(schema, **options)


__all__ = ["EXTRACTORS", "Extraction", "Extractor", "make_extractor"]
