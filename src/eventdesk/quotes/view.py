"""A spaCy-free index over one parsed article, shared by the attribution rules."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from eventdesk.quotes.marks import QuoteRegion
from eventdesk.records import ParsedArticle, Sentence, Token


class ParseView:
    """Children lists, the tokens inside quotation marks, and char-to-token lookup."""

    def __init__(self, parsed: ParsedArticle, regions: Sequence[QuoteRegion]) -> None:
        self.text = parsed.article.text
        self.tokens = parsed.tokens
        self.sentences = parsed.sentences
        self.regions = tuple(regions)
        self.children: list[list[Token]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                self.children[token.head].append(token)
        self._starts = [t.start for t in self.tokens]
        self._sentence_starts = [s.start for s in self.sentences]
        self.quoted: set[int] = set()
        for region in regions:
            self.quoted.update(self.token_range(region.start, region.end))

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens overlapping [start, end)."""
        first = bisect.bisect_right(self._starts, start) - 1
        if first < 0 or self.tokens[first].end <= start:
            first += 1
        return range(first, max(first, bisect.bisect_left(self._starts, end)))

    def sentences_over(self, start: int, end: int) -> list[Sentence]:
        """The sentences overlapping [start, end)."""
        first = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        last = bisect.bisect_left(self._sentence_starts, end)
        return [s for s in self.sentences[first:last] if s.start < end and s.end > start]

    def sentence_tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of the sentences overlapping [start, end)."""
        return [t for s in self.sentences_over(start, end) for t in self.tokens[s.token_start : s.token_end]]

    def subtree(self, root: int) -> set[int]:
        found, stack = set(), [root]
        while stack:
            index = stack.pop()
            found.add(index)
            stack.extend(c.i for c in self.children[index])
        return found

    def quotation_between(self, start: int, end: int, region: QuoteRegion) -> bool:
        """Another quotation opens in [start, end)."""
        return any(start <= r.open_mark < end for r in self.regions if r is not region)
