"""A product named after its maker is that maker's."""


def test_product_named_after_its_maker(extract):
    assert ("DeepSeek", "develops", "DeepSeek-V3") in extract("people say deep seek V3 was trained for 5 million")
