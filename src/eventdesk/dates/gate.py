"""Cheap gates for the grammar's case-insensitive patterns.

Python's ``re`` cannot skip ahead for a pattern that starts with ``\\b`` and a case-insensitive
alternation: it tries every alternative at every word boundary. ``gated(source)`` prefixes a
pattern with a lookahead for the characters its matches can start with (``(?=[adefjlmnostw])``),
computed from the parsed pattern, so most positions fail on one character-class test. The
lookahead only rules out positions where no match can start, so the matches are the same.

Most patterns match in few texts (holidays, seasons, decades), yet each still costs a scan of the
whole text. ``needed_words(source)`` names strings one of which every match contains (the month
names for "March 3"); where none of them is in ``case_probe(text)`` the scan is skipped: it could
find nothing.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)

# The characters other than an ASCII letter's two cases that ``re.IGNORECASE`` matches to it:
# dotted and dotless I, the Kelvin sign, the long s (checked over every code point by the tests).
_ASCII_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})

# what a parsed sequence can start with: the class items, and whether it can match empty;
# None when it can start with anything the gate cannot express
_First = tuple[list[str], bool] | None


def gated(source: str, flags: int = re.IGNORECASE) -> str:
    """``source`` behind a lookahead for its possible first characters (unchanged when unknown)."""
    first = _first(_parser.parse(source, flags))
    if first is None or first[1] or not first[0]:
        return source
    return f"(?=[{''.join(sorted(set(first[0])))}]){source}"


def _first(items: Any) -> _First:
    """The first characters of a sequence of parsed items: the union over its leading
    zero-width and optional items, up to the first one that must consume a character."""
    chars: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        found = _first_of_item(op, av)
        if found is None:
            return None
        chars += found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _first_of_item(op: Any, av: Any) -> _First:
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return _charset(av)
    if op is sre.SUBPATTERN:
        return _first(av[3])
    if op is sre.BRANCH:
        return _union([_first(branch) for branch in av[1]])
    if op in _REPEATS:
        found = _first(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0)
    return None


def _charset(items: Any) -> _First:
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            chars.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            chars.append(_CATEGORIES[av])
        else:
            return None
    return chars, False


def _union(found: list[_First]) -> _First:
    chars: list[str] = []
    empty = False
    for one in found:
        if one is None:
            return None
        chars += one[0]
        empty = empty or one[1]
    return chars, empty


def case_probe(text: str) -> str:
    """The text where a needed word is looked for: every character ``re.IGNORECASE`` matches to an
    ASCII letter becomes that letter in lower case (other characters may change too: no harm,
    a word found where no match is only costs the scan)."""
    return text.translate(_ASCII_CASE_TWINS).lower()


def needed_words(source: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``source`` contains (a run of literal
    characters that every match must have, or one such run from each branch of an alternation that
    it must have); None when the pattern names none (a lone ``\\d{4}``)."""
    return _needed(_parser.parse(source, flags))


def _needed(items: Any) -> frozenset[str] | None:
    """The most telling set over a sequence's required items and runs of ASCII literals."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # a sentinel ends the last run
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            best = _more_telling(best, frozenset({"".join(run)}))
            run = []
        if op is not None:
            best = _more_telling(best, _needed_of_item(op, av))
    return best


def _needed_of_item(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _needed(av[3])
    if op is sre.BRANCH:
        branches = [_needed(branch) for branch in av[1]]
        return None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS and av[0] >= 1:  # repeated at least once: what the body needs
        return _needed(av[2])
    return None


def _more_telling(one: frozenset[str] | None, other: frozenset[str] | None) -> frozenset[str] | None:
    """The set whose shortest string is longer (rarer in text), then the smaller set."""
    if one is None or other is None:
        return one or other
    return min(one, other, key=lambda words: (-min(map(len, words)), len(words)))
