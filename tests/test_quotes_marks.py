"""Pairing quotation marks from the characters alone (no parse)."""

from __future__ import annotations

import pytest

from eventdesk.quotes.marks import count_words, find_quote_regions, paragraph_spans


def regions(text: str) -> list[str]:
    return [text[r.start : r.end] for r in find_quote_regions(text)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("“We will continue,” said the leaders.", ["We will continue"], id="typographic-comma-trimmed"),
    pytest.param('He said, "We won." Then: "We go."', ["We won.", "We go."], id="straight-alternating"),
    pytest.param("«Nous allons gagner», a dit le ministre.", ["Nous allons gagner"], id="guillemets"),
    pytest.param("‘We want our rights’ said the protesters.", ["We want our rights"], id="british-single"),
    pytest.param("‘The refugees’ return is key,’ they added.", ["The refugees’ return is key"],
                 id="plural-possessive-is-no-close"),
    pytest.param("“It is [refugees’] return,” he said.", ["It is [refugees’] return"], id="apostrophe-inside-double"),
    pytest.param("“He told me ‘never again’ today,” she said.", ["He told me ‘never again’ today"], id="nested"),
    pytest.param("He didn't say it and won't, the Smiths' lawyer said.", [], id="apostrophes-only"),
    pytest.param('A 12" pipe burst, and "the flat flooded," she said.', ["the flat flooded"], id="inch-mark"),
    pytest.param('Turnout was low." The count "will take days."', ["will take days."], id="stray-close-ignored"),
    pytest.param('The so-called "reform was passed on Monday.', [], id="stray-open-mid-paragraph-dropped"),
    pytest.param('He said: "We will win the vote on Monday.', ["We will win the vote on Monday."],
                 id="introduced-unclosed-ends-at-paragraph"),
    pytest.param('He said: "We will win.\n\n"We will fight on," he added.', ['We will win.\n\n"We will fight on'],
                 id="continued-paragraph"),
    pytest.param('He said: "We will win.\n\nThe crowd cheered.', ["We will win."], id="not-continued"),
    pytest.param('“Once.\n\n“Twice.\n\n“Thrice.\n\n“Four times.”', ["Once.\n\n“Twice.\n\n“Thrice.", "Four times."],
                 id="at-most-three-paragraphs"),
    pytest.param("He said ”sloppy marks here” too.", ["sloppy marks here"], id="direction-from-context"),
    pytest.param('"A" "B"', ["A", "B"], id="adjacent"),
    pytest.param('""', [], id="empty"),
])
def test_regions(text: str, expected: list[str]) -> None:
    assert regions(text) == expected


def test_regions_record_their_marks_and_paragraphs() -> None:
    text = 'Intro.\n\nHe said: "One.\n\n"Two," he added.'
    (region,) = find_quote_regions(text)
    assert text[region.open_mark] == '"' and region.close_mark is not None and text[region.close_mark] == '"'
    assert (region.first_paragraph, region.last_paragraph) == (1, 2)
    assert region.outer_end == region.close_mark + 1


def test_paragraphs_are_the_non_blank_lines() -> None:
    text = "  First line. \n\n\nSecond\nThird  \n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["First line.", "Second", "Third"]


@pytest.mark.parametrize(("text", "words"), [("continue to coordinate", 3), ("don’t stop-gap it", 3), ("...", 0)])
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
