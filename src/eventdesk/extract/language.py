"""Offline language identification giving ISO 639-1 codes.

``py3langid`` (a fast fork of langid.py, 97 languages, its model shipped in the wheel) when it
is installed; else, and for snippets too short for it, a tiny stopword-profile identifier over
``data/extract/stopwords.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.extract.patterns import read_line_fields

MAX_CHARS = 1000  # enough to identify a language (the same language as 2,000 on 592 of 593 eval pages); fast
MIN_LETTERS = 40  # below this, py3langid guesses wildly: use the stopword profiles
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class StopwordProfiles:
    """The fallback: the language whose common words cover most of the text."""

    profiles: Mapping[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path) -> StopwordProfiles:
        return cls({code: frozenset(words.split()) for code, words in read_line_fields(path, what="code<TAB>words")})

    def identify(self, text: str) -> str | None:
        words = [w.casefold() for w in _WORD.findall(text[:MAX_CHARS])]
        if not words:
            return None
        best, best_hits = None, 0
        for code, profile in self.profiles.items():
            hits = sum(1 for w in words if w in profile)
            if hits > best_hits:
                best, best_hits = code, hits
        return best if best_hits >= max(1, len(words) // 20) else None


@dataclass(frozen=True, slots=True)
class LanguageIdentifier:
    """Call it with a text to get an ISO 639-1 code (or None). Picklable, so a pipeline can be
    shipped to worker processes."""

    fallback: StopwordProfiles
    model: Any = None  # py3langid's LanguageIdentifier, when installed
    stopwords: Path | None = None  # where the profiles came from: a pickle reloads from it

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as "load it again" (py3langid's model is about 70 MB in memory, 4.5 MB on disk)."""
        if self.stopwords is None:
            return (LanguageIdentifier, (self.fallback, self.model))
        return (load_identifier, (self.stopwords,))

    def __call__(self, text: str) -> str | None:
        sample = text[:MAX_CHARS]
        if self.model is None or (len(sample) < 4 * MIN_LETTERS and sum(ch.isalpha() for ch in sample) < MIN_LETTERS):
            return self.fallback.identify(sample)
        code, _score = self.model.classify(sample)
        return str(code)


def load_identifier(stopwords: Path) -> LanguageIdentifier:
    """The best identifier available: py3langid's model, else the stopword profiles."""
    fallback = StopwordProfiles.load(stopwords)
    try:
        from py3langid.langid import MODEL_FILE
        from py3langid.langid import LanguageIdentifier as Py3LangId
    except ImportError:  # pragma: no cover - depends on what is installed
        return LanguageIdentifier(fallback=fallback, stopwords=stopwords)
    model = Py3LangId.from_model_file(MODEL_FILE, norm_probs=False)
    return LanguageIdentifier(fallback=fallback, model=model, stopwords=stopwords)
