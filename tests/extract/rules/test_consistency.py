"""Readings the gazetteer contradicts are dropped."""


def test_known_developer_overrules_a_wrong_reading(extract):
    facts = extract("OpenAI watched as they released deep seek V3")
    assert ("OpenAI", "develops", "DeepSeek-V3") not in facts


def test_same_maker_products_do_not_compete(extract):
    assert ("o3", "competesWith", "o1") not in extract(
        "the new 03 model is better than 01 on every reasoning benchmark"
    )


def test_a_part_never_acts_on_its_whole(extract):
    assert ("AWS", "acquires", "Amazon") not in extract("AWS acquired Amazon.")


def test_the_seller_after_from_is_not_what_was_bought(extract):
    facts = extract("Microsoft buys chips from Nvidia.")
    assert ("Microsoft", "acquires", "Nvidia") not in facts
    assert ("Nvidia", "supplies", "Microsoft") in facts


def test_a_company_makes_no_money_from_another_makers_product(extract):
    assert ("Amazon", "monetizesVia", "Azure") not in extract("Amazon makes its money from Azure.")
    assert ("Microsoft", "monetizesVia", "Azure") in extract("Microsoft makes its money from Azure.")


def test_a_person_does_not_invest_in_their_own_company(extract):
    facts = extract("SoftBank is leading the round, and Sam Altman invests in OpenAI's future this way.")
    assert ("Sam Altman", "investsIn", "OpenAI") not in facts


def test_a_company_neither_rivals_nor_partners_what_it_owns(extract):
    facts = extract("It is such a big deal that Microsoft launched their own copycat version for GitHub called Spark.")
    assert ("Microsoft", "competesWith", "GitHub") not in facts and ("GitHub", "competesWith", "Microsoft") not in facts


def test_a_person_said_to_lead_a_company_is_not_also_said_to_work_for_it(extract):
    joined = "Years ago, Dana Tarnaby joined Microsoft as an engineer. It was fun."
    said = extract("Today we are here with Dana Tarnaby, the CEO of Microsoft. " + joined)
    assert ("Dana Tarnaby", "leads", "Microsoft") in said
    assert ("Dana Tarnaby", "worksFor", "Microsoft") not in said
    assert ("Dana Tarnaby", "worksFor", "Microsoft") in extract("Today we are here with Dana Tarnaby. " + joined)


def test_a_company_does_not_acquire_what_it_makes(extract):
    said = extract("Amazon is playing from behind, so Amazon acquired Trainium. It is big. We know.")
    assert ("Amazon", "acquires", "Trainium") not in said
