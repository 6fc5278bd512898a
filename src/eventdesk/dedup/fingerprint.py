"""A content fingerprint of an article's text, stable across sources and re-ingestion.

The text is normalised before hashing: Unicode NFKC (so a non-breaking space is a space and
"ﬁ" is "fi"), case-folded, every punctuation character (Unicode category P*, so straight and
typographic quotes, dashes and apostrophes alike) replaced by a space, and every run of
whitespace collapsed to one space. The same article scraped from two sites, one with
typographic quotes and different line breaks, gets the same fingerprint.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_text(text: str) -> str:
    """The text as the fingerprint sees it."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    spaced = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in folded)
    return " ".join(spaced.split())


def fingerprint_text(text: str) -> str:
    """SHA-256 hex digest of ``normalise_text(text)``."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
