"""The actor scan's shortcuts (tokens ruled out per article, lookups stopped at the first word
prefix no alias key begins with, sector lookups skipped) find exactly what looking up every
span finds, on real parses with ASCII and non-ASCII text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventdesk.actors import ActorResolver
from eventdesk.actors.dictionary import ActorDictionary, AliasTarget
from eventdesk.actors.names import _can_start, _dictionary_matches, _inside_longer_name
from eventdesk.actors.syntax import ParseView
from eventdesk.records import ParsedArticle
from eventdesk.settings import ActorSettings

ParseText = Callable[..., ParsedArticle]

SENTENCES = [
    "The UN Security Council met on Monday, and the United Nations General Assembly voted.",
    "The European Union and the African Union condemned the attack by Islamic Jihad fighters.",
    "Israel’s army said the U.S.-backed Syrian Democratic Forces and Hezbollah’s fighters clashed.",
    "Naïve reports said the Palestinian Islamic Jihad and Hamas — with Égypte’s help — agreed.",
    "the united nations security council and THE NATO alliance; National Security Council staff.",
    "Foreign Minister Sergei Lavrov of Russia met Iranian foreign ministry officials in Tehran.",
    "Hamas—the group—and the European Union—with the UN Security Council—met the NATO—Russia Council…",
]


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorResolver.from_settings(ActorSettings()).dictionary


def every_span(view: ParseView, dictionary: ActorDictionary) -> list[tuple[int, int, AliasTarget]]:
    """The scan without shortcuts: every start, every end, longest first, "the" rule included."""

    def longest(start: int) -> tuple[int, AliasTarget] | None:
        if not _can_start(view.token(start), {}):
            return None
        tokens, last, sentence = view.tokens, start, view.token(start).sentence
        limit = min(len(tokens), start + dictionary.max_alias_tokens)
        while last + 1 < limit and tokens[last + 1].sentence == sentence and tokens[last + 1].pos != "SPACE":
            last += 1
        for end in range(last + 1, start, -1):
            target = dictionary.lookup(view.text(start, end))
            if target is not None and not _inside_longer_name(view, start, end):
                return end, target
        return None

    found, i = [], 0
    while i < len(view.tokens):
        here = longest(i)
        best = (i, *here) if here is not None else None
        if view.token(i).text.lower() == "the" and i + 1 < len(view.tokens):
            after = longest(i + 1)
            if after is not None and (here is None or after[0] > here[0]):
                best = (i + 1, *after)
        if best is None:
            i += 1
            continue
        found.append(best)
        i = best[1]
    return found


@pytest.mark.parametrize("sentence", SENTENCES)
def test_scan_finds_what_every_lookup_finds(parse_text: ParseText, dictionary: ActorDictionary, sentence: str) -> None:
    view = ParseView.of(parse_text(sentence))
    expected = every_span(view, dictionary)
    assert expected, "each sentence names at least one actor"
    assert [(c.start, c.end, c.actors[0]) for c in _dictionary_matches(view, dictionary)] == [
        (start, end, target.actor) for start, end, target in expected
    ]


def test_key_prefixes_and_sector_last_words(dictionary: ActorDictionary) -> None:
    for key in dictionary.aliases:
        words = key.split(" ")
        assert all(" ".join(words[:n]) in dictionary.key_prefixes for n in range(1, len(words) + 1)), key
    assert dictionary.sector_last_words >= {key.rsplit(" ", 1)[-1] for key in dictionary.sectors}
    assert "minister" in dictionary.sector_last_words and "the" not in dictionary.sector_last_words


def test_characters_no_key_can_contain(dictionary: ActorDictionary) -> None:
    assert dictionary.in_no_key("\u2014") and dictionary.in_no_key("\u201c")  # em dash, opening quote
    for char in ("a", " ", "\u2019", "\u2013", "\u2026", "\u00e9", "\u00c9", "\u00a0", "\u0301", "\ufb01"):
        assert not dictionary.in_no_key(char), char  # ASCII, folded to ASCII (an ellipsis: "..."), a space
    assert all(not dictionary.in_no_key(char) for char in dictionary.key_characters)
