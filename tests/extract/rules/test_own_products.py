"""What a call's own company makes: the products its people name when speaking for it."""

CALL = "Welcome to the Zentrix second quarter earnings call. Zentrix had a good quarter, and Zentrix grew. "


def test_a_product_named_where_the_calls_people_speak_for_their_company_is_theirs(extract):
    said = extract(
        CALL + "We're infusing AI across our flagship Quillstream and Dravelo apps. Quillstream and Dravelo grew."
    )
    assert {("Zentrix", "develops", "Quillstream"), ("Zentrix", "develops", "Dravelo")} <= set(said)


def test_not_with_another_company_in_the_sentence_nor_another_maker_known(extract):
    said = extract(
        CALL + "We added Quillstream from Quarnox Labs. Quillstream is big. "
        "We added Claude to our tools. We added Google Quelvora, and Google Quelvora grew."
    )
    assert not any(fact[1] == "develops" and fact[0] == "Zentrix" for fact in said)


def test_outside_a_call_we_names_no_company(extract):
    said = extract("We're infusing AI across our Quillstream and Dravelo apps. Quillstream and Dravelo grew.")
    assert not any(fact[1] == "develops" for fact in said)


def test_a_product_named_right_after_a_sentence_where_they_speak_for_the_company(extract):
    said = extract(CALL + "We had our best quarter in years. The all new Quillstream posted a record quarter.")
    assert ("Zentrix", "develops", "Quillstream") in said


def test_another_makers_model_named_where_they_speak_for_the_company_is_one_it_uses(extract):
    said = extract(CALL + "We recently added Google's Veo to our roster. We compete with OpenAI's GPT Image.")
    assert ("Zentrix", "uses", "Veo") in said and ("Zentrix", "develops", "Veo") not in said
    assert ("Zentrix", "uses", "GPT Image") not in said
    assert ("Zentrix", "uses", "TikTok") not in extract(CALL + "We added TikTok to our channels.")
