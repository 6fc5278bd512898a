"""An attribute ruler's ``Matcher`` patterns, compiled into tests on token attribute values.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token for every pattern and then a Python
loop over every match. Nearly all of its rules look at one token's plain attribute values (its
tag, lower-case form, dependency label, whitespace flag), so whether a rule applies to a token
depends only on those values: ``RulePlan`` says which rules apply to a token given them, once
per distinct combination. The compilation keeps the ``Matcher``'s semantics for what it accepts
(an exact value, ``IN``, ``NOT_IN``, ``REGEX`` on a string attribute; several conditions on one
token are a conjunction; a pattern of several tokens matches consecutive tokens anywhere in the
doc) and leaves every other pattern (an ``OP``, an extension attribute, ``FUZZY``, a comparison,
``MORPH`` sets...) to a ``Matcher``, as ``RulePlan.leftovers``.

Each distinct condition gets one bit; a token's "mask" has the bits of the conditions its values
pass. A one-token pattern applies where its bits are all in the mask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IDS,
    IS_ALPHA,
    IS_CURRENCY,
    IS_OOV_DEPRECATED,
    LEMMA,
    LOWER,
    MORPH,
    NORM,
    ORTH,
    POS,
    PREFIX,
    SHAPE,
    SUFFIX,
    TAG,
)
from spacy.strings import StringStore, get_string_id

# The attributes whose matcher value is the token's stored value as ``Doc.to_array`` reads it:
# string hashes and the lexeme's boolean flags (not SENT_START, which the Matcher reads apart).
STRING_COLUMNS = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LEMMA, POS, TAG, DEP, ENT_TYPE})
FLAG_COLUMNS = frozenset(range(IS_ALPHA, IS_CURRENCY + 1)) - {IS_OOV_DEPRECATED}
# The attributes a rule may set for the fast path: plain token fields that ``Doc.from_array``
# writes exactly as ``set_token_attrs`` does (nothing on the lexeme, no extension, no entity).
TOKEN_OUTPUTS = frozenset({POS, TAG, DEP, LEMMA, MORPH})

Kind = Literal["in", "not_in", "regex"]


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on one attribute: value in ``values``, not in them, or ``pattern`` searched in
    the attribute's string."""

    column: int
    kind: Kind
    values: frozenset[int] = frozenset()
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    """A pattern of two or more tokens: each position's condition bits, which of its tokens
    (``target``, from 0) the rule writes to, and the most selective bit of its first token's
    (``anchor``; 0 where the first token has no condition)."""

    needs: tuple[int, ...]
    target: int
    order: int
    anchor: int


@dataclass(slots=True)
class ColumnTests:
    """The conditions on one attribute, indexed by value: a value's bits are those of the ``IN``
    conditions that list it, of the ``NOT_IN`` conditions that do not, and of the regexes that
    find something in its string."""

    column: int
    listed: dict[int, int] = field(default_factory=dict)
    unlisted_all: int = 0
    unlisted: dict[int, int] = field(default_factory=dict)
    regexes: list[tuple[re.Pattern[str], int]] = field(default_factory=list)

    def add(self, condition: Condition, bit: int) -> None:
        if condition.kind == "regex":
            self.regexes.append((re.compile(condition.pattern), bit))
            return
        table = self.listed if condition.kind == "in" else self.unlisted
        if condition.kind == "not_in":
            self.unlisted_all |= bit
        for value in condition.values:
            table[value] = table.get(value, 0) | bit

    def bits(self, value: int, strings: StringStore) -> int:
        bits = self.listed.get(value, 0) | (self.unlisted_all & ~self.unlisted.get(value, 0))
        if self.regexes:
            text = strings[value]
            for regex, bit in self.regexes:
                if regex.search(text):
                    bits |= bit
        return bits


@dataclass(slots=True)
class RulePlan:
    """What the rules need to know about a token (``columns``), how its values become a mask
    (``tests``), which one-token patterns apply to a mask (``anchored`` by one of their bits, or
    ``always`` for an empty pattern), the longer patterns (``runs``) and the patterns left to a
    ``Matcher`` (``leftovers``: rule order and patterns)."""

    columns: tuple[int, ...] = ()
    tests: tuple[ColumnTests, ...] = ()
    anchored: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    always: frozenset[int] = frozenset()
    runs: tuple[Run, ...] = ()
    leftovers: list[tuple[int, list[list[dict[str, Any]]]]] = field(default_factory=list)

    def orders(self, mask: int) -> frozenset[int]:
        """The rules (by order) whose one-token patterns a token with this mask matches."""
        found = set(self.always)
        rest = mask
        while rest:
            low = rest & -rest
            for need, order in self.anchored.get(low, ()):
                if mask & need == need:
                    found.add(order)
            rest ^= low
        return frozenset(found)


def compile_rules(patterns: Sequence[Mapping[str, Any]], outputs: Sequence[Mapping[int | str, Any]],
                  indices: Sequence[int]) -> RulePlan | None:
    """The plan for an attribute ruler's rules (its ``patterns``, normalized ``attrs`` and
    ``indices``, in rule order), or None where a rule writes something other than plain token
    fields or points outside its own pattern (spaCy's ruler then does all the work, errors
    included)."""
    if any(not set(attrs) <= TOKEN_OUTPUTS for attrs in outputs):
        return None
    bits: dict[Condition, int] = {}
    singles: list[tuple[list[Condition], int]] = []
    runs: list[tuple[list[list[Condition]], int, int]] = []
    plan = RulePlan()
    for order, (rule, index) in enumerate(zip(patterns, indices, strict=True)):
        for pattern in rule["patterns"]:
            if not -len(pattern) <= index < len(pattern):
                return None
            specs = [conditions_of(spec) for spec in pattern]
            if any(spec is None for spec in specs):
                plan.leftovers.append((order, [pattern]))
                continue
            known = [spec for spec in specs if spec is not None]
            for condition in (c for spec in known for c in spec):
                bits.setdefault(condition, 1 << len(bits))
            if len(known) == 1:
                singles.append((known[0], order))
            else:
                runs.append((known, index % len(known), order))
    _fill(plan, bits, singles, runs)
    return plan


def _fill(plan: RulePlan, bits: dict[Condition, int], singles: list[tuple[list[Condition], int]],
          runs: list[tuple[list[list[Condition]], int, int]]) -> None:
    tests: dict[int, ColumnTests] = {}
    for condition, bit in bits.items():
        tests.setdefault(condition.column, ColumnTests(condition.column)).add(condition, bit)
    plan.columns = tuple(sorted(tests))
    plan.tests = tuple(tests[column] for column in plan.columns)
    always = set()
    for conditions, order in singles:
        if not conditions:
            always.add(order)
            continue
        need = _need(conditions, bits)
        plan.anchored.setdefault(bits[_anchor(conditions)], []).append((need, order))
    plan.always = frozenset(always)
    plan.runs = tuple(Run(needs=tuple(_need(spec, bits) for spec in specs), target=target, order=order,
                          anchor=bits[_anchor(specs[0])] if specs[0] else 0)
                      for specs, target, order in runs)


def _need(conditions: list[Condition], bits: dict[Condition, int]) -> int:
    need = 0
    for condition in conditions:
        need |= bits[condition]
    return need


def _anchor(conditions: list[Condition]) -> Condition:
    """The most selective condition: a token passes few ``IN`` lists, most ``NOT_IN`` ones."""
    return min(conditions, key=lambda c: (c.kind != "in", len(c.values)))


def conditions_of(spec: Mapping[str | int, Any]) -> list[Condition] | None:
    """One token's pattern as conditions, or None where it uses something not compiled here."""
    conditions: list[Condition] = []
    for key, value in spec.items():
        column = _column(key)
        if column is None:
            return None
        if not isinstance(value, dict):
            exact = _value_id(value)
            if exact is None:
                return None
            conditions.append(Condition(column, "in", frozenset({exact})))
            continue
        for predicate, operand in value.items():
            condition = _condition(column, predicate, operand)
            if condition is None:
                return None
            conditions.append(condition)
    return conditions


def _column(key: str | int) -> int | None:
    if isinstance(key, str):
        name = key.upper()
        column = IDS.get("ORTH" if name == "TEXT" else name)
    else:
        column = key
    return column if column in STRING_COLUMNS or column in FLAG_COLUMNS else None


def _condition(column: int, predicate: str, operand: Any) -> Condition | None:
    if predicate in ("IN", "NOT_IN") and isinstance(operand, list | tuple):
        values = [_value_id(v) for v in operand]
        if any(v is None for v in values):
            return None
        kind: Kind = "in" if predicate == "IN" else "not_in"
        return Condition(column, kind, frozenset(v for v in values if v is not None))
    if predicate == "REGEX" and isinstance(operand, str) and column in STRING_COLUMNS:
        return Condition(column, "regex", pattern=operand)
    return None


def _value_id(value: Any) -> int | None:
    """The value as the Matcher compares it: a string's hash (or symbol), a bool as 0/1."""
    if isinstance(value, str | bool | int):
        return int(get_string_id(value)) if isinstance(value, str) else int(value)
    return None
