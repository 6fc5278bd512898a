from __future__ import annotations

import pytest

from eventdesk.errors import ModelError
from eventdesk.nlp import load_pipeline
from eventdesk.records import Article, Section


def test_parse_gives_offsets_into_the_text(parse_text):
    parsed = parse_text("Israel launched attacks on the Gaza Strip on August 5. Egypt mediated a ceasefire.")
    text = parsed.article.text
    assert len(parsed.sentences) == 2
    for token in parsed.tokens:
        assert text[token.start : token.end] == token.text
    labels = {(e.text, e.label) for e in parsed.entities}
    assert ("Israel", "GPE") in labels
    root = next(t for t in parsed.tokens if t.dep == "ROOT")
    assert root.lemma == "launch" and root.head == root.i


def test_a_blank_line_always_ends_a_sentence(parser):
    text = "Protesters gather in Tunis [ Photo – Agency ]\n\nThe police arrested ten people."
    sections = (Section(kind="caption", start=0, end=45), Section(kind="body", start=47, end=len(text)))
    article = Article(id="a", source="<a>", text=text, sections=sections)
    parsed = parser.parse(article)
    assert [s.section for s in parsed.sentences] == ["caption", "body"]
    assert text[parsed.sentences[1].start:].startswith("The police")


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match=r"en_core_web_trf.*not installed.*pip install"):
        load_pipeline("en_core_web_trf")
