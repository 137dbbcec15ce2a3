"""Ways of making money no list has, named by the words of money around them."""


def streams(mentions, text: str) -> list[tuple[str, str]]:
    return [(said, name) for said, name, etype, _ in mentions(text) if etype == "RevenueStream"]


def test_the_words_before_a_word_of_money_name_a_stream(mentions):
    text = "Postpaid service revenues grew. Ticket sales were a record. Digital media segment revenue rose."
    assert streams(mentions, text) == [
        ("Postpaid service", "Postpaid service revenue"),
        ("Ticket", "Ticket sales"),
        ("Digital media", "Digital media revenue"),
    ]


def test_the_words_after_a_word_of_money_name_streams_as_far_as_they_are_listed(mentions):
    text = "The club makes money from sponsorships, media rights and drug sales."
    assert streams(mentions, text) == [
        ("sponsorships", "Sponsorships"),
        ("media rights", "Media rights"),
        ("drug", "Drug sales"),
    ]


def test_a_line_of_business_names_a_stream_only_after_its_owner(mentions):
    assert streams(mentions, "Our foundry business grew, and Quarnox's printing business too.") == [
        ("foundry", "Foundry"),
        ("printing", "Printing"),
    ]
    assert streams(mentions, "The foundry business grew. Our business model works. Their data business pipeline.") == []


def test_words_of_amount_time_or_trend_name_no_stream(mentions):
    text = "Total revenue grew. Quarterly sales rose. We achieved revenue targets. Accelerating revenue helps."
    assert streams(mentions, text) == []
    text = "Oracle missed on topline revenue. Media had a strong Q3, achieving revenue of 1.4 billion."
    assert streams(mentions, text) == []
    assert streams(mentions, "Let's say that the data says revenue is 2 million dollars.") == []


def test_a_division_is_a_part_of_the_company_not_a_way_of_making_money(mentions):
    assert streams(mentions, "Meta laid off 600 people within its AI division. Their robot division closed.") == []


def test_a_stream_the_list_has_is_that_one(mentions):
    assert streams(mentions, "Subscription revenue was up.") == [("Subscription", "Subscriptions")]


def test_the_calls_company_makes_money_by_the_streams_its_people_name(extract):
    said = extract(
        "Welcome to the Zentrix second quarter earnings call. Zentrix had a good quarter, and Zentrix grew. "
        "Our licensing business grew, and we make money from sponsorships."
    )
    assert ("Zentrix", "monetizesVia", "Sponsorships") in said
    assert any(fact[:2] == ("Zentrix", "monetizesVia") and "icensing" in fact[2] for fact in said)


def test_a_list_of_streams_ends_at_its_last_item(mentions):
    text = "They make most of their profit from intermediation and payments, whereas scenario two is fine."
    assert [name for _, name in streams(mentions, text)] == ["Intermediation", "Payment processing"]


def test_retail_is_a_stream_of_its_own(mentions):
    assert streams(mentions, "We have 43,000 sites, and our retail business grew.") == [("retail", "Retail")]


def test_a_filler_word_names_no_stream(mentions):
    assert not streams(mentions, "And then we grew uh sales a lot this year.")


def test_licensing_is_a_stream_of_its_own_apart_from_enterprise_licensing(mentions):
    """Patents and technology are licensed by chip makers and labs alike: no enterprise seats."""
    assert [name for _, name in streams(mentions, "We also have a licensing business and royalties.")] == [
        "Licensing",
        "Licensing",
    ]
    assert [name for _, name in streams(mentions, "Most of it comes from enterprise licenses.")] == [
        "Enterprise licensing"
    ]
