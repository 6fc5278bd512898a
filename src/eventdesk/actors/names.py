"""Named actor spans: dictionary matches over the tokens, then NER spans the dictionary missed."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from eventdesk.actors.dictionary import ActorDictionary, AliasTarget, fold_text
from eventdesk.actors.syntax import ParseView
from eventdesk.records import Actor, Token

CandidateSource = Literal["name", "demonym", "metonym", "ner", "sector", "person", "coref"]

# NER labels that name actors; places (GPE, LOC, FAC) are actors only through the dictionary.
ACTOR_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NON_ACTOR_ENTITY_LABELS = frozenset({"LANGUAGE", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "DATE", "TIME"})
_WORD = re.compile(r"\S+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A token span (``start`` .. ``end - 1``) naming or referring to actors."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    source: CandidateSource
    antecedent: tuple[int, int] | None = None  # character span of the mention it was resolved from

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(actor.kind for actor in self.actors)


def find_named(view: ParseView, dictionary: ActorDictionary) -> list[Candidate]:
    """Dictionary matches (leftmost-longest), then NER PERSON/ORG/NORP spans not covered."""
    blocked = _entity_tokens(view, NON_ACTOR_ENTITY_LABELS)
    matches = [m for m in _dictionary_matches(view, dictionary) if not blocked.intersection(range(m.start, m.end))]
    covered = {i for m in matches for i in range(m.start, m.end)}
    for entity in view.parsed.entities:
        if entity.label not in ACTOR_ENTITY_LABELS:
            continue
        start, end = view.token_at(entity.start), view.token_at(entity.end - 1) + 1
        if covered.intersection(range(start, end)):
            continue
        if view.token(start).text.lower() == "the" and end - start > 1:
            start += 1
        if dictionary.sector_word(fold_text(view.text(start, end))) is not None:
            continue  # "the Senate", "Parliament": a sector word, built with its owner later
        kind = "person" if entity.label == "PERSON" else "group"
        actor = Actor(name=view.text(start, end), kind=kind)
        matches.append(Candidate(start=start, end=end, head=view.span_head(start, end), actors=(actor,), source="ner"))
    return sorted(matches, key=lambda c: c.start)


def _dictionary_matches(view: ParseView, dictionary: ActorDictionary) -> list[Candidate]:
    found: list[Candidate] = []
    barriers = _barrier_tokens(view, dictionary)
    starts = _possible_starts(view, dictionary, barriers)
    starts.append(False)  # past the last token: no match begins there
    i = 0
    while i < len(view.tokens):
        if not starts[i] and not starts[i + 1]:
            i += 1  # neither here nor (after a "the") at the next token can a match begin
            continue
        match = _best_match(view, dictionary, i, starts, barriers)
        if match is None:
            i += 1
            continue
        start, end, target = match
        found.append(
            Candidate(start=start, end=end, head=view.span_head(start, end), actors=(target.actor,), source=target.form)
        )
        i = end
    return found


def _best_match(
    view: ParseView, dictionary: ActorDictionary, i: int, starts: list[bool], barriers: list[int]
) -> tuple[int, int, AliasTarget] | None:
    """The longest match at ``i``; after "the", a longer match from the next token wins
    ("the UN Security Council" is the Council, not "the UN")."""
    here = _longest_match(view, dictionary, i, barriers) if starts[i] else None
    if view.token(i).text.lower() != "the" or i + 1 >= len(view.tokens):
        return (i, *here) if here is not None else None
    after = _longest_match(view, dictionary, i + 1, barriers) if starts[i + 1] else None
    if after is not None and (here is None or after[0] > here[0]):
        return (i + 1, *after)
    return (i, *here) if here is not None else None


def _longest_match(
    view: ParseView, dictionary: ActorDictionary, start: int, barriers: list[int]
) -> tuple[int, AliasTarget] | None:
    tokens = view.tokens
    sentence = tokens[start].sentence
    limit = min(len(tokens), start + dictionary.max_alias_tokens, _next_barrier(barriers, start, len(tokens)))
    if limit == start:
        return None  # every span from here holds a character no key can contain
    last = start
    while last + 1 < limit and tokens[last + 1].sentence == sentence and tokens[last + 1].pos != "SPACE":
        last += 1
    most = _alias_words(view, dictionary, start, last)
    if most == 0:
        return None
    words = 1
    word_counts = [1]  # words of the span start .. start + k, for k = 0 .. last - start
    for i in range(start + 1, last + 1):
        words += tokens[i].start > tokens[i - 1].end  # a gap between tokens is whitespace: a new word
        word_counts.append(words)
    reach = last + 1 if most is None else _reachable_end(view, dictionary, start, last)
    for end in range(reach, start, -1):
        if most is not None and word_counts[end - 1 - start] > most:
            continue  # longer than any alias that begins with this word: no lookup can hit
        target = dictionary.lookup(view.text(start, end))
        if target is not None and not _inside_longer_name(view, start, end):
            return end, target
    return None


def _reachable_end(view: ParseView, dictionary: ActorDictionary, start: int, last: int) -> int:
    """The last end (``<= last + 1``) whose span from ``start`` can be an alias key, for ASCII
    text (folding is lower-casing and joining words): at each space between tokens, the words
    so far must begin some key (``dictionary.key_prefixes``); at the first space where they do
    not, no span that ends there or goes past it can be a key."""
    tokens = view.tokens
    offset = tokens[start].start
    lowered = view.parsed.article.text[offset : tokens[last].end].lower()
    for end in range(start + 1, last + 1):
        if tokens[end].start > tokens[end - 1].end:
            words = " ".join(lowered[: tokens[end - 1].end - offset].split())
            if words not in dictionary.key_prefixes:
                return end - 1
    return last + 1


def _alias_words(view: ParseView, dictionary: ActorDictionary, start: int, last: int) -> int | None:
    """The most words an alias matching a span ``start .. end`` (end <= ``last``) can have: 0 when the
    folded first word of every such span (the text up to the first space, cut at a token's end) is the
    first word of no alias, 1 when only a cut of that word is, else the longest alias beginning with it.
    None (no bound) where the text is not ASCII: folding is then more than lower-casing."""
    text = view.text(start, last + 1)
    if not text.isascii() or not text.strip():
        return None
    chunk = text.split(maxsplit=1)[0]
    offset = view.token(start).start
    cuts = (view.token(i).end - offset for i in range(start, last + 1))
    words = {chunk[:cut] for cut in cuts if cut < len(chunk)} | {chunk}
    if not any(word.lower() in dictionary.first_words for word in words):
        return 0
    return max(dictionary.most_words.get(chunk.lower(), 1), 1)


def _barrier_tokens(view: ParseView, dictionary: ActorDictionary) -> list[int]:
    """The tokens, in order, that hold a character no alias key can contain (``in_no_key``: an em
    dash): no span over one is a key, so a scan stops before it and the text before is often ASCII."""
    text = view.parsed.article.text
    verdicts: dict[str, bool] = {}
    found: list[int] = []
    for match in _NON_ASCII.finditer(text):
        char = match.group()
        barrier = verdicts.get(char)
        if barrier is None:
            barrier = verdicts[char] = dictionary.in_no_key(char)
        i = view.token_at(match.start())
        inside = view.token(i).start <= match.start() < view.token(i).end  # not between tokens
        if barrier and inside and (not found or found[-1] != i):
            found.append(i)
    return found


def _next_barrier(barriers: list[int], i: int, count: int) -> int:
    """The first barrier token at or after token ``i``; ``count`` (past the last token) if none."""
    k = bisect_left(barriers, i)
    return barriers[k] if k < len(barriers) else count


def _possible_starts(view: ParseView, dictionary: ActorDictionary, barriers: list[int]) -> list[bool]:
    """For each token, whether an alias may begin there: ``_can_start``, and not where
    ``_alias_words`` would surely say 0, decided per token in one pass over the article. A token
    is ruled out when the text its spans can cover (``max_alias_tokens`` tokens, up to the next
    barrier token) is ASCII and no cut of its first word (the text up to the next space, cut at any
    token end in it) is the first word of an alias: a superset of the words ``_alias_words`` tries,
    so the same answer; and where it is a barrier token itself."""
    tokens = view.tokens
    text = view.parsed.article.text
    non_ascii = [m.start() for m in _NON_ASCII.finditer(text)]
    first_words = dictionary.first_words
    reach = dictionary.max_alias_tokens
    has_alnum: dict[str, bool] = {}  # per distinct token text: most words recur in an article
    starts: list[bool] = []
    for i, token in enumerate(tokens):
        if not _can_start(token, has_alnum):
            starts.append(False)
            continue
        stop = _next_barrier(barriers, i, len(tokens))
        if stop == i:
            starts.append(False)
            continue
        far = tokens[min(len(tokens), i + reach, stop) - 1].end
        k = bisect_left(non_ascii, token.start)
        word = _WORD.match(text, token.start)
        if (k < len(non_ascii) and non_ascii[k] < far) or word is None:
            starts.append(True)  # not ASCII (folding is more than lower-casing): the full check decides
            continue
        lowered = word.group().lower()
        possible = lowered in first_words
        j = i
        while not possible and j < len(tokens) and tokens[j].end - token.start < len(lowered):
            possible = lowered[: tokens[j].end - token.start] in first_words
            j += 1
        starts.append(possible)
    return starts


def _can_start(token: Token, has_alnum: dict[str, bool]) -> bool:
    """Whether an alias may begin at this token at all: no space or punctuation, and a letter or
    digit in it (remembered in ``has_alnum`` per distinct text)."""
    if token.pos in ("SPACE", "PUNCT"):
        return False
    alnum = has_alnum.get(token.text)
    if alnum is None:
        alnum = has_alnum[token.text] = any(ch.isalnum() for ch in token.text)
    return alnum


def _inside_longer_name(view: ParseView, start: int, end: int) -> bool:
    """"Security Council" inside "National Security Council" is not the UN body: a capitalised
    proper noun just before the match that attaches into it makes the match part of a longer name."""
    if start == 0:
        return False
    previous = view.token(start - 1)
    return previous.pos == "PROPN" and previous.text[:1].isupper() and start <= previous.head < end


def _entity_tokens(view: ParseView, labels: frozenset[str]) -> set[int]:
    blocked: set[int] = set()
    for entity in view.parsed.entities:
        if entity.label in labels:
            blocked.update(range(view.token_at(entity.start), view.token_at(entity.end - 1) + 1))
    return blocked
