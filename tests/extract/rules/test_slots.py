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


def test_a_name_far_before_a_pattern_is_not_its_subject(extract):
    text = (
        "You see that same inflection point in 2019 that you do on the Nvidia graph with developers, which I "
        "think is super interesting. You see just a linear graph up in terms of cloud revenue."
    )
    assert ("Nvidia", "monetizesVia", "Cloud services") not in extract(text)


def test_in_a_call_the_company_speaking_of_its_own_segment_is_the_subject(extract):
    call = "Welcome to the Zentrix second quarter earnings call. Zentrix had a good quarter, and Zentrix grew. "
    facts = extract(call + "Thanks to all of you for joining. In our cloud segment, we achieved 12% growth.")
    assert ("Zentrix", "monetizesVia", "Cloud services") in facts
