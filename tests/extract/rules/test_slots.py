"""Slot patterns: a typed slot as one end of the fact."""


def test_slot_pattern_in_the_fold(extract):
    facts = extract("Microsoft has a cloud product but they also have open AI in the fold")
    assert ("Microsoft", "partnerOf", "OpenAI") in facts
    assert ("Microsoft", "monetizesVia", "Cloud services") in facts


def test_a_possessive_cue_binds_the_name_written_before_it(extract):
    assert ("Google", "monetizesVia", "Cloud services") in extract("Google's cloud business is growing fast")
    facts = extract("You have Anthropic on somebody's cloud, along with Gemini.")
    assert ("Anthropic", "monetizesVia", "Cloud services") not in facts
    facts = extract("Meta wants Google's Gemini models in Meta's ad operations.")
    assert ("Google", "monetizesVia", "Advertising") not in facts


def test_a_possessive_cue_after_a_pronoun_takes_the_name_before(extract):
    assert ("Manus", "basedIn", "China") in extract("Manus launched an agent. They're a Chinese startup.")
