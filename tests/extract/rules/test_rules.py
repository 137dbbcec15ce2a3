"""The rules extractor as a whole: every component in order over one document."""

import pytest

from graph.errors import TalkgraphError
from graph.extract.rules import COMPONENTS, RULE_COMPONENTS, RulesExtractor
from graph.extract.rules.context import FIELDS
from graph.model import Document

V3 = "people say deep seek V3 was trained for 5 million"


def _facts(extractor, text):
    found = extractor.extract(Document(id="t", source="t.txt", text=text))
    return {(a.subject.name, a.predicate, a.object.name): a for a in found.assertions}


@pytest.mark.parametrize("name", RULE_COMPONENTS.names())
def test_every_component_declares_its_name_and_the_fields_it_reads_and_assigns(name):
    component = RULE_COMPONENTS.get(name)
    assert component.name == name
    assert set(component.reads) <= set(FIELDS) and set(component.assigns) <= set(FIELDS)


def test_the_extractor_runs_every_registered_component_by_default():
    assert sorted(COMPONENTS) == RULE_COMPONENTS.names()


def test_the_extractor_is_its_list_of_components(schema):
    without_prefixes = RulesExtractor(schema, [c for c in COMPONENTS if c != "name_prefixes"])
    assert ("DeepSeek", "develops", "DeepSeek-V3") in _facts(RulesExtractor(schema), V3)
    assert ("DeepSeek", "develops", "DeepSeek-V3") not in _facts(without_prefixes, V3)


def test_a_component_takes_its_config(schema):
    surer = RulesExtractor(schema, config={"name_prefixes": {"confidence": 0.95}})
    fact = ("DeepSeek", "develops", "DeepSeek-V3")
    assert _facts(surer, V3)[fact].confidence == 0.95
    assert _facts(RulesExtractor(schema), V3)[fact].confidence == 0.9


def test_an_unknown_option_names_the_known_ones(schema):
    with pytest.raises(TalkgraphError, match="'name_prefixes' has no option confdence; its options: confidence"):
        RulesExtractor(schema, config={"name_prefixes": {"confdence": 0.5}})


def test_a_component_that_reads_what_no_earlier_one_assigns_is_refused(schema):
    with pytest.raises(TalkgraphError, match="'consistency' reads assertions, which no component before it assigns"):
        RulesExtractor(schema, ["consistency", "cues"])


def test_an_unknown_component_names_the_known_ones(schema):
    with pytest.raises(TalkgraphError, match="unknown rule component 'cue'; choose one of: best_per_triple"):
        RulesExtractor(schema, ["cue"])


def test_demonym_gives_based_in(extract):
    facts = extract("deep seek is a Chinese model and OpenAI is an American company")
    assert ("DeepSeek", "basedIn", "China") in facts
    assert ("OpenAI", "basedIn", "United States") in facts


def test_evidence_carries_quote_and_estimated_second(extract):
    text = "Amazon is working with Anthropic. " * 2
    fact = extract(text, duration_seconds=100.0, url="https://youtu.be/abc")[("Amazon", "partnerOf", "Anthropic")]
    assert "working with Anthropic" in fact.evidence.quote
    assert fact.evidence.second is not None and fact.evidence.second_estimated
    assert fact.extractor == "rules"


def test_no_fact_relates_an_entity_to_itself(extract):
    # a slot pattern once paired Walmart with the Walmart named just before it
    facts = extract("You get Walmart meal delivery options and Walmart chips in the order.")
    assert not [key for key in facts if key[0] == key[2]]


NEAR_MISSES = {  # words that read like a fact but are not, and the plain statement beside them
    "someone unnamed acting is not the company named before": (
        "I think it was on AWS, about someone who was building a Raspberry Pi based machine",
        ("AWS", "develops", "Raspberry Pi"),
        "Amazon is building Kiro, an IDE for agents",
        ("Amazon", "develops", "Kiro"),
    ),
    "the head of a company's project does not lead the company": (
        "They hired Tom Turvey, the former head of Google's book scanning project.",
        ("Tom Turvey", "leads", "Google"),
        "Sundar Pichai is the head of Google.",
        ("Sundar Pichai", "leads", "Google"),
    ),
    "a company's chips are not the company": (
        "Amazon is buying Nvidia's chips by the million.",
        ("Amazon", "acquires", "Nvidia"),
        "Meta acquired Manus.",
        ("Meta", "acquires", "Manus"),
    ),
    "a version of a product is not the product": (
        "Perplexity positioned the launch as a secure, responsible version of OpenClaw.",
        ("Perplexity", "develops", "OpenClaw"),
        "Perplexity launched Comet, a browser for agents.",
        ("Perplexity", "develops", "Comet"),
    ),
    "companies listed as integrations are not peers": (
        "It has integrations with tools like Gmail, Slack, GitHub and Notion.",
        ("Slack", "competesWith", "GitHub"),
        "Google, OpenAI and Anthropic compete for the agent layer.",
        ("Google", "competesWith", "OpenAI"),
    ),
    "the agent of a passive cue is the name right after 'by'": (
        "OpenClaw, an open source agent built by developer Peter Steinberger, hit 100,000 GitHub stars.",
        ("GitHub", "develops", "OpenClaw"),
        "Claude Code is a coding agent built by Anthropic.",
        ("Anthropic", "develops", "Claude Code"),
    ),
}


@pytest.mark.parametrize("case", NEAR_MISSES)
def test_a_near_miss_is_no_fact_and_the_plain_statement_is(extract, case):
    near_miss, not_a_fact, statement, fact = NEAR_MISSES[case]
    assert not_a_fact not in extract(near_miss)
    assert fact in extract(statement)
