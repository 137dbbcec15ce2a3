"""Facts the gazetteer knows, found where the document names both ends."""


def test_known_facts_named_apart_are_less_sure(extract):
    close = extract("Microsoft is winning and Satya Nadella is happy. Anthropic shipped Claude.")
    filler = "Nothing else happened here at all. " * 40
    far = extract(f"Satya Nadella is happy. Claude is good. {filler} Microsoft grew. Anthropic grew.")
    for fact in (("Satya Nadella", "leads", "Microsoft"), ("Anthropic", "develops", "Claude")):
        assert far[fact].confidence < close[fact].confidence


def test_a_known_employer_needs_both_names_close(extract):
    filler = "Nothing else happened here at all. " * 40
    assert ("Greg Brockman", "worksFor", "OpenAI") not in extract(f"Greg Brockman spoke. {filler} OpenAI grew.")
    assert ("Greg Brockman", "worksFor", "OpenAI") in extract("Greg Brockman spoke and OpenAI grew.")


def test_a_known_business_model_named_close_to_its_company(extract):
    facts = extract("Where in Meta is Zuck thinking of? My own best guess is ads.")
    assert facts[("Meta", "monetizesVia", "Advertising")].modality == "stated"
    far = extract("Meta shipped new glasses. " + "The weather was nice all week long. " * 6 + "I saw some ads.")
    assert ("Meta", "monetizesVia", "Advertising") not in far
    assert ("Meta", "monetizesVia", "Advertising") not in extract("I expect Meta to do more with ads one day.")
