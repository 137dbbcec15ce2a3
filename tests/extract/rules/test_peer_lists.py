"""Names listed together, read as peers."""


def test_three_companies_listed_together_are_peers_at_a_low_confidence(extract, schema):
    peers = schema.relations["competesWith"].peer_lists
    found = extract("the race has narrowed to Google and OpenAI and Anthropic, and I know it is hard")
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
    assert ("OpenAI", "competesWith", "Google") in extract("The race is now OpenAI, Anthropic and Google.")


def test_names_listed_together_without_rivalry_are_not_rivals(extract):
    facts = extract("Asset managers like Ares, KKR, TPG, Apollo and Blackstone all fell this week.")
    assert not [k for k in facts if k[1] == "competesWith"]
