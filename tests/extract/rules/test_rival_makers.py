"""The makers of rivals compete too: said where the transcript names them, else known."""


def _makers(facts):
    return facts.get(("DeepSeek", "competesWith", "OpenAI")) or facts.get(("OpenAI", "competesWith", "DeepSeek"))


def test_makers_of_rival_models_named_close_compete_less_surely(extract):
    facts = extract("DeepSeek and OpenAI ship fast. People say R1 competes with o1 on reasoning.")
    models = facts[("DeepSeek-R1", "competesWith", "o1")]
    makers = _makers(facts)
    assert makers.confidence < models.confidence
    assert not any(p == "competesWith" for _, p, _ in extract("Claude Code competes with Claude for attention."))


def test_makers_never_named_are_background(extract, background):
    text = "People say R1 competes with o1 on reasoning."
    assert _makers(extract(text)) is None
    assert _makers(background(text)).basis == "known"


def test_a_maker_stands_in_for_its_product_only_where_named(extract):
    """ "ChatGPT faces competitive risk from Cluely" says nothing of OpenAI when OpenAI is never named."""
    facts = extract("Google is coming for ChatGPT with its new app.")
    assert ("Google", "competesWith", "ChatGPT") in facts and ("Google", "competesWith", "OpenAI") not in facts
    named = extract("OpenAI is worried. Google is coming for ChatGPT with its new app.")
    assert ("Google", "competesWith", "OpenAI") in named
