"""The company whose call it is, and its people's "we" and "our"."""

from graph.extract.own_company import find_own_company, own_pronouns
from graph.model import Entity, Mention

ZENTRIX = Entity("Zentrix", "Company")
QUARNOX = Entity("Quarnox", "Company")


def mentions_of(text: str, entity: Entity, name: str) -> list[Mention]:
    lowered = text.lower()
    found, start = [], lowered.find(name.lower())
    while start >= 0:
        found.append(Mention(start, start + len(name), text[start : start + len(name)], entity, "capitalised"))
        start = lowered.find(name.lower(), start + 1)
    return found


def test_the_company_named_in_the_sentence_of_the_call_is_the_calls(schema):
    text = "Quarnox is a client. Welcome to the Zentrix second quarter earnings call. Quarnox, Quarnox, Quarnox."
    named = sorted(mentions_of(text, QUARNOX, "Quarnox") + mentions_of(text, ZENTRIX, "Zentrix"), key=lambda m: m.start)
    assert find_own_company(text.lower(), named, schema.language) == ZENTRIX


def test_without_a_company_in_that_sentence_the_one_named_far_most_is_the_calls(schema):
    text = "Welcome to the second quarter earnings call. " + "Zentrix grew. " * 6 + "Quarnox too."
    named = sorted(mentions_of(text, QUARNOX, "Quarnox") + mentions_of(text, ZENTRIX, "Zentrix"), key=lambda m: m.start)
    assert find_own_company(text.lower(), named, schema.language) == ZENTRIX
    assert find_own_company("zentrix grew. " * 6, named, schema.language) is None


def test_we_and_our_stand_for_the_calls_company(schema):
    found = own_pronouns("we grew our sales, and ours grew", ZENTRIX, schema.language.own_company)
    assert [(m.text, m.entity, m.method) for m in found] == [
        ("we", ZENTRIX, "pronoun"),
        ("our", ZENTRIX, "pronoun"),
        ("ours", ZENTRIX, "pronoun"),
    ]
    assert own_pronouns("we grew", None, schema.language.own_company) == []


def test_what_we_do_in_a_call_the_calls_company_does(extract):
    said = extract(
        "Welcome to the Zentrix second quarter earnings call. Zentrix had a good quarter. "
        "We partnered with Quarnox Labs this quarter, and Zentrix grew."
    )
    assert ("Zentrix", "partnerOf", "Quarnox Labs") in said
    assert extract("We partnered with Quarnox Labs this quarter, and Zentrix grew. Zentrix grew.") == {}


def test_a_call_only_talked_about_is_no_call_of_the_company(schema):
    text = "Zentrix said on its second quarter earnings call that Zentrix grew. Zentrix, Zentrix, Zentrix."
    assert find_own_company(text.lower(), mentions_of(text, ZENTRIX, "Zentrix"), schema.language) is None


def test_an_interviews_guest_introduced_with_a_role_brings_their_company(schema):
    text = "Today we are here with Vesko Tarnaby, once CTO of Quarnox, now CEO of Zentrix. Zentrix grew."
    named = sorted(mentions_of(text, QUARNOX, "Quarnox") + mentions_of(text, ZENTRIX, "Zentrix"), key=lambda m: m.start)
    assert find_own_company(text.lower(), named, schema.language) == ZENTRIX
    text = "Yesterday Vesko Tarnaby, the CEO of Zentrix, said Zentrix grew."
    assert find_own_company(text.lower(), mentions_of(text, ZENTRIX, "Zentrix"), schema.language) is None


def test_an_interviews_only_guest_says_i_for_themself(extract):
    intro = "Today we are here with Vesko Tarnaby, the legendary investor, now CEO of Zentrix. "
    said = extract(intro + "Years ago I invest in a company called Quorvex Labs. That was fun.")
    assert ("Vesko Tarnaby", "investsIn", "Quorvex Labs") in said
    two_guests = "Today we are here with Vesko Tarnaby, CEO of Zentrix, and also Ilse Quorwin, CEO of Quarnox. "
    said = extract(two_guests + "Years ago I invest in a company called Quorvex Labs. That was fun.")
    assert not any(fact[1] == "investsIn" for fact in said)
    untitled = "Today we are here with Vesko Tarnaby. "
    said = extract(untitled + "Years ago I invest in a company called Quorvex Labs. That was fun.")
    assert not any(fact[1] == "investsIn" for fact in said)
