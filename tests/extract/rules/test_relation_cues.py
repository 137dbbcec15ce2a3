"""Relation cues of schema/relations.yaml as they are phrased in talk: text in, typed triple out."""

import pytest


@pytest.mark.parametrize(
    "text, triple",
    [
        # a bare verb with the amount in between, and an adverb inside the phrase
        ("Amazon has invested $8 billion in Anthropic.", ("Amazon", "investsIn", "Anthropic")),
        (
            "Microsoft, which invested heavily in OpenAI, has its own agent ambitions.",
            ("Microsoft", "investsIn", "OpenAI"),
        ),
        ("Google put another billion dollars into Anthropic.", ("Google", "investsIn", "Anthropic")),
        # reverse cues: the object comes first
        ("Cluely raised $15 million from A16Z just a few days ago.", ("Andreessen Horowitz", "investsIn", "Cluely")),
        ("OpenAI hired Jony Ive to design a device.", ("Jony Ive", "worksFor", "OpenAI")),
        ("Anthropic is a customer of Google.", ("Google", "supplies", "Anthropic")),
        ("Gemini powers Siri now.", ("Siri", "uses", "Gemini")),
        # plain cues
        ("Apple teams up with Anthropic on coding.", ("Apple", "partnerOf", "Anthropic")),
        ("Microsoft signed with OpenAI in 2019.", ("Microsoft", "partnerOf", "OpenAI")),
        ("Andrej Karpathy is one of the co-founders of OpenAI.", ("Andrej Karpathy", "leads", "OpenAI")),
        ("Mira Murati has been the CTO for OpenAI.", ("Mira Murati", "worksFor", "OpenAI")),
        ("Oracle is building data centers for OpenAI.", ("Oracle", "supplies", "OpenAI")),
        ("TSMC is a company in Taiwan that makes the chips.", ("TSMC", "basedIn", "Taiwan")),
        # slot patterns
        ("ASML is a Dutch company that builds lithography machines.", ("ASML", "basedIn", "Netherlands")),
        (
            "Microsoft has customers whom it wants to cut cloud deals with.",
            ("Microsoft", "monetizesVia", "Cloud services"),
        ),
    ],
)
def test_cue_states_the_relation(extract, text, triple):
    assert triple in extract(text)


def test_demonym_before_a_name_is_not_the_earlier_company(extract):
    # "the Dutch firm ASML": the nationality is ASML's, not that of the company named before it
    facts = extract("The chips are made by TSMC with machines from the Dutch firm ASML.")
    assert ("TSMC", "basedIn", "Netherlands") not in facts


def test_chips_of_a_maker_make_the_maker_the_supplier(extract):
    facts = extract("Microsoft is housing a ton of Nvidia GPUs in its data centers.")
    assert ("Microsoft", "supplies", "Nvidia") not in facts
    assert ("Nvidia", "supplies", "Microsoft") in facts


def test_buying_a_makers_chips_is_no_acquisition_of_the_maker(extract):
    facts = extract("Nvidia invests in OpenAI, which buys Nvidia chips, which Nvidia books as revenue.")
    assert ("OpenAI", "acquires", "Nvidia") not in facts
    assert ("Nvidia", "supplies", "OpenAI") in facts
    assert ("Meta", "acquires", "Scale AI") in extract("Meta bought Scale AI last summer.")


def test_monetization_is_not_taken_from_the_topic(extract):
    # whoever "gets paid for ads" here, the speaker does not say it is Meta, the company talked about before
    facts = extract(
        "Meta is overspending on purpose this year, and nobody on the board seems to mind the bill at all. "
        "The rest of the market keeps asking the same question every quarter about the money. "
        "Somebody always gets paid for ads in the end."
    )
    assert ("Meta", "monetizesVia", "Advertising") not in facts


def test_a_leader_is_never_taken_from_the_topic(extract):
    found = extract("Cloudflare is everywhere now. Ironclaw is a rewrite by the co-founder Ilya Sutskever of a tool.")
    assert not [key for key in found if key[1] == "leads"]


def test_the_agent_after_by_is_not_the_object(extract):
    facts = extract("Apple fans should watch the acquisition of Sky by OpenAI.")
    assert ("Apple", "acquires", "OpenAI") not in facts


def test_a_lab_named_after_its_company_is_no_product_of_it(extract):
    assert ("Google", "develops", "Google DeepMind") not in extract("He was a director at Google DeepMind.")


def test_a_cues_object_stands_before_the_next_clause(extract):
    said = extract("That's why Microsoft invested in Quorvex Labs and then Nvidia bought it. It was fun.")
    assert ("Microsoft", "investsIn", "Quorvex Labs") in said
    assert ("Microsoft", "investsIn", "Nvidia") not in said
    said = extract("That's why Microsoft invested in a chip maker and then Nvidia bought it. It was fun.")
    assert ("Microsoft", "investsIn", "Nvidia") not in said


def test_a_companys_feature_is_no_way_of_making_money(extract):
    assert extract("I use Notion every day. I find Notion's search is very helpful. It is big.") == {}
    said = extract("Then there is Manus, an agent. Sort of like Manus, it's pay as you go. It is big.")
    assert ("Manus", "monetizesVia", "Usage-based pricing") in said


def test_money_not_put_in_is_no_investment(extract):
    text = "OpenAI is rumored to be having trouble. If they run into funding issues that could hurt Microsoft."
    assert ("OpenAI", "investsIn", "Microsoft") not in extract(text)
    assert ("Microsoft", "investsIn", "OpenAI") in extract("Microsoft invested in OpenAI again. It is big.")


def test_partner_models_from_a_list_of_companies_are_partners_and_an_owner_is_no_subject(extract):
    call = "Welcome to the Adobe third quarter earnings call. Adobe grew, and Adobe hired. "
    said = extract(
        call + "We added Google's Veo and Imagen models to the roster of partner models from OpenAI, Runway, and Pika."
    )
    assert {("Adobe", "partnerOf", "OpenAI"), ("Adobe", "partnerOf", "Runway"), ("Adobe", "partnerOf", "Pika")} <= set(
        said
    )
    assert not any(fact[0] == "Google" and fact[1] == "partnerOf" for fact in said)


def test_what_a_cue_acts_on_is_not_made_by_the_subject(extract):
    """develops' not_after_cue "on" was read by YAML as true, so it never held."""
    text = "Microsoft makes a gateway, and Microsoft lets them hold their own keys on Bitcoin. It is big."
    assert ("Microsoft", "develops", "Bitcoin") not in extract(text)
