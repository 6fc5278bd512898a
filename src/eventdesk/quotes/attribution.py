"""Which verb attributes a quotation, over the dependency parse from the nlp stage.

Rules, tried in order:

1. *Governing verb.* Walk up from the quotation's words to the verbs above it. A speech verb
   ("both movements emphasised that “…”", "X said: “…”", "“…,” said X") or "according to X"
   attributes it, also through a complement clause ("X said it was “…”"). Any other verb
   embeds it ("agreed to “continue to coordinate”", "a plan called “Build Back Better”").
2. *Colon.* A quotation right after a colon belongs to the clause before it, whatever its verb
   ("X praised Y on Twitter: “…”"), also across a paragraph break ("The statement read:").
3. *Parenthetical.* When nothing outside governs the quotation ("“A,” he said, “B.”",
   "“…,” according to X"), a bare attribution next to it in its sentences, with no clausal
   object of its own and no other quotation in between, or a short "X said." sentence right
   after it.

The finder adds the fourth, *continuation*: see ``finder``.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.quotes.marks import QuoteRegion
from eventdesk.quotes.verbs import SpeechVerb, SpeechVerbs
from eventdesk.quotes.view import ParseView
from eventdesk.records import Token

# Relations by which a quotation is the whole of what a speech verb says ("“No,” he said",
# "he said: “We won.”"); a direct object counts only for verbs whose row says quote_object.
DIRECT_DEPS = frozenset({"ccomp", "parataxis", "intj", "npadvmod", "dep", "oprd", "attr", "advcl", "conj", "appos"})
CLAUSAL_OBJECTS = frozenset({"ccomp", "csubj"})
# A quotation inside a complement clause still belongs to the speech verb above it
# ("Sturgeon said it was “the moment of maximum opportunity”").
PASS_THROUGH = frozenset({"ccomp", "xcomp"})
MODIFIER_CLAUSES = frozenset({"relcl", "acl", "amod"})  # "a statement it first put out in July:"
MAX_TRAILING_TOKENS = 12  # "“…” Smith, the party's spokesman, said on Monday."


@dataclass(frozen=True, slots=True)
class Attribution:
    """The token that attributes a quotation: a speech verb, "according" of "according to",
    or the verb before a colon. ``direct``: the quotation is the whole of what the verb says
    (not a fragment of its object, nor reached through a preposition or another clause)."""

    verb: int
    direct: bool


def attribute(view: ParseView, region: QuoteRegion, verbs: SpeechVerbs) -> Attribution | None:
    """The rules of the module docstring in order; None when the quotation is embedded under
    another verb or nothing attributes it."""
    found, embedded, near = _governing_verb(view, region, verbs)
    if found is not None and near:
        return found
    introduced = _colon_clause(view, region, verbs)  # "X said the crowd carried a banner: “…”"
    if introduced is not None or found is not None or embedded:
        return introduced or found
    return _parenthetical(view, region, verbs)


def is_according(view: ParseView, token: Token) -> bool:
    return token.text.lower() == "according" and any(c.text.lower() == "to" for c in view.children[token.i])


def _governing_verb(view: ParseView, region: QuoteRegion, verbs: SpeechVerbs) -> tuple[Attribution | None, bool, bool]:
    """Walk up from each word whose head lies outside the quotation; ``embedded`` when a
    verb that is no speech verb stops the walk, ``near`` when the speech verb governs the
    quotation itself rather than a clause around it."""
    inside = view.token_range(region.start, region.end)
    embedded = False
    for token in (view.tokens[i] for i in inside):
        if token.head in inside or token.head == token.i:
            continue
        current, first_hop, through_clause = view.tokens[token.head], True, False
        while current.i not in view.quoted:
            entry = verbs.entry_of(current, view.children[current.i])
            if entry is not None and (entry.that_clause or not _is_that_clause(view, token, region)):
                direct = first_hop and _is_direct(view, token, entry, inside)
                return Attribution(current.i, direct), False, not through_clause
            if is_according(view, current):
                return Attribution(current.i, False), False, not through_clause
            if _is_clause_head(current):
                embedded = through_clause = True
                if current.dep not in PASS_THROUGH:
                    break
            if current.head == current.i:
                break
            current, first_hop = view.tokens[current.head], False
    return None, embedded, False


def _colon_clause(view: ParseView, region: QuoteRegion, verbs: SpeechVerbs) -> Attribution | None:
    """After a colon: a bare speech verb before it, else the last clause before it."""
    before = view.text[: region.open_mark].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    tokens = [t for t in view.sentence_tokens(colon, colon + 1) if t.end <= colon and t.i not in view.quoted]
    speech = [t for t in tokens if _is_bare_attribution(view, t, verbs)]
    if speech:
        return Attribution(speech[-1].i, True)
    clauses = [t for t in tokens if _is_clause_head(t) and t.dep not in MODIFIER_CLAUSES]
    return Attribution(clauses[-1].i, True) if clauses else None  # the clause right before the colon


def _parenthetical(view: ParseView, region: QuoteRegion, verbs: SpeechVerbs) -> Attribution | None:
    """The nearest bare attribution next to the quotation in its sentences, else in a short
    sentence right after it."""
    candidates = _adjacent_attributions(view, region, view.sentence_tokens(region.open_mark, region.outer_end), verbs)
    if not candidates:
        candidates = _trailing_sentence(view, region, verbs)
    if not candidates:
        return None
    nearest = min(candidates, key=lambda t: _distance(region, t))
    return Attribution(nearest.i, True)


def _trailing_sentence(view: ParseView, region: QuoteRegion, verbs: SpeechVerbs) -> list[Token]:
    """A short ``X said.`` sentence right after the quotation, in the same paragraph."""
    after = view.text[region.outer_end :]
    gap = len(after) - len(after.lstrip(" \t"))
    if after[gap : gap + 1] in ("", "\n"):
        return []
    tokens = view.sentence_tokens(region.outer_end + gap, region.outer_end + gap + 1)
    return _adjacent_attributions(view, region, tokens, verbs) if len(tokens) <= MAX_TRAILING_TOKENS else []


def _adjacent_attributions(view: ParseView, region: QuoteRegion, tokens: list[Token],
                           verbs: SpeechVerbs) -> list[Token]:
    """The bare attributions among ``tokens`` with no other quotation between them and it."""
    found = []
    for token in tokens:
        if token.i in view.quoted or not _is_bare_attribution(view, token, verbs):
            continue
        start, end = (token.end, region.open_mark) if token.end <= region.open_mark else (region.outer_end, token.start)
        if not view.quotation_between(start, end, region):
            found.append(token)
    return found


def _distance(region: QuoteRegion, token: Token) -> int:
    return region.open_mark - token.end if token.end <= region.open_mark else token.start - region.outer_end


def _is_bare_attribution(view: ParseView, token: Token, verbs: SpeechVerbs) -> bool:
    if is_according(view, token):
        return True
    if verbs.entry_of(token, view.children[token.i]) is None:
        return False
    return not any(c.dep in CLAUSAL_OBJECTS and c.i not in view.quoted for c in view.children[token.i])


def _is_direct(view: ParseView, token: Token, entry: SpeechVerb, inside: range) -> bool:
    """The quotation is the whole phrase the verb governs, not a fragment of it ("would
    “respond forcefully” to any attack"); a coordinated clause after it does not count."""
    if token.dep == "dobj" and not entry.quote_object:
        return False
    if token.dep != "dobj" and token.dep not in DIRECT_DEPS:
        return False
    phrase = view.subtree(token.i)
    for child in view.children[token.i]:
        if child.dep in ("conj", "cc") and child.i not in inside:
            phrase -= view.subtree(child.i)
    return all(i in inside or view.tokens[i].pos in ("PUNCT", "SPACE") for i in phrase)


def _is_that_clause(view: ParseView, token: Token, region: QuoteRegion) -> bool:
    if any(c.dep == "mark" and c.text.lower() == "that" for c in view.children[token.i]):
        return True
    words = view.text[: region.open_mark].split()
    return bool(words) and words[-1].lower() == "that"


def _is_clause_head(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and token.dep not in ("aux", "auxpass", "amod", "compound")
