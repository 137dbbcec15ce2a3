import pytest

from graph.extract.rules import RulesExtractor
from graph.model import Document


@pytest.fixture(scope="session")
def extractor(schema):
    return RulesExtractor(schema)


def _extract_on(extractor, basis: str):
    def run(text: str, **metadata):
        document = Document(id="t", source="t.txt", text=text, **metadata)
        result = extractor.extract(document)
        return {(a.subject.name, a.predicate, a.object.name): a for a in result.assertions if a.basis == basis}

    return run


@pytest.fixture
def extract(extractor):
    """Extract from a bit of text; returns what it says as {(subject, predicate, object): Assertion}."""
    return _extract_on(extractor, "said")


@pytest.fixture
def background(extractor):
    """Extract from a bit of text; returns the name list's facts it touches without saying them."""
    return _extract_on(extractor, "known")


@pytest.fixture
def mentions(extractor):
    def run(text: str, **metadata):
        document = Document(id="t", source="t.txt", text=text, **metadata)
        return [(m.text, m.entity.name, m.entity.type, m.method) for m in extractor.extract(document).mentions]

    return run
