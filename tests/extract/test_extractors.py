"""Every registered extractor is a whole Extractor: callers use its members without asking."""

from __future__ import annotations

import pytest

from graph.extract import EXTRACTORS, make_extractor
from graph.model import Document

LLM_OPTIONS = {"model": "test-model", "base_url": "http://127.0.0.1:9/v1"}


@pytest.mark.parametrize("name", EXTRACTORS.names())
def test_every_extractor_has_the_protocol(schema, name):
    extractor = make_extractor(name, schema, **({} if name == "rules" else LLM_OPTIONS))
    assert extractor.name == name
    assert extractor.identity.startswith(name)
    extractor.prepare()
    assert callable(extractor.extract)


def test_the_rules_extractor_prepared_extracts_as_before(schema):
    extractor = make_extractor("rules", schema)
    extractor.prepare()
    document = Document(id="t", source="t.txt", text="Nvidia and Intel inked a new deal.")
    assert [(a.subject.name, a.predicate, a.object.name) for a in extractor.extract(document).assertions] == [
        ("Nvidia", "partnerOf", "Intel")
    ]
