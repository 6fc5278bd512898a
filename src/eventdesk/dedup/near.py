"""Near-duplicate articles: the same wire story reprinted under another id, with a different
headline, a dateline or a closing line of its own.

MinHash over word shingles with banded locality-sensitive hashing (Broder 1997; Leskovec,
Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3), in a few lines of our own:

- the text is normalised as ``fingerprint_text`` sees it and cut into shingles of
  ``SHINGLE_WORDS`` words; each shingle is hashed once (blake2b, 32 bits);
- ``PERMUTATIONS`` hash functions give the signature, the minimum of each over the shingles:
  function *i* is the splitmix64 finaliser (Steele, Lea and Flood 2014) of the shingle hash
  XOR a random 64-bit seed, computed by numpy in wrapping 64-bit arithmetic;
- the signature is cut into ``BANDS`` bands; two articles that share a band are candidates,
  and a candidate is a duplicate when the estimated Jaccard similarity of their shingle sets
  is at least ``threshold`` (0.8 by default: a reprint with its own headline and sign-off).

An exact copy (the same ``fingerprint_text``) is found without MinHash. The index holds one
signature per article (``PERMUTATIONS`` integers), so memory grows with the run, not the text.
The store keeps the same signatures (``signature_bytes``) and band keys (``band_keys``), so a
copy is recognised against articles stored by earlier runs too (docs/ingest.md).

    >>> index = NearDuplicateIndex()
    >>> index.add("reuters-1", text)
    >>> index.add("yahoo-7", reprinted_text)
    'reuters-1'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from eventdesk.dedup.fingerprint import fingerprint_text, normalise_text

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: pairs at Jaccard 0.8 share a band with probability > 0.999
THRESHOLD = 0.8
_EMPTY = (1 << 64) - 1  # every position of the signature of a text without words
_SEED = 20240507
Signature = tuple[int, ...]


def _seeds() -> npt.NDArray[np.uint64]:
    return np.random.default_rng(_SEED).integers(0, 1 << 64, size=PERMUTATIONS, dtype=np.uint64, endpoint=False)


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser, element-wise (uint64 arithmetic wraps, as it should here)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingle_hashes(text: str) -> set[int]:
    """32-bit hashes of the normalised text's word shingles (one shingle for a short text)."""
    words = normalise_text(text).split()
    size = min(SHINGLE_WORDS, len(words))
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)} if words else set()
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "big") for g in grams}


def minhash(text: str) -> Signature:
    """The MinHash signature of the text's shingle set (``PERMUTATIONS`` integers)."""
    hashes = np.fromiter(shingle_hashes(text), dtype=np.uint64)
    if hashes.size == 0:
        return tuple([_EMPTY] * PERMUTATIONS)
    values = _mix(_seeds()[:, None] ^ hashes[None, :])
    return tuple(int(v) for v in values.min(axis=1))


def band_keys(signature: Signature) -> list[int]:
    """One signed 64-bit key per band (its number and rows hashed): equal keys, a candidate pair."""
    rows = PERMUTATIONS // BANDS
    keys = []
    for band in range(BANDS):
        data = np.array([band, *signature[band * rows : (band + 1) * rows]], dtype=np.uint64).tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True))
    return keys


def signature_bytes(signature: Signature) -> bytes:
    """The signature as ``PERMUTATIONS`` little-endian 64-bit integers (how the store keeps it)."""
    return np.array(signature, dtype="<u8").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    return tuple(int(v) for v in np.frombuffer(data, dtype="<u8"))


@dataclass(slots=True)
class NearDuplicateIndex:
    """The articles seen in a run; ``add`` says which earlier one a new article duplicates."""

    threshold: float = THRESHOLD
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _signatures: dict[str, Signature] = field(default_factory=dict, repr=False)
    _buckets: dict[int, list[str]] = field(default_factory=dict, repr=False)

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
        for key in band_keys(signature):
            self._buckets.setdefault(key, []).append(article_id)
        return None

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> Signature:
        """The MinHash signature of the text's shingle set."""
        return minhash(text)

    def _best_match(self, signature: Signature) -> str | None:
        candidates: dict[str, None] = {}
        for key in band_keys(signature):
            for other in self._buckets.get(key, ()):
                candidates[other] = None
        return best_match(signature, ((other, self._signatures[other]) for other in candidates), self.threshold)


def best_match(signature: Signature, candidates: Iterable[tuple[str, Signature]], threshold: float) -> str | None:
    """The candidate most similar to the signature, if at least ``threshold``, else None."""
    best, best_score = None, threshold
    for other, other_signature in candidates:
        score = similarity(signature, other_signature)
        if score >= best_score:
            best, best_score = other, score
    return best


def similarity(first: Signature, second: Signature) -> float:
    """The estimated Jaccard similarity: the share of signature positions that agree."""
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
