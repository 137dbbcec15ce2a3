from graph.extract.mentions import Gazetteer
from graph.extract.resolve import resolve_pronouns
from graph.extract.text import normalise
from graph.model import Document


def pronouns(schema, text):
    document = Document(id="t", source="t", text=text)
    lowered = normalise(text)
    named = Gazetteer(schema).find(document, lowered)
    return [(m.text, m.entity.name) for m in resolve_pronouns(lowered, named, schema.language)]


def test_they_points_to_the_topic_company(schema):
    text = "let's look at Google what's their bet they have search and they work with Anthropic and they win"
    resolved = pronouns(schema, text)
    assert resolved and all(name == "Google" for _, name in resolved)


def test_a_company_after_a_preposition_is_not_the_antecedent(schema):
    text = "Amazon is playing from behind that is their incentive to work with Anthropic so they push Trainium"
    assert pronouns(schema, text)[-1] == ("they", "Amazon")


def test_he_points_to_the_last_person(schema):
    assert pronouns(schema, "Sam Altman said he has not built AGI") == [("he", "Sam Altman")]


def test_no_antecedent_far_away(schema):
    text = "Microsoft " + "word " * 200 + "they"
    assert pronouns(schema, text) == []


def test_they_after_a_plural_noun_stands_for_the_noun(schema):
    text = "I use Slack every day. And so people are coming together, they're building on top of it."
    assert pronouns(schema, text) == []
    assert pronouns(schema, "I use Slack every day, and they're building on top of it.") == [("they're", "Slack")]
