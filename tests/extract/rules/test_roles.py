"""People's roles said beside their names, and a call's introductions: who leads or works for
which company."""

CALL = "Welcome to the Zentrix second quarter earnings call. Zentrix had a good quarter, and Zentrix grew. "


def test_a_role_with_our_in_a_call_is_at_the_calls_company(extract):
    said = extract(CALL + "Joining me are Vesko Tarnaby, our president and CEO, and Ilse Quorwin, our CFO.")
    assert ("Vesko Tarnaby", "leads", "Zentrix") in said
    assert ("Ilse Quorwin", "worksFor", "Zentrix") in said
    assert ("Vesko Tarnaby", "worksFor", "Zentrix") not in said


def test_a_role_of_a_named_company_is_at_that_company(extract):
    said = extract(CALL + "With us is Ilse Quorwin, CEO of Zephyrix Credit, and the team.")
    assert ("Ilse Quorwin", "leads", "Zephyrix Credit") in said
    assert ("Ilse Quorwin", "leads", "Zentrix") not in said


def test_a_role_of_something_that_is_no_company_is_a_job_at_the_calls_company(extract):
    said = extract(CALL + "I'll turn it to Dora Vantick, President of Digital Media, for more.")
    assert ("Dora Vantick", "worksFor", "Zentrix") in said
    assert not any(fact[1] == "leads" for fact in said)


def test_roles_one_after_another_each_with_its_company(extract):
    said = extract(
        "We are here with Lip-Bu Tan, the legendary investor from Walden, then CEO of Cadence, now CEO of Intel."
    )
    assert {("Lip-Bu Tan", "worksFor", "Walden"), ("Lip-Bu Tan", "leads", "Cadence Design Systems")} <= set(said)
    assert ("Lip-Bu Tan", "leads", "Intel") in said


def test_a_role_before_the_name_is_of_the_company_before_it(extract):
    assert ("Tavi Renholm", "worksFor", "Intel") in extract("Last week Intel CTO Tavi Renholm spoke at length.")


def test_a_role_without_a_company_outside_a_call_says_nothing(extract):
    assert extract("I spoke to Vesko Tarnaby, our president and CEO, about the weather.") == {}


def test_a_calls_introduction_says_whom_the_person_speaks_for(extract):
    said = extract(CALL + "Your next question comes from Edda Vornholt with Deutsche Bank. Please go ahead.")
    assert ("Edda Vornholt", "worksFor", "Deutsche Bank") in said
    assert ("Edda Vornholt", "worksFor", "Zentrix") not in said


def test_a_line_of_a_panel_says_whom_each_speaks_for(extract):
    said = extract(
        "The panel\n\nSandra Ro, CME Group\n\nChris Church, Digital Asset Holdings - Moderator\n\nSR: Hello."
    )
    assert ("Sandra Ro", "worksFor", "CME Group") in said
    assert ("Chris Church", "worksFor", "Digital Asset Holdings") in said


def test_a_role_said_with_is_and_the_company_after_what_it_is_of(extract):
    said = extract("We sat with Dan Gevins today. Dan is the general manager of data science at Shell.")
    assert ("Dan Gevins", "worksFor", "Shell") in said


def test_a_role_with_a_companys_possessive(extract):
    said = extract("With me today are Shantanu Narayan, Adobe's Chair and CEO, and the team.")
    assert ("Shantanu Narayan", "leads", "Adobe") in said


def test_a_role_right_after_the_name_without_a_comma_needs_its_company_named(extract):
    """Captions drop commas: "a conversation with stephen quorvath the ceo of qualcomm"."""
    lower = "the following is a conversation with stephen quorvath the ceo of qualcomm the company that makes chips"
    assert ("Stephen Quorvath", "leads", "Qualcomm") in extract(lower)
    assert ("Vesko Tarnaby", "leads", "Qualcomm") in extract(
        "Today I talk with Vesko Tarnaby CEO of Qualcomm. He was great."
    )
    assert extract(CALL + "Then Vesko Tarnaby president said the quarter was good.") == {}
