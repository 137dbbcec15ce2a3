"""Names no list has, in punctuated text: which count said once, and the type they take."""


def found(mentions, text: str) -> set[tuple[str, str]]:
    return {(name, etype) for _, name, etype, method in mentions(text) if method == "capitalised"}


def found_people(mentions, text: str) -> set[tuple[str, str]]:
    """The people a text names, by whatever means."""
    return {(name, etype) for _, name, etype, _ in mentions(text) if etype == "Person"}


def test_names_said_once_beside_a_role_are_people_and_their_companies(mentions):
    text = (
        "Joining me today are Vesko Tarnaby, our COO, and Ilse Quorwin, CFO of Zephyrix Credit. "
        "Later, Quarnox CEO Tavi Renholm spoke."
    )
    assert {("Vesko Tarnaby", "Person"), ("Ilse Quorwin", "Person"), ("Zephyrix Credit", "Company")} <= found(
        mentions, text
    )
    assert ("Tavi Renholm", "Person") in found(mentions, text)


def test_a_person_beside_a_role_is_no_company(mentions):
    text = "With me today are Jim Farley, president and CEO, and the team."
    assert found(mentions, text) == {("Jim Farley", "Person")}


def test_a_calls_introduction_names_the_person_and_the_company_they_speak_for(mentions):
    text = "Your next question comes from Edda Vornholt with Halvor Kessing. Please go ahead."
    assert found(mentions, text) == {("Edda Vornholt", "Person"), ("Halvor Kessing", "Company")}


def test_a_name_ending_like_a_company_is_one_said_once(mentions):
    assert ("Quarnix Labs", "Company") in found(mentions, "We then met the people of Quarnix Labs in May.")


def test_a_listed_companys_name_read_on_is_a_name_of_its_own(mentions):
    text = "Ford trucks are selling. Then Ford Pro grew, and Ford Credit is a source of strength."
    assert {("Ford Pro", "Product"), ("Ford Credit", "Company")} <= found(mentions, text)
    assert [m for m in mentions(text) if m[0] == "Ford"] == [("Ford", "Ford", "Company", "ambiguous")]


def test_a_possessive_or_a_person_is_not_read_on_into_the_name(mentions):
    text = "We added Google's Quelmora models. Google's Quelmora ships. I met SoftBank Masa there."
    names = {name for _, name, _, _ in mentions(text)}
    assert "Quelmora" in names
    assert "Google's Quelmora" not in names and "SoftBank Masa" not in names


def test_a_name_said_once_in_a_list_takes_the_type_of_the_names_listed_with_it(mentions):
    text = "We added partner models from OpenAI, Quillmark, Zentravo and Anthropic."
    assert {("Quillmark", "Company"), ("Zentravo", "Company")} <= found(mentions, text)


def test_a_given_name_said_alone_is_the_person_named_in_full(mentions):
    text = "Joining us is Srini Gopalan, our COO. Later Srini talked about it, and Srini was right."
    people = [(said, name) for said, name, etype, _ in mentions(text) if etype == "Person"]
    assert people == [("Srini Gopalan", "Srini Gopalan"), ("Srini", "Srini Gopalan"), ("Srini", "Srini Gopalan")]


def test_a_capitalised_word_made_with_a_hyphen_is_no_name(mentions):
    text = "Our AI-first plan works. The AI-first plan again, and AI-infused apps."
    assert found(mentions, text) == set()


def test_an_ambiguous_name_said_with_its_context_counts_wherever_it_is_capitalised(mentions):
    text = (
        "Ford trucks sell well. Later on, in a long talk about the weather, the rain and the snow of the "
        "coming season, Ford said it "
        "would grow. Then, after a walk in the hills and a lunch by the water, we love to ford a river."
    )
    fords = [(said, method) for said, name, _, method in mentions(text) if name == "Ford"]
    assert fords == [("Ford", "ambiguous"), ("Ford", "ambiguous")]


def test_a_repaired_name_gives_way_to_a_persons_name_written_out(mentions):
    text = "And the next question comes from Brent Thill with Jefferies."
    assert ("Brent Thill", "Person") in found(mentions, text)


def test_a_line_of_a_panel_names_a_person_and_their_company(mentions):
    text = (
        "Clearing and settlement\n\nMatthew Bishop, The Economist - Moderator\n\nChris Church, Digital Asset\n\nMB: Hi."
    )
    assert found(mentions, text) == {
        ("Matthew Bishop", "Person"),
        ("The Economist", "Company"),
        ("Chris Church", "Person"),
        ("Digital Asset", "Company"),
    }


def test_a_recurring_name_of_common_words_is_a_product(mentions):
    text = "We grew Creative Cloud and Super Duty. Then Creative Cloud and Super Duty sold. Visit Capital Markets Day."
    assert found(mentions, text) == {("Creative Cloud", "Product"), ("Super Duty", "Product")}


def test_one_common_word_is_a_name_only_where_listed_with_names_of_a_known_type(mentions):
    text = "Jack runs Twitter and Square. Square grew, and Square is big. In December, Reuters wrote. December came."
    assert found(mentions, text) == {("Square", "Company")}


def test_a_name_written_two_ways_is_one_name_written_as_most_often(mentions):
    text = "We bought Metronet, and Metronet grew. The MetroNet deal closed."
    assert [(said, name) for said, name, _, _ in mentions(text)] == [
        ("Metronet", "Metronet"),
        ("Metronet", "Metronet"),
        ("MetroNet", "Metronet"),
    ]


def test_a_name_a_document_says_as_a_stream_is_that_stream(mentions):
    text = "Digital media revenue grew. Dora, President of Digital Media, spoke. Digital Media is big."
    assert {name for _, name, _, _ in mentions(text)} == {"Digital media revenue"}


def test_periods_fillers_and_numbered_names(mentions):
    text = "In FY25 and Q3 we grew. Mhm, Mhm. We sold the Quorvex 150, and the Quorvex 150 grew."
    assert found(mentions, text) == {("Quorvex 150", "Product")}


def test_a_given_name_said_alone_with_no_cue_is_a_person(mentions):
    assert ("Leila", "Person") in found(mentions, "Thank you, Leila. We start now, and Leila will take questions.")


def test_a_persons_name_written_out_overrides_a_listed_surname_said_alone(mentions):
    text = "And now we go to Brent Thiel with Jefferies. Brent Thiel asked first."
    assert ("Brent Thiel", "Person") in found(mentions, text)


def test_a_name_beside_a_companys_role_is_a_person(mentions):
    text = "With me today are Shantanu Narayan, Adobe's Chair and CEO, and the team."
    assert found(mentions, text) == {("Shantanu Narayan", "Person")}


def test_a_given_name_of_common_words_is_the_person_named_in_full(mentions):
    text = "We sat with Dan Gevins today. Later, Dan told us more, and then Dan left."
    assert [(said, name) for said, name, _, _ in mentions(text)] == [
        ("Dan Gevins", "Dan Gevins"),
        ("Dan", "Dan Gevins"),
        ("Dan", "Dan Gevins"),
    ]


def test_a_name_said_once_beside_words_of_a_product_is_a_product(mentions):
    text = "Sales of the all new Expedition rose. China is a hub for growth nameplates like Territory."
    assert found(mentions, text) == {("Expedition", "Product"), ("Territory", "Product")}


def test_a_word_after_a_lone_name_that_is_no_given_name_makes_no_person(mentions):
    text = "Full size Quorvex posted a record quarter, and the Quorvex who sold best grew."
    assert ("Quorvex", "Person") not in found(mentions, text)
    assert ("Velmo", "Person") in found(mentions, "Thanks, Velmo. Now, thanks, Velmo, for that.")


def test_in_a_call_a_name_nothing_types_is_a_product(mentions):
    call = "Welcome to the Zentrix second quarter earnings call. Zentrix grew, and Zentrix hired. "
    assert ("Quorvex", "Product") in found(mentions, call + "Sales of Quorvex rose, and Quorvex sold well.")
    assert ("Quorvex", "Company") in found(mentions, "Sales of Quorvex rose, and Quorvex sold well.")


def test_captions_without_sentences_give_peoples_names_written_capitalised(mentions):
    text = "so i met Michael Ovitz and then we talked about Pulp Fiction and Game Theory with Al Ely and so on"
    assert found(mentions, text) == {("Michael Ovitz", "Person")}


def test_a_capitalised_surname_in_captions_may_be_a_less_common_word(mentions):
    text = "so i met Dana Parker and then we talked about Grace Period and so on and so on"
    assert found(mentions, text) == {("Dana Parker", "Person")}


def test_a_persons_name_of_common_words_is_a_name(mentions):
    assert ("Mike Brock", "Person") in found(mentions, "I found one of our engineers, Mike Brock, and we worked.")


def test_a_name_only_the_default_typed_takes_the_type_of_the_names_listed_with_it(mentions):
    call = "Welcome to the Zentrix second quarter earnings call. Zentrix grew, and Zentrix hired. "
    text = call + "Customers include Disney, Quelmarch, and Intuit. Quelmarch renewed, and Quelmarch grew."
    assert ("Quelmarch", "Company") in found(mentions, text)


def test_people_in_lower_case_captions_are_a_given_name_and_a_rare_surname(mentions):
    text = "and then we talked with stephen quorvath about it and will monetize it and grace period ends so"
    people = found_people(mentions, text)
    assert people == {("Stephen Quorvath", "Person")}


def test_a_listed_name_of_several_words_is_not_read_on_into_a_product(mentions):
    text = "Then Google DeepMind Nobel Prize winner Demis Hassabis spoke. Later, Google Harbor shipped."
    names = {(name, etype) for _, name, etype, _ in mentions(text)}
    assert not any("Nobel" in name for name, _ in names)
    assert ("Google Harbor", "Product") in names


def test_words_beside_a_name_said_once_make_it_a_companys_or_a_products(mentions):
    text = (
        "There is one startup called Quarnisk, doing payments. Then Velmora, the startup, raised again. "
        "I use a browser plugin called Tessaly Joule daily. We saw new user acquisition of Creative Cloud."
    )
    assert {("Quarnisk", "Company"), ("Velmora", "Company"), ("Tessaly Joule", "Product")} <= found(mentions, text)
    assert ("Creative Cloud", "Company") not in found(mentions, text)


def test_in_lower_case_captions_a_given_name_no_list_has_counts_after_words_introducing_a_person(mentions):
    text = "so the following is a conversation with cristiano quorvath and then we talked about grace period so"
    people = found_people(mentions, text)
    assert people == {("Cristiano Quorvath", "Person")}
    assert not any(etype == "Person" for *_, etype, _ in mentions("so we talked about cristiano quorvath and so on"))


def test_a_name_before_a_role_of_another_company_is_a_persons(mentions):
    text = "Today I talk with Vesko Tarnaby CEO of Qualcomm. Later, Zephyrix CEO Ilse Quorwin spoke."
    assert {("Vesko Tarnaby", "Person"), ("Zephyrix", "Company")} <= found(mentions, text)


def test_a_single_word_the_talk_is_handed_to_is_a_persons_name(mentions):
    call = "Welcome to the Zentrix second quarter earnings call. Zentrix grew, and Zentrix hired. "
    text = call + "Through this, and Qorv can talk a little more about that. Maybe, Qorv, you can add."
    assert ("Qorv", "Person") in found(mentions, text)


def test_spellings_of_one_person_in_lower_case_captions_are_one_person(mentions):
    text = "we talked with stephen quorvath about it and so then stephen quarvath said so and so and so"
    people = found_people(mentions, text)
    assert len(people) == 1


def test_two_rare_capitalised_words_said_once_are_a_persons_name(mentions):
    text = "Then Akshat Bubna spoke about it. Later, Sachin Nadella spoke. Astera Labs grew. It was big."
    names = found(mentions, text)
    assert ("Akshat Bubna", "Person") in names
    assert not any(name == "Sachin Nadella" for name, _ in names)  # the listed Satya Nadella's surname
    assert ("Astera Labs", "Company") in names
    later = found(mentions, "Then Agentic LLMs came along. Later, Singularity Cults spoke. It was big. We know.")
    assert not any(etype == "Person" for _, etype in later)


def test_a_name_of_common_words_said_once_in_a_list_of_products_is_a_product(mentions):
    call = "Welcome to the Adobe third quarter earnings call. Adobe grew, and Adobe hired. "
    text = call + "We infuse AI across our applications including Photoshop, Premiere Pro, and After Effects."
    assert ("After Effects", "Product") in found(mentions, text)
    assert not any(name == "Dear Rubin" for name, _ in found(mentions, "It runs on Grace Blackwell and Dear Rubin."))
