"""The quotes stage on real sentences parsed by the real spaCy pipeline."""

from __future__ import annotations

import json

import pytest

from eventdesk.errors import DataFileError
from eventdesk.quotes import QuoteFinder
from eventdesk.quotes.marks import MAX_PARAGRAPHS, paragraph_spans
from eventdesk.records import Actor, ActorMention, ParsedArticle, Quote
from eventdesk.settings import QuoteSettings
from tests.conftest import EXAMPLE_ARTICLE, ParseText, shared_path

HAMAS = Actor(name="Hamas", code="PSEREB", country="PSE", sector="REB", kind="armed_group")
PIJ = Actor(name="Palestinian Islamic Jihad", code="PSEREB", country="PSE", sector="REB", kind="armed_group")


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder.from_settings(QuoteSettings())


def found(finder: QuoteFinder, parsed: ParsedArticle, **kwargs: object) -> list[tuple[str, str | None]]:
    quotes = finder.find(parsed, **kwargs)  # type: ignore[arg-type]
    for quote in quotes:
        assert parsed.article.text[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert parsed.article.text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    return [(q.text, q.speaker.text if q.speaker else None) for q in quotes]


CASES = [
    pytest.param(  # after the quotation, inverted, with a phrase the parser hangs on the subject
        "“We will continue with resistance,” said the leaders of both movements in a joint statement.",
        [("We will continue with resistance", "the leaders of both movements")], id="after-inverted"),
    pytest.param(
        '"I pledge that this Congress will be transparent, bipartisan and unifying," Pelosi told the public.',
        [("I pledge that this Congress will be transparent, bipartisan and unifying", "Pelosi")], id="after"),
    pytest.param(
        "The minister said: \"We will not negotiate with terrorists.\"",
        [("We will not negotiate with terrorists.", "The minister")], id="colon"),
    pytest.param(
        "The foreign ministry said in a statement on Tuesday: “Israel bears full responsibility for this aggression.”",
        [("Israel bears full responsibility for this aggression.", "The foreign ministry")], id="colon-with-adjuncts"),
    pytest.param(  # a colon after a clause with no speech verb
        "Former CIA deputy director Michael Morell praised Mendez on Twitter: \"Tony was one of the best officers.\"",
        [("Tony was one of the best officers.", "Former CIA deputy director Michael Morell")], id="colon-any-verb"),
    pytest.param(
        "On the anniversary, both movements emphasised that “Jerusalem is at the heart of the struggle.”",
        [("Jerusalem is at the heart of the struggle.", "both movements")], id="that-clause"),
    pytest.param(
        "\"The talks have failed completely,\" according to a senior official.",
        [("The talks have failed completely", "a senior official")], id="according-to-after"),
    pytest.param(
        "According to the statement, \"the talks have failed and the army will respond.\"",
        [("the talks have failed and the army will respond.", "the statement")], id="according-to-before"),
    pytest.param(  # parenthetical attribution splitting one quotation in two
        "\"We will win,\" he said, \"and we will rebuild.\"",
        [("We will win", "he"), ("and we will rebuild.", "he")], id="split"),
    pytest.param(
        "\"We will not stop. The occupation must end. Our people deserve freedom,\" Smith, the party's spokesman, "
        "told reporters on Monday.",
        [("We will not stop. The occupation must end. Our people deserve freedom", "Smith, the party's spokesman")],
        id="multi-sentence"),
    pytest.param(  # the second quotation stands alone and continues the first speaker's words
        "\"We will not accept this,\" the spokesman said. \"It is a violation of international law.\"",
        [("We will not accept this", "the spokesman"), ("It is a violation of international law.", "the spokesman")],
        id="continuation"),
    pytest.param(
        "“He told me ‘never again’ and I believed him,” the witness said.",
        [("He told me ‘never again’ and I believed him", "the witness")], id="nested-single-in-double"),
    pytest.param(
        "‘We will not be intimidated by these threats,’ the prime minister told parliament.",
        [("We will not be intimidated by these threats", "the prime minister")], id="british-single"),
    pytest.param(
        "«Nous ne céderons pas», a déclaré le ministre. The minister later said: «We will not give in to threats.»",
        [("Nous ne céderons pas", None), ("We will not give in to threats.", "The minister")], id="guillemets"),
    pytest.param(
        "President Donald Trump congratulated Pelosi, saying, \"hopefully we're going to get a lot done together.\"",
        [("hopefully we're going to get a lot done together.", "President Donald Trump")], id="participle"),
    pytest.param(
        "The UN envoy, who said \"the situation is catastrophic for the civilians\", left on Monday.",
        [("the situation is catastrophic for the civilians", "The UN envoy")], id="relative-clause"),
    pytest.param(
        "Hamas issued a statement saying \"the resistance will respond to every crime\".",
        [("the resistance will respond to every crime", "Hamas")], id="statement-saying"),
    pytest.param(
        "“The deal is dead,” the minister was quoted as saying by the state news agency.",
        [("The deal is dead", "the minister")], id="quoted-as-saying"),
    pytest.param(
        "\"No,\" he said.", [("No", "he")], id="short-but-said"),
    pytest.param(  # scare quotes: short terms inside a sentence are not quotations
        "Hamas and Islamic Jihad have agreed to “continue to coordinate” their efforts.", [], id="scare-xcomp"),
    pytest.param("It was a \"very productive\" meeting, the official said.", [], id="scare-modifier"),
    pytest.param("He warned of \"dire consequences\" if the deal collapsed.", [], id="scare-after-preposition"),
    pytest.param("Hamas spokesman Hazem Qassem said the group would “respond forcefully” to any attack.", [],
                 id="scare-fragment-under-speech-verb"),
    pytest.param("Trump placed further emphasis on maintaining \"law and order.\"", [], id="scare-object"),
    pytest.param(  # no speech verb anywhere: a quotation without a speaker
        "The ministry's report described nothing; banners read \"Down with the regime and its allies\" everywhere.",
        [("Down with the regime and its allies", "banners")], id="read"),
    pytest.param(
        "Witnesses said the crowd carried a banner: \"Freedom for all political prisoners now\".",
        [("Freedom for all political prisoners now", "the crowd")], id="colon-after-reported-clause"),
    pytest.param(
        "The ministry called the report \"a pack of lies and fabrications\".",
        [("a pack of lies and fabrications", "The ministry")], id="characterisation"),
    pytest.param(  # unbalanced: a stray mark inside a sentence opens nothing that runs on
        "The so-called \"reform bill was passed on Monday.\n\n\"We will repeal it,\" the opposition leader said.",
        [("We will repeal it", "the opposition leader")], id="unbalanced-stray-open"),
    pytest.param(
        "Turnout was low.\" The count, officials said, \"will take three days to complete.\"",
        [("will take three days to complete.", "officials")], id="unbalanced-stray-close"),
    pytest.param(
        "\"Enough is enough. We are leaving this coalition today.\"\n\nThousands of people marched on Saturday.",
        [("Enough is enough. We are leaving this coalition today.", None)], id="no-speaker"),
    pytest.param(  # news convention: the quotation goes on in the next paragraph, reopened there
        "The president told reporters: \"We are ready to talk.\n\n\"But we will not be threatened by anyone.\"",
        [("We are ready to talk.\n\n\"But we will not be threatened by anyone.", "The president")],
        id="across-paragraphs"),
    pytest.param(
        "The army said in a statement:\n\n\"Our forces struck the targets and will continue to operate.\"",
        [("Our forces struck the targets and will continue to operate.", "The army")], id="colon-paragraph-before"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotations_and_speakers(finder: QuoteFinder, parse_text: ParseText, text: str,
                                 expected: list[tuple[str, str | None]]) -> None:
    assert found(finder, parse_text(text)) == expected


def test_an_unclosed_quotation_never_runs_past_a_few_paragraphs(finder: QuoteFinder, parse_text: ParseText) -> None:
    paragraphs = [f"\"Paragraph {n} of the speech goes on and on" for n in range(6)]
    parsed = parse_text("The leader said:\n\n" + "\n\n".join(paragraphs))
    quotes = finder.find(parsed)
    spans = paragraph_spans(parsed.article.text)
    for quote in quotes:
        crossed = [s for s in spans if s[0] < quote.end and s[1] > quote.start]
        assert 1 <= len(crossed) <= MAX_PARAGRAPHS
    assert [q.text[:11] for q in quotes] == ["Paragraph 0", "Paragraph 3"]
    assert quotes[-1].text.endswith("Paragraph 5 of the speech goes on and on")
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "The leader"
    assert quotes[1].speaker == quotes[0].speaker  # standing alone in the next paragraph: the same speaker


def test_speaker_actors_come_from_the_overlapping_mention(finder: QuoteFinder, parse_text: ParseText) -> None:
    text = "“We will continue with resistance,” said the leaders of both movements in a joint statement."
    parsed = parse_text(text)
    outer = mention(parsed, "the leaders of both movements", "leaders", (HAMAS, PIJ))
    inner = mention(parsed, "both movements", "movements", (HAMAS, PIJ))
    other = mention(parsed, "a joint statement", "statement", (Actor(name="nobody"),))
    (quote,) = finder.find(parsed, actors=(inner, outer, other))
    assert quote.speaker is not None and quote.speaker.text == "the leaders of both movements"
    assert quote.speaker_actors == (HAMAS, PIJ)
    (bare,) = finder.find(parsed)
    assert bare.speaker == quote.speaker and bare.speaker_actors == ()


# --------------------------------------------------------------------------- the example article


def example_body() -> str:
    """The example's body paragraphs, by hand (the extract stage is tested on its own)."""
    lines = EXAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    start = next(i for i, p in enumerate(lines) if p.startswith("The Palestinian Islamic Resistance Movement"))
    body = [p.strip() for p in lines[start:] if p.strip() and not p.startswith("READ:")]
    return "\n\n".join(body)


@pytest.fixture(scope="module")
def example(parse_text: ParseText) -> ParsedArticle:
    return parse_text(example_body(), published="2022-08-23")


def test_example_article_quotations(finder: QuoteFinder, example: ParsedArticle) -> None:
    actors = (mention(example, "the leaders of both movements", "leaders", (HAMAS, PIJ)),
              mention(example, "both movements emphasised", "movements", (HAMAS, PIJ)))
    quotes = finder.find(example, actors=actors)
    assert [q.text[:25] for q in quotes] == ["We will continue with res", "The Joint Operations Room",
                                            "Jerusalem is at the heart"]
    statement, operations_room, jerusalem = quotes
    for quote in (statement, operations_room):
        assert quote.speaker is not None and quote.speaker.text == "the leaders of both movements"
        assert quote.speaker_actors == (HAMAS, PIJ)
    assert statement.text.endswith("with all the Palestinian factions")
    assert jerusalem.speaker is not None and jerusalem.speaker.text == "both movements"
    assert jerusalem.speaker_actors == (HAMAS, PIJ)
    assert jerusalem.text.endswith("until liberation and [refugees’] return.")  # the apostrophe ends nothing
    assert not any(q.text == "continue to coordinate" for q in quotes)


# --------------------------------------------------------------------------- speech-verb files


def test_a_user_speech_verb_file_adds_a_verb(parse_text: ParseText, tmp_path) -> None:
    parsed = parse_text("“We will never surrender our land to anyone,” the commander growled.")
    assert found(QuoteFinder.from_settings(QuoteSettings()), parsed)[0][1] is None
    extra = tmp_path / "verbs.tsv"
    extra.write_text("lemma\tthat_clause\tquote_object\tnote\ngrowl\tno\tno\tmy own\n", encoding="utf-8")
    finder = QuoteFinder.from_settings(QuoteSettings(speech_verbs=(extra,)))
    assert "growl" in finder.speech_verbs
    assert found(finder, parsed) == [("We will never surrender our land to anyone", "the commander")]


@pytest.mark.parametrize(("content", "line"), [
    ("lemma\tthat_clause\tquote_object\nsay\tmaybe\tno\n", 2),
    ("lemma\tthat_clause\tquote_object\n# comment\n\nsay\n", 4),
    ("lemma\tthat_clause\tquote_object\nsay it loud\tyes\tno\n", 2),
    ("verb\tflag\n", 1),
])
def test_a_malformed_speech_verb_file_names_path_and_line(tmp_path, content: str, line: int) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"bad\.tsv:{line}: "):
        QuoteFinder.from_settings(QuoteSettings(speech_verbs=(bad,)))


def test_a_missing_speech_verb_file_is_a_data_file_error(tmp_path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        QuoteFinder.from_settings(QuoteSettings(speech_verbs=(tmp_path / "absent.tsv",)))


def test_the_shipped_list_has_the_reporting_verbs(finder: QuoteFinder) -> None:
    for lemma in ("say", "tell", "add", "state", "emphasise", "emphasize", "stress", "announce", "declare", "insist",
                  "warn", "note", "explain", "reiterate", "argue", "claim", "write", "tweet", "point out"):
        assert lemma in finder.speech_verbs, lemma


# --------------------------------------------------------------------------- real news


def test_wikinews_quotations_are_well_formed(finder: QuoteFinder, parse_text: ParseText) -> None:
    path = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:40]]
    quotes: list[Quote] = []
    for row in rows:
        parsed = parse_text(row["text"], id=row["id"])
        spans = paragraph_spans(row["text"])
        for quote in finder.find(parsed):
            assert row["text"][quote.start : quote.end] == quote.text and quote.text.strip() == quote.text
            assert len([s for s in spans if s[0] < quote.end and s[1] > quote.start]) <= MAX_PARAGRAPHS
            if quote.speaker is not None:
                assert quote.speaker.end <= quote.start or quote.speaker.start >= quote.end
            quotes.append(quote)
    assert len(quotes) > 100
    assert sum(q.speaker is not None for q in quotes) > 0.7 * len(quotes)


def mention(parsed: ParsedArticle, text: str, head_word: str, actors: tuple[Actor, ...]) -> ActorMention:
    """An actors-stage mention built by hand: ``text`` located in the article, head by word."""
    start = parsed.article.text.index(text)
    head = next(t.i for t in parsed.tokens if t.text == head_word and start <= t.start < start + len(text))
    return ActorMention(text=text, start=start, end=start + len(text), head=head, actors=actors)
