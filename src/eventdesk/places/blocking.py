"""Tokens that are no toponym whatever NER and the gazetteer say (the places stage's first step): inside a known
organisation name, a compass word or a title standing alone, a person's name said again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventdesk.places.cues import LOCATIVE, MISLABELS, TOPONYM_LABELS, lone_words, token_before, tokens_in
from eventdesk.places.gazetteer import Gazetteer, normalize_name
from eventdesk.records import ParsedArticle


class Blocker:
    """Built once with the gazetteer and the organisation names of ``data/places/organisations.txt``."""

    def __init__(self, gazetteer: Gazetteer, organisations: Sequence[str] = ()) -> None:
        self.gazetteer = gazetteer
        names = sorted({normalize_name(o) for o in organisations if normalize_name(o)}, key=len, reverse=True)
        # the names' words by first word, longest first (built once, not per article)
        self._orgs_by_first_word: dict[str, list[list[str]]] = {}
        for words in (n.split() for n in names):
            self._orgs_by_first_word.setdefault(words[0], []).append(words)

    def tokens(self, parsed: ParsedArticle) -> set[int]:
        """Tokens that are no toponym whatever NER and the gazetteer say: inside a known organisation name ("Islamic
        Jihad in Palestine"), a compass word or a title standing alone ("the West", "the Sultan"), and a person's
        name said again ("Carroll" after "Brian Carroll")."""
        return self._organisation_tokens(parsed) | lone_words(parsed.tokens, parsed.article.text) \
            | self._person_name_tokens(parsed)

    def _person_name_tokens(self, parsed: ParsedArticle) -> set[int]:
        """One-word names, whatever NER called them, that are the surname or the first name of a person's full name
        in the article ("Sirhan" after "Sirhan Sirhan", "Carroll" after "Brian Carroll", "Yulia" after "Yulia
        Skripal"): the person again. A town of that name stays a place after a locative preposition ("in Carroll"),
        and a country or a province always ("Jordan", "Georgia"). A "full name" whose first word is a place's name is a
        street or a club NER took for a person ("Wichita Drive", "Flemington Elks"): its first word names nobody."""
        name_words: set[str] = set()
        for entity in parsed.entities:
            words = entity.text.split()
            if entity.label == "PERSON" and len(words) > 1:
                name_words.add(words[-1])
                if not self.gazetteer.entries(words[0]):
                    name_words.add(words[0])
        found: set[int] = set()
        for entity in parsed.entities:
            tokens = tokens_in(parsed.tokens, entity.start, entity.end)
            if len(tokens) != 1 or entity.label not in TOPONYM_LABELS | MISLABELS \
                    or re.sub(r"['’]s?$", "", entity.text) not in name_words:
                continue
            entries = [e for e in self.gazetteer.entries(tokens[0].text) if not e.after_comma]  # "Sudesh Amman"
            before = token_before(parsed.tokens, tokens[0].i)
            after_locative = entries and before is not None and before.text.lower() in LOCATIVE
            if not after_locative and all(e.kind == "city" for e in entries):
                found.add(tokens[0].i)
        return found

    def _organisation_tokens(self, parsed: ParsedArticle) -> set[int]:
        """Tokens inside a known organisation name ("Islamic Jihad in Palestine")."""
        if not self._orgs_by_first_word:
            return set()
        normalized = {text: _normalize_word(text) for text in {t.text for t in parsed.tokens}}  # words recur
        words = [normalized[t.text] for t in parsed.tokens]
        blocked: set[int] = set()
        first_words = self._orgs_by_first_word
        i = 0
        while i < len(words):
            for name in first_words.get(words[i], ()):
                j, k = i, 0
                while j < len(words) and k < len(name):
                    if not words[j]:
                        j += 1
                        continue
                    if words[j] != name[k]:
                        break
                    j, k = j + 1, k + 1
                if k == len(name):
                    blocked.update(range(i, j))
                    break
            i += 1
        return blocked


def _normalize_word(text: str) -> str:
    """``normalize_name`` of one token's text; for a plain ASCII word, that is its lower case."""
    return text.lower() if text.isascii() and text.isalpha() else normalize_name(text)
