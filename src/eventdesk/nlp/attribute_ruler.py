"""spaCy's attribute ruler with the same output for a fraction of its CPU.

spaCy's ``AttributeRuler`` (POS, morphology and some lemmas from the tagger's tags: 179 rules in
the English pipelines) runs a ``Matcher`` of every rule over every token, then sets each match's
attributes through a ``Span`` and ``set_token_attrs`` in a Python loop: about an eighth of the
pipeline's CPU for what is a table lookup. ``FastAttributeRuler`` is that ruler (the same
patterns, serialization, scorer, and spaCy's own code wherever it is asked for), whose
``__call__`` instead

- reads the attributes its rules look at with one ``Doc.to_array`` call, and for each distinct
  combination of values (a token's "signature") works out once which one-token rules apply
  (``RulePlan``) and what they write, merged in rule order;
- finds the matches of the few patterns of two or more tokens from the same per-token tests, and
  those of any pattern the plan does not compile (an ``OP``, an extension...) with a ``Matcher``
  of those patterns only;
- writes the result with one ``Doc.from_array``.

spaCy's semantics are kept: every match is found on the unchanged doc, then applied in rule
order (a later rule overrides an earlier one), at the token its ``index`` points to. Where a
rule writes anything but POS, TAG, DEP, LEMMA or MORPH, or points outside its own pattern,
spaCy's own ``__call__`` does the work. ``load_pipeline`` puts it in place of a loaded pipeline's
``attribute_ruler`` (same name, same place).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.types import Ints2d

from eventdesk.nlp.rule_plan import RulePlan, compile_rules

FACTORY = "eventdesk_attribute_ruler"
# Distinct signatures remembered, about 330 bytes each (16 MB at most); past it the memo starts
# again. The 293 Wikinews texts (270,000 tokens) have 41,730.
MEMO_LIMIT = 50_000

Hits = dict[int, set[int]]  # token index -> orders of the rules that write to it


class FastAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``__call__`` looks rules up per token signature."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable[..., dict[str, Any]] | None = attribute_ruler_score) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._annotator: RuleAnnotator | None = None
        self._stale = True  # the rules changed since the annotator was built

    def __call__(self, doc: Doc) -> Doc:
        annotator = self._current_annotator()
        if annotator is None:
            return super().__call__(doc)
        try:
            annotator.annotate(doc)
        except Exception as err:
            return self.get_error_handler()(self.name, self, [doc], err)
        return doc

    @property
    def plan(self) -> RulePlan | None:
        """The compiled rules, or None where spaCy's own ``__call__`` does the work."""
        annotator = self._current_annotator()
        return None if annotator is None else annotator.plan

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._stale = True

    def clear(self) -> None:
        super().clear()
        self._stale = True

    def _current_annotator(self) -> RuleAnnotator | None:
        if self._stale:
            plan = compile_rules(self.patterns, self.attrs, self.indices)
            self._annotator = None if plan is None else RuleAnnotator(plan, self.attrs, self.indices, self.vocab,
                                                                      validate=self.validate)
            self._stale = False
        return self._annotator


@Language.factory(FACTORY, default_config={"validate": False,
                                          "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool,
                              scorer: Callable[..., dict[str, Any]] | None) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def speed_up_attribute_rulers(nlp: Language) -> None:
    """Put a ``FastAttributeRuler`` with the same rules, name and settings in place of every
    plain ``AttributeRuler`` of the pipeline."""
    for name, component in list(nlp.pipeline):
        if type(component) is not AttributeRuler:
            continue
        config = {key: value for key, value in nlp.config["components"][name].items() if key != "factory"}
        fast = nlp.replace_pipe(name, FACTORY, config=config)
        assert isinstance(fast, FastAttributeRuler)
        fast.add_patterns(component.patterns)


class RuleAnnotator:
    """Applies a compiled ``RulePlan`` to docs. It remembers each signature's effect and mask (up
    to ``MEMO_LIMIT`` of them), each mask's effect, and each distinct set of rules' merged writes
    (an "effect": a few hundred at most)."""

    def __init__(self, plan: RulePlan, attrs: list[dict[Any, Any]], indices: list[int], vocab: Vocab, *,
                 validate: bool) -> None:
        self.plan = plan
        self._attrs = attrs
        self._indices = indices
        self._outputs = sorted({int(attr) for rule in attrs for attr in rule})
        self._written: list[int | str] = [*self._outputs]  # the same, typed as Doc.from_array takes them
        self._columns: list[int | str] = [*plan.columns, *self._outputs]
        self._anchors = _run_anchors(plan)
        self._signatures: dict[tuple[int, ...], tuple[int, int]] = {}  # -> (effect, mask)
        self._value_bits: list[dict[int, int]] = [{} for _ in plan.columns]  # per attribute: value -> bits
        self._mask_effects: dict[int, int] = {}
        self._effects: dict[frozenset[int], int] = {}
        self._effect_orders: list[frozenset[int]] = []
        self._rows: list[tuple[list[int], list[bool]]] = []
        self._tables: tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]] | None = None
        self._effect(frozenset())  # effect 0: no rule, nothing written
        self._matcher = Matcher(vocab, validate=validate)
        self._order_of: dict[int, int] = {}
        for order, patterns in plan.leftovers:
            self._matcher.add(str(order), patterns)
            self._order_of[vocab.strings[str(order)]] = order

    def annotate(self, doc: Doc) -> None:
        if not len(doc) or not self._outputs:
            return
        array = doc.to_array(self._columns)
        width = len(self.plan.columns)
        keys: Iterable[tuple[int, ...]] = zip(*array[:, :width].T.tolist(), strict=True) if width else [()] * len(doc)
        memo, resolve, strings = self._signatures, self._resolve, doc.vocab.strings
        entries = [memo.get(key) or resolve(key, strings) for key in keys]
        effects = [effect for effect, _ in entries]
        for target, orders in self._more_hits(doc, [mask for _, mask in entries]).items():
            effects[target] = self._effect(self._effect_orders[effects[target]] | orders)
        if not any(effects):
            return
        values, written = self._effect_tables()
        ids = np.asarray(effects, dtype=np.intp)
        doc.from_array(self._written, cast(Ints2d, np.where(written[ids], values[ids], array[:, width:])))

    def _resolve(self, key: tuple[int, ...], strings: StringStore) -> tuple[int, int]:
        """A new signature's effect and mask, from each value's bits (remembered per attribute:
        a word form's regexes run once, whatever its tag) and each mask's rules."""
        if len(self._signatures) >= MEMO_LIMIT:
            self._signatures.clear()
            for known in self._value_bits:
                known.clear()
        mask = 0
        for known, tests, value in zip(self._value_bits, self.plan.tests, key, strict=True):
            bits = known.get(value)
            if bits is None:
                bits = known[value] = tests.bits(value, strings)
            mask |= bits
        effect = self._mask_effects.get(mask)
        if effect is None:
            effect = self._mask_effects[mask] = self._effect(self.plan.orders(mask))
        entry = self._signatures[key] = (effect, mask)
        return entry

    def _effect(self, orders: frozenset[int]) -> int:
        """The id of what these rules write together: each attribute from the last rule that sets it."""
        effect = self._effects.get(orders)
        if effect is None:
            merged: dict[int, int] = {}
            for order in sorted(orders):
                merged.update({int(attr): value for attr, value in self._attrs[order].items()})
            self._rows.append(([merged.get(attr, 0) for attr in self._outputs],
                               [attr in merged for attr in self._outputs]))
            effect = self._effects[orders] = len(self._effect_orders)
            self._effect_orders.append(orders)
        return effect

    def _effect_tables(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
        if self._tables is None or len(self._tables[0]) != len(self._rows):
            self._tables = (np.array([values for values, _ in self._rows], dtype=np.uint64),
                            np.array([written for _, written in self._rows], dtype=np.bool_))
        return self._tables

    def _more_hits(self, doc: Doc, masks: list[int]) -> Hits:
        """The tokens that the patterns of several tokens, and those left to the Matcher, write to."""
        hits: Hits = {}
        if self.plan.runs:
            self._run_hits(masks, hits)
        if self._order_of:
            for match_id, start, end in self._matcher(doc, allow_missing=True, as_spans=False):
                order = self._order_of[match_id]
                hits.setdefault(self._target(doc, order, start, end), set()).add(order)
        return hits

    def _run_hits(self, masks: list[int], hits: Hits) -> None:
        count = len(masks)
        anchors = self._anchors
        starts = range(count) if anchors is None else [i for i, mask in enumerate(masks) if mask & anchors]
        for start in starts:
            for run in self.plan.runs:
                if start + len(run.needs) <= count and all(
                        masks[start + offset] & need == need for offset, need in enumerate(run.needs)):
                    hits.setdefault(start + run.target, set()).add(run.order)

    def _target(self, doc: Doc, order: int, start: int, end: int) -> int:
        """The token a Matcher match writes to, with spaCy's error where its index is outside it."""
        index = self._indices[order]
        try:
            return range(start, end)[index]
        except IndexError:
            patterns = self._matcher.get(str(order))[1]
            span = [token.text for token in doc[start:end]]
            raise ValueError(Errors.E1001.format(patterns=patterns, span=span, index=index)) from None


def _run_anchors(plan: RulePlan) -> int | None:
    """The runs' anchor bits together (a token with none of them starts no run); None where a run
    starts with a token of no condition (every token may start one)."""
    anchors = 0
    for run in plan.runs:
        if not run.anchor:
            return None
        anchors |= run.anchor
    return anchors
