"""Read-only helpers over a ``ParsedArticle``'s dependency parse: children, subtrees, span heads."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from eventdesk.actors.dictionary import fold_text
from eventdesk.records import ParsedArticle, Sentence, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "iobj", "dative", "obj", "attr", "oprd"})
LINK_DEPS = frozenset({"conj", "appos"})
# Prepositions whose object is a place ("in Tehran"), never an actor ("talks with Moscow" is).
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "inside", "within", "near", "across", "throughout", "around", "from", "into",
    "toward", "towards", "via", "outside", "through", "onto", "over", "off", "beyond", "along",
})
# Prepositions whose object is a participant ("by Israel", "between Israel and Hamas").
PARTICIPANT_PREPOSITIONS = frozenset({"by", "with", "against", "between", "for", "on", "of", "among", "versus"})


@dataclass(frozen=True, slots=True)
class ParseView:
    """The article's tokens with an index of children, built once per article."""

    parsed: ParsedArticle
    children: tuple[tuple[int, ...], ...]
    token_starts: tuple[int, ...]
    # fold_text of each distinct string folded so far: the same words are folded again and again
    # (every lookup, every sector phrase tried); per article, so it never outgrows one text
    folded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    tokens: tuple[Token, ...] = field(init=False, compare=False, repr=False)  # the article's tokens
    # ``token(i)``: token ``i``, the tuple's own indexing, so the stage's ~3,000 calls an article
    # cost no Python frame each
    token: Callable[[int], Token] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", self.parsed.tokens)
        object.__setattr__(self, "token", self.parsed.tokens.__getitem__)

    @classmethod
    def of(cls, parsed: ParsedArticle) -> ParseView:
        children: list[list[int]] = [[] for _ in parsed.tokens]
        for token in parsed.tokens:
            if token.head != token.i:
                children[token.head].append(token.i)
        return cls(parsed, tuple(tuple(c) for c in children), tuple(t.start for t in parsed.tokens))

    def fold(self, text: str) -> str:
        """``fold_text(text)``, computed once per distinct string of the article."""
        folded = self.folded.get(text)
        if folded is None:
            folded = self.folded[text] = fold_text(text)
        return folded

    def text(self, start: int, end: int) -> str:
        """The article text covered by tokens ``start`` .. ``end - 1``."""
        return self.parsed.article.text[self.tokens[start].start : self.tokens[end - 1].end]

    def kids(self, i: int, *deps: str) -> Iterator[Token]:
        for child in self.children[i]:
            token = self.tokens[child]
            if not deps or token.dep in deps:
                yield token

    def left_edge(self, i: int) -> int:
        """The leftmost token of ``i``'s left-side subtree (determiners, adjectives, compounds)."""
        edge = i
        for child in self.children[i]:
            if child < i:
                edge = min(edge, self.left_edge(child))
        return edge

    def token_at(self, char: int) -> int:
        """The index of the token that contains (or starts nearest before) character ``char``."""
        return max(0, bisect_right(self.token_starts, char) - 1)

    def span_head(self, start: int, end: int) -> int:
        """The token of the span whose head lies outside it (the first such, if several)."""
        for i in range(start, end):
            head = self.tokens[i].head
            if head == i or not start <= head < end:
                return i
        return end - 1

    def anchor(self, i: int) -> Token:
        """Climb conj/appos links: "Hamas" in "Israel and Hamas" anchors at "Israel"."""
        token = self.tokens[i]
        while token.dep in LINK_DEPS and token.head != token.i:
            token = self.tokens[token.head]
        return token

    def is_locative(self, i: int) -> bool:
        """Is token ``i`` (after conj/appos) the object of a locative preposition ("in Tehran")?"""
        anchor = self.anchor(i)
        if anchor.dep != "pobj":
            return False
        preposition = self.tokens[anchor.head]
        return preposition.dep != "agent" and preposition.text.lower() in LOCATIVE_PREPOSITIONS

    def preposition_of(self, i: int) -> str | None:
        """The preposition token ``i`` (after conj/appos) is the object of, lower-cased, or None."""
        anchor = self.anchor(i)
        return self.tokens[anchor.head].text.lower() if anchor.dep == "pobj" else None

    def is_argument(self, i: int) -> bool:
        """Is token ``i`` a verb's subject or object, or a participant prepositional object?"""
        anchor = self.anchor(i)
        if anchor.dep in SUBJECT_DEPS or anchor.dep in OBJECT_DEPS:
            return True
        if anchor.dep == "pobj":
            preposition = self.tokens[anchor.head]
            return preposition.dep == "agent" or preposition.text.lower() in PARTICIPANT_PREPOSITIONS
        return False

    def sentence_tokens(self, sentence: Sentence) -> range:
        return range(sentence.token_start, sentence.token_end)


def is_plural(token: Token) -> bool:
    return token.tag in ("NNS", "NNPS") or "Number=Plur" in token.morph
