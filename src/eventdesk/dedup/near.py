"""Near-duplicate articles: the same wire story reprinted under another id, with a different
headline, a dateline or a closing line of its own.

MinHash over word shingles with banded locality-sensitive hashing (Broder 1997; Leskovec,
Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3), in a few lines of our own:

- the text is normalised as ``fingerprint_text`` sees it and cut into shingles of
  ``SHINGLE_WORDS`` words; each shingle is hashed once (blake2b, 64 bits);
- ``PERMUTATIONS`` universal hash functions ``(a*x + b) mod p`` give the signature, the
  minimum of each over the shingles;
- the signature is cut into ``BANDS`` bands; two articles that share a band are candidates,
  and a candidate is a duplicate when the estimated Jaccard similarity of their shingle sets
  is at least ``threshold`` (0.8 by default: a reprint with its own headline and sign-off).

An exact copy (the same ``fingerprint_text``) is found without MinHash. The index holds one
signature per article (``PERMUTATIONS`` integers), so memory grows with the run, not the text.

    >>> index = NearDuplicateIndex()
    >>> index.add("reuters-1", text)
    >>> index.add("yahoo-7", reprinted_text)
    'reuters-1'
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from eventdesk.dedup.fingerprint import fingerprint_text, normalise_text

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: pairs at Jaccard 0.8 share a band with probability > 0.999
_PRIME = (1 << 61) - 1
_SEED = 20240507


def _hash_functions() -> tuple[tuple[int, int], ...]:
    draw = random.Random(_SEED)
    return tuple((draw.randrange(1, _PRIME), draw.randrange(0, _PRIME)) for _ in range(PERMUTATIONS))


def shingle_hashes(text: str) -> set[int]:
    """64-bit hashes of the normalised text's word shingles (one shingle for a short text)."""
    words = normalise_text(text).split()
    size = min(SHINGLE_WORDS, len(words))
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)} if words else set()
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams}


@dataclass(slots=True)
class NearDuplicateIndex:
    """The articles seen in a run; ``add`` says which earlier one a new article duplicates."""

    threshold: float = 0.8
    _functions: tuple[tuple[int, int], ...] = field(default_factory=_hash_functions, repr=False)
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _signatures: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _buckets: dict[tuple[int, tuple[int, ...]], list[str]] = field(default_factory=dict, repr=False)

    def add(self, article_id: str, text: str) -> str | None:
        """Index the article; return the id of the earlier article it duplicates (exactly or
        nearly), else None. A duplicate is not indexed itself: later copies point at the first."""
        exact = fingerprint_text(text)
        if exact in self._exact:
            return self._exact[exact]
        signature = self.signature(text)
        original = self._best_match(signature)
        if original is not None:
            return original
        self._exact[exact] = article_id
        self._signatures[article_id] = signature
        for key in self._bands(signature):
            self._buckets.setdefault(key, []).append(article_id)
        return None

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> tuple[int, ...]:
        """The MinHash signature of the text's shingle set."""
        hashes = shingle_hashes(text)
        if not hashes:
            return tuple([_PRIME] * PERMUTATIONS)
        return tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in self._functions)

    def _bands(self, signature: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
        rows = PERMUTATIONS // BANDS
        return [(band, signature[band * rows : (band + 1) * rows]) for band in range(BANDS)]

    def _best_match(self, signature: tuple[int, ...]) -> str | None:
        candidates: dict[str, None] = {}
        for key in self._bands(signature):
            for other in self._buckets.get(key, ()):
                candidates[other] = None
        best, best_score = None, self.threshold
        for other in candidates:
            score = similarity(signature, self._signatures[other])
            if score >= best_score:
                best, best_score = other, score
        return best


def similarity(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity: the share of signature positions that agree."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
