"""What the dependency parse says about a time expression: the verb that governs it and that
verb's tense ("was attacked on Tuesday" looks back, "will meet on Tuesday" ahead)."""

from __future__ import annotations

from bisect import bisect_right

from eventdesk.dates.arithmetic import Tense
from eventdesk.dates.lexicon import Lexicon
from eventdesk.records import ParsedArticle, Token

_VERBS = ("VERB", "AUX")
_MAX_STEPS = 40  # a head chain is never longer; guards against a malformed parse


class Syntax:
    """Token lookups over one parsed article, built once per article."""

    def __init__(self, parsed: ParsedArticle, lexicon: Lexicon) -> None:
        self.tokens = parsed.tokens
        self._starts = [t.start for t in parsed.tokens]
        self._children: list[list[Token]] = [[] for _ in parsed.tokens]
        for token in parsed.tokens:
            if token.head != token.i:
                self._children[token.head].append(token)
        self._aux_cues = lexicon.tense_aux
        self._governors = lexicon.tense_governors
        self._schedules = lexicon.tense_schedules

    def token_indices(self, start: int, end: int) -> range:
        """The tokens overlapping the character span [start, end)."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        while first < len(self.tokens) and self.tokens[first].end <= start:
            first += 1
        last = bisect_right(self._starts, end - 1) if end > start else first
        return range(first, max(first, last))

    def span_root(self, start: int, end: int) -> int | None:
        """The token of the span whose head lies outside it (the first such one)."""
        indices = self.token_indices(start, end)
        for i in indices:
            head = self.tokens[i].head
            if head == i or head not in indices:
                return i
        return None

    def governing_verb(self, start: int, end: int) -> int | None:
        """The nearest verb above the span in the dependency tree, or None (a verbless caption)."""
        i = self.span_root(start, end)
        for _ in range(_MAX_STEPS):
            if i is None or self.tokens[i].head == i:
                return None
            i = self.tokens[i].head
            if self.tokens[i].pos in _VERBS:
                return i
        return None

    def tense(self, start: int, end: int) -> Tense:
        """Past, present or future, from the governing verb (present when there is none)."""
        tense, verb = self._tense_of(self.governing_verb(start, end))
        if tense == "present" and verb is not None and self._scheduled(verb):
            return "future"  # "elections are expected in mid-June", "the vote is due on Monday"
        return tense

    def _tense_of(self, verb: int | None) -> tuple[Tense, int | None]:
        """The tense and the verb that showed it, climbing from infinitives and gerunds."""
        for _ in range(_MAX_STEPS):
            if verb is None:
                return "present", None
            token = self.tokens[verb]
            auxiliaries = [c for c in self._children[verb] if c.dep in ("aux", "auxpass") and c.tag != "TO"]
            cued = {self._aux_cues.get(a.text.lower()) or self._aux_cues.get(a.lemma.lower()) for a in auxiliaries}
            if "past" in cued:
                return "past", verb  # perfect: "has met", "may have met"
            if "future" in cued:
                return "future", verb
            if any(c.tag == "TO" for c in self._children[verb]) or token.dep == "xcomp":
                head = self.tokens[token.head]
                if head.i != verb and self._governors.get(head.lemma.lower()) == "future":
                    return "future", verb  # "plans to meet", "is to begin", "is going to vote"
                verb = head.i if head.i != verb else None
                continue
            tensed = [a for a in auxiliaries if "Tense=" in a.morph]
            if tensed:  # "was held", "is meeting"
                return ("past" if any("Tense=Past" in a.morph for a in tensed) else "present"), verb
            if "Tense=Past" in token.morph:
                return "past", verb  # "attacked", or a bare participle: "attacks launched on August 5"
            if "Tense=Pres" in token.morph and token.tag != "VBG":
                return "present", verb
            verb = self._next_verb_up(verb)  # a gerund or bare infinitive: ask the clause above
        return "present", None

    def _scheduled(self, verb: int) -> bool:
        words = [self.tokens[verb], *(c for c in self._children[verb] if c.dep in ("acomp", "oprd", "attr"))]
        return any(self._schedules.get(w.lemma.lower()) == "future" for w in words)

    def _next_verb_up(self, i: int) -> int | None:
        for _ in range(_MAX_STEPS):
            head = self.tokens[i].head
            if head == i:
                return None
            i = head
            if self.tokens[i].pos in _VERBS:
                return i
        return None
