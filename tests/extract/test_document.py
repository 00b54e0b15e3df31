from datetime import date

from factdb.extract.document import ArticleDoc
from factdb.extract.times import find_times


def test_doc_shares_one_normalised_text_with_the_same_offsets() -> None:
    text = "The “Popular Front for Change (PFC)” said on Monday the PFC\u00a0holds Mosul."
    doc = ArticleDoc(text, date(2018, 2, 6))
    assert len(doc.norm) == len(text) and '"' in doc.norm and "\u00a0" not in doc.norm
    assert doc.norm is doc.norm  # computed once
    assert doc.quote_ranges == [(4, 35)]
    assert [(t.text, t.value) for t in doc.times] == [("Monday", "2018-02-05")]
    assert doc.times == find_times(text, date(2018, 2, 6))


def test_doc_mentions_include_names_the_text_declares() -> None:
    text = "The Popular Front for Change (PFC) took the town. The PFC said so."
    doc = ArticleDoc(text)
    assert [(d.alias, d.entity) for d in doc.declared_aliases] == [
        ("PFC", "Popular Front for Change")
    ]
    assert [m.text for m in doc.mentions if m.entity == "Popular Front for Change"] == [
        "Popular Front for Change",
        "PFC",
        "PFC",
    ]
    assert not [m for m in doc.gazetteer_mentions if m.entity == "Popular Front for Change"]
