"""Extractors turn a Document into mentions and assertions.

Each is a class taking the Schema, looked up by name in ``EXTRACTORS``.
"""
from __future__ import annotations

from ..registry import Registry
from ..schema import Schema
from .base import Extraction, Extractor

EXTRACTORS: Registry[type] = Registry("extractor")
EXTRACTORS.register("rules", "graph.extract.rules:RulesExtractor")


def make_extractor(name: str, schema: Schema) -> Extractor:
    return EXTRACTORS.get(name)(schema)


__all__ = ["EXTRACTORS", "Extraction", "Extractor", "make_extractor"]
