"""Facts the gazetteer knows: said where one sentence ties both ends, background knowledge where
the document names both but never ties them."""

import pytest

FILLER = "Nothing else happened here at all. " * 40


def test_known_facts_named_apart_are_background_not_said(extract, background):
    text = f"Satya Nadella is happy. Claude is good. {FILLER} Microsoft grew. Anthropic grew."
    said, known = extract(text), background(text)
    for fact in (("Satya Nadella", "leads", "Microsoft"), ("Anthropic", "develops", "Claude")):
        assert fact not in said
        assert known[fact].basis == "known"


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia's Vera Rubin platform was announced at CES.",
        "Now, Google can push Gemini to everyone.",
        "We heard from Greg Brockman at OpenAI.",
    ],
)
def test_a_known_fact_tied_in_one_sentence_is_said(extract, background, text):
    said = extract(text)
    assert len(said) == 1
    assert not background(text)


def test_a_known_fact_across_sentences_needs_a_pronoun_pointing_back(extract):
    assert ("Nvidia", "develops", "Vera Rubin") in extract(
        "Nvidia announced a platform at CES. They call it Vera Rubin."
    )
    assert ("Nvidia", "develops", "Vera Rubin") not in extract("Nvidia announced a platform. Vera Rubin sold out.")


@pytest.mark.parametrize(
    "text",
    [
        # names of one list are not tied
        "The labs I follow: OpenAI, Google, DeepSeek, ChatGPT and Gemini.",
        # another company between them
        "Google said Microsoft had built something like Gemini.",
        # sentences apart
        "Anthropic grew fast this year. The weather was fine. Claude is the model everyone uses now.",
    ],
)
def test_names_merely_near_are_background(extract, background, text):
    assert not {k: a for k, a in extract(text).items() if k[1] == "develops"}
    assert any(k[1] == "develops" for k in background(text))


@pytest.mark.parametrize(
    "text", [f"Greg Brockman spoke. {FILLER} OpenAI grew.", "Greg Brockman spoke and OpenAI grew."]
)
def test_a_known_employer_not_tied_is_not_said(extract, background, text):
    assert ("Greg Brockman", "worksFor", "OpenAI") not in extract(text)
    assert ("Greg Brockman", "worksFor", "OpenAI") in background(text)


def test_background_has_no_quote_in_rdf(background, schema):
    from graph.extract.base import Extraction
    from graph.model import Document
    from graph.rdf import TG, document_triples

    text = f"Greg Brockman spoke. {FILLER} OpenAI grew."
    document = Document(id="t", source="t.txt", text=text)
    triples = list(document_triples(Extraction(document, (), tuple(background(text).values())), schema))
    assert not any(p in (TG.quote, TG.worksFor) for _, p, _ in triples)
    assert any(p == TG.basis and str(o) == "known" for _, p, o in triples)


def test_a_known_business_model_named_close_to_its_company(extract, background):
    facts = extract("Where in Meta is Zuck making money? My own best guess is ads.")
    assert facts[("Meta", "monetizesVia", "Advertising")].modality == "hedged"
    assert extract("Meta has an ads business.")[("Meta", "monetizesVia", "Advertising")].modality == "stated"
    assert ("Google", "monetizesVia", "Search") not in extract("Now think about Google AI search results.")
    assert ("Nvidia", "monetizesVia", "Hardware sales") not in extract("Nvidia is not a GPU company anymore.")
    far = "Meta shipped new glasses. " + "The weather was nice all week long. " * 6 + "I saw some ads."
    assert ("Meta", "monetizesVia", "Advertising") not in extract(far)
    assert ("Meta", "monetizesVia", "Advertising") in background(far)
    assert ("Meta", "monetizesVia", "Advertising") not in extract("I expect Meta to do more with ads one day.")


def test_a_pronoun_does_not_tie_a_known_fact(extract):
    """ "chat GPT knows that only 1% of their users pay": "their", a sentence after OpenAI, is no OpenAI named."""
    text = "OpenAI grew a lot this year, I think. Everybody knows them. ChatGPT is priced higher and higher."
    assert ("OpenAI", "develops", "ChatGPT") not in extract(text)


def test_a_business_model_is_said_only_with_a_word_of_money_between_the_two(extract, background):
    text = "Both models concluded that Oracle is overvalued even given the 300 billion dollar cloud deal."
    assert ("Oracle", "monetizesVia", "Cloud services") not in extract(text)
    assert ("Oracle", "monetizesVia", "Cloud services") in background(text)
    text = "So, you know, Apple famously launched a hardware device that became a platform. It changed pricing."
    assert ("Apple", "monetizesVia", "Hardware sales") not in extract(text)


def test_leading_a_project_at_a_company_is_no_leading_the_company(extract):
    facts = extract("Boris Cherny leads the Claude Code project at Anthropic.")
    assert ("Boris Cherny", "leads", "Anthropic") not in facts
