"""The makers of rivals compete too."""


def test_makers_of_rival_models_compete_less_surely(extract):
    facts = extract("People say R1 competes with o1 on reasoning.")
    models = facts[("DeepSeek-R1", "competesWith", "o1")]
    makers = facts.get(("DeepSeek", "competesWith", "OpenAI")) or facts[("OpenAI", "competesWith", "DeepSeek")]
    assert makers.confidence < models.confidence
    assert makers.evidence == models.evidence
    assert not any(p == "competesWith" for _, p, _ in extract("Claude Code competes with Claude for attention."))
