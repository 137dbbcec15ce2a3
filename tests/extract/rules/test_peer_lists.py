"""Names listed together, read as peers."""


def test_three_companies_listed_together_are_peers_at_a_low_confidence(extract, schema):
    peers = schema.relations["competesWith"].peer_lists
    found = extract("The three rivals Google, OpenAI and Anthropic met this week, and I know it is hard")
    rivals = {key: a.confidence for key, a in found.items() if key[1] == "competesWith"}
    assert rivals == {
        ("Google", "competesWith", "OpenAI"): peers.confidence,
        ("Google", "competesWith", "Anthropic"): peers.confidence,
        ("OpenAI", "competesWith", "Anthropic"): peers.confidence,
    }
    assert peers.confidence < schema.relations["competesWith"].confidence


def test_two_names_or_a_negated_list_are_no_peers(extract):
    assert extract("it came down to Google and OpenAI this week") == {}
    assert extract("it is not Google, OpenAI or Anthropic that matter here") == {}


def test_a_name_known_only_from_a_list_does_not_lengthen_it_into_peers(extract):
    facts = extract("A copycat wave followed: Box, Fiverr, Duolingo all jumped on the bandwagon.")
    assert not any(p == "competesWith" for _, p, _ in facts)
    assert ("OpenAI", "competesWith", "Google") in extract("OpenAI, Anthropic and Google are rivals now.")


def test_names_listed_together_without_rivalry_are_not_rivals(extract):
    facts = extract("Asset managers like Ares, KKR, TPG, Apollo and Blackstone all fell this week.")
    assert not [k for k in facts if k[1] == "competesWith"]


def test_a_shared_aim_or_a_rival_of_each_is_no_rivalry_among_the_listed(extract):
    facts = extract("The labs Anthropic, OpenAI, Microsoft and Google are racing to own the agent layer.")
    assert not [k for k in facts if k[1] == "competesWith"]
    facts = extract("Google would be competition for OpenAI, Microsoft, and Anthropic.")
    assert ("OpenAI", "competesWith", "Anthropic") not in facts and ("Anthropic", "competesWith", "OpenAI") not in facts
    facts = extract("Prompting GPT-5 versus Claude versus Gemini versus GPT-4o is different.")
    assert ("Gemini", "competesWith", "GPT-4o") not in facts and ("Claude", "competesWith", "Gemini") not in facts
