"""The date grammar's first-character gate: the same matches as the patterns without it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventdesk.dates.gate import case_probe, gated, needed_words
from eventdesk.dates.grammar import Grammar
from eventdesk.dates.lexicon import load_lexicon
from tests.conftest import shared_path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hamas-islamic-jihad-coordination.txt"
TEXTS = [
    "On Tuesday, March 3rd 2020 - March 9 the 1990s ended; late 2019, mid-July and the early '80s.",
    "THE NEXT DAY, three weeks ago, last weekend, in the fall of 2014, Christmas Eve, on 12/25/2021.",
    "2021-02-29 and 2024-02-29; between Monday and Wednesday; the 21st century; the twentieth century.",
    "the fourth of July, 4th of July 1776, Jan. 5, sept 1st, MAY 2020 and may; ſeptember ſunday.",  # long s
    "Kelvin's \u212aelvin sign; İstanbul on İndependence Day, ‘the ’90s’ and the 1800s… (2000%) $2000",
]


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar(load_lexicon())


def test_every_grammar_pattern_is_gated_and_finds_the_same_matches(grammar: Grammar) -> None:
    texts = [*TEXTS, EXAMPLE.read_text(encoding="utf-8")]
    for pattern, _ in grammar._patterns:
        assert pattern.pattern.startswith("(?=[")
        plain = re.compile(pattern.pattern.split("]", 1)[1][1:], re.IGNORECASE)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == expected, plain.pattern[:60]


def test_the_gate_lists_the_first_characters_through_optional_parts() -> None:
    assert gated(r"\b(?:early\s+)?(?P<m>june|july)\b") == r"(?=[ej])\b(?:early\s+)?(?P<m>june|july)\b"
    assert gated(r"\b(?:the\s+)?(?P<d>\d{4})s") == r"(?=[\dt])\b(?:the\s+)?(?P<d>\d{4})s"
    assert gated(r"[0-3]?\d") == r"(?=[0-3\d])[0-3]?\d"


def test_a_pattern_it_cannot_bound_is_left_unchanged() -> None:
    for source in (r"\b.ay", r"(?:today)?", r"[^a]b", r"\b(?:x|.)", r"(a)?\1"):
        assert gated(source) == source


def test_the_case_probe_maps_every_character_ignorecase_equates_with_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = [chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))]
    assert twins  # the dotted and dotless I, the Kelvin sign and the long s in today's re
    for twin in twins:
        probed = case_probe(twin)
        assert probed.isascii() and probed.islower() and re.fullmatch(probed, twin, re.IGNORECASE), hex(ord(twin))


def test_needed_words_come_from_literal_runs_every_match_must_have() -> None:
    assert needed_words(r"\b(?:early\s+)?(?P<m>june|may)\s+\d+") == {"june", "may"}
    assert needed_words(r"june|july") == {"ju"}  # re's parser takes the common start out of the branches
    assert needed_words(r"(?:the\s+)?twenty\-first\s+century") == {"twenty-first"}  # the longest run wins
    assert needed_words(r"\bthe\s+(?:mid\s+)?(?P<d>\d{4})s") == {"the"}  # an optional part needs nothing
    assert needed_words(r"(?:Spring|FALL)+ of") == {"spring", "fall"}  # in lower case; repeated once at least
    for source in (r"\b\d{4}\b", r"(?:today|\d+)", r"(?:x)?", r"(?:ab|)"):
        assert needed_words(source) is None


def test_every_match_of_a_pattern_contains_one_of_its_needed_words(grammar: Grammar) -> None:
    texts = [*TEXTS, EXAMPLE.read_text(encoding="utf-8")]
    corpus = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    texts += [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for pattern, _ in [*grammar._patterns, (grammar._names, None)]:
        needed = needed_words(pattern.pattern)
        for text in texts:
            for match in pattern.finditer(text):
                assert needed is None or any(w in case_probe(match.group()) for w in needed), match.group()
                checked += needed is not None
    assert checked > 1000
