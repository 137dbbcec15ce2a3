"""Claims the transcript does not state as fact: negated, voided, hedged, predicted or asked."""

import pytest


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Microsoft didn't join the funding round for OpenAI.", ("Microsoft", "investsIn", "OpenAI")),
        ("Apple refuses to invest in OpenAI.", ("Apple", "investsIn", "OpenAI")),
        ("Nvidia tried to buy Arm but the deal was blocked.", ("Nvidia", "acquires", "Arm")),
        ("The Nvidia deal to acquire Arm fell through.", ("Nvidia", "acquires", "Arm")),
        ("There were rumors that Google would acquire HubSpot.", ("Google", "acquires", "HubSpot")),
        ("Nvidia is not a GPU company anymore.", ("Nvidia", "monetizesVia", "Hardware sales")),
    ],
)
def test_negated_and_failed_readings_make_no_claim(extract, text, triple):
    assert triple not in extract(text)


def test_a_completed_acquisition_stays(extract):
    assert extract("Google acquired Wiz for 32 billion.")[("Google", "acquires", "Wiz")].modality == "stated"


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Did Microsoft partner with OpenAI?", ("Microsoft", "partnerOf", "OpenAI")),
        ("We will suddenly be in a world where Google powers the iOS experience.", ("iOS", "uses", "Google")),
    ],
)
def test_questions_and_scenarios_are_not_stated(extract, text, triple):
    facts = extract(text)
    assert triple not in facts or facts[triple].modality != "stated"


def test_a_maker_in_a_prediction_is_not_stated(extract):
    facts = extract("They may fix this by Grok 5, so xAI will be fine.")
    assert facts.get(("xAI", "develops", "Grok 5")) is None or facts[("xAI", "develops", "Grok 5")].modality != "stated"


def test_a_deal_being_neared_supplies_nothing_yet(extract):
    text = "Reuters reported that xAI was nearing a financing package tied to buying Nvidia processors."
    assert ("Nvidia", "supplies", "xAI") not in extract(text)


def test_a_negation_before_a_possessive_for_the_subject_drops_the_fact(extract):
    facts = extract(
        "Perplexity is well run. They made a genuinely bold call to kill their own ad business in February."
    )
    assert ("Perplexity", "monetizesVia", "Advertising") not in facts
