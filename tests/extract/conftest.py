import pytest

from graph.extract.rules import RulesExtractor
from graph.model import Document


@pytest.fixture(scope="session")
def extractor(schema):
    return RulesExtractor(schema)


@pytest.fixture
def extract(extractor):
    """Extract from a bit of text; returns {(subject, predicate, object): Assertion}."""

    def run(text: str, **metadata):
        document = Document(id="t", source="t.txt", text=text, **metadata)
        result = extractor.extract(document)
        return {(a.subject.name, a.predicate, a.object.name): a for a in result.assertions}

    return run


@pytest.fixture
def mentions(extractor):
    def run(text: str, **metadata):
        document = Document(id="t", source="t.txt", text=text, **metadata)
        return [(m.text, m.entity.name, m.entity.type, m.method) for m in extractor.extract(document).mentions]

    return run
