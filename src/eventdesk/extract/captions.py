"""Photo captions and their credits.

A paragraph is a caption when it ends with a credit naming a photographer or agency —
bracketed ("… on August 08, 2022 [ Haydar Şahin – Anadolu Agency ]"), parenthesised
("… in Tunis (Photo: Reuters)"), after a dash or pipe ("… — Getty Images"), or after a credit
marker ("Protesters at the march. Image: Andrew Gray.") — or when it starts with "Photo:",
"Pictured:" or "Caption:". The credit is cut from the caption and kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdesk.extract.patterns import Patterns

MAX_CAPTION_WORDS = 80
MAX_CREDIT_WORDS = 10
MIN_CAPTION_WORDS = 3  # before a parenthesised or dashed credit

_SQUARE_TAIL = re.compile(r"\s*\[\s*(?P<credit>[^\[\]]{2,120}?)\s*\]\s*\.?$")
_ROUND_TAIL = re.compile(r"\s*\(\s*(?P<credit>[^()]{2,120}?(?:\([^()]{1,30}\))?[^()]{0,40}?)\s*\)$")
_DASH_TAIL = re.compile(r"\s+(?:—|–|-|\|)\s*(?P<credit>[^—–|.!?]{2,90}?)$")
_MARKER_TAIL = re.compile(
    r"(?:(?i:photo|photograph|image|picture|credit|photo credit|image credit)s?\s*(?::|\.\.\.|…)"
    r"|(?:Photo|Photograph|Picture|Image)s? by)"
    r"\s*(?P<credit>[^:]{1,90}?)\s*\.?$"
)
_LEAD = re.compile(
    r"(?:(?:photo|pictured|caption|above|top|main image|in the picture|file photo)\s*:\s*|\d{1,3} of \d{1,3}\s+)",
    re.IGNORECASE,
)
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_NAME_WORDS = re.compile(r"[^\W\d_]+")
_CREDIT_WORD = re.compile(r"^(?:photo|image|picture|credit|photograph)s?\s*(?::|by)\s*", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[a-z]")
_CREDIT_LEAD = re.compile(r"(?:photo|photograph|image|picture|credit)s?\s*(?::|by)", re.IGNORECASE)
# small words allowed inside a run of names: "Jo Jorgensen for President", "AFP via Getty Images"
_CONNECTORS = frozenset(
    "via for of the and de da del di al el ibn bin van von le la du y flickr handout file pool".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    credit: str | None


def split_caption(paragraph: str, *, patterns: Patterns) -> Caption | None:
    """The caption and its credit, when ``paragraph`` is a photo caption; else None."""
    if len(paragraph.split()) > MAX_CAPTION_WORDS:
        return None
    tail = split_credit(paragraph, patterns=patterns)
    if tail is not None:
        text, credit = tail
        text = _strip_lead(text)
        return Caption(text=text, credit=credit) if _TWO_LETTERS.search(text) else None
    lead = _LEAD.match(paragraph)
    if lead and len(paragraph[lead.end() :].split()) >= 2:
        return Caption(text=paragraph[lead.end() :].strip(), credit=None)
    return None


def split_credit(text: str, *, patterns: Patterns) -> tuple[str, str] | None:
    """``(caption, credit)`` when ``text`` ends with a photo credit, else None."""
    for shape, strict in ((_SQUARE_TAIL, False), (_ROUND_TAIL, True), (_MARKER_TAIL, False), (_DASH_TAIL, True)):
        found = shape.search(text)
        if not found:
            continue
        credit = found.group("credit").strip()
        if shape is _MARKER_TAIL:
            ok = is_loose_credit(credit, patterns=patterns)
        elif shape is _SQUARE_TAIL:
            ok = is_credit(credit, patterns=patterns) or looks_like_names(credit)
        else:
            ok = is_credit(credit, patterns=patterns) if strict else False
        caption = text[: found.start()].rstrip().rstrip("([").rstrip()
        if ok and (not strict or len(caption.split()) >= MIN_CAPTION_WORDS):
            return caption, _tidy_credit(credit)
    return None


def is_credit(text: str, *, patterns: Patterns) -> bool:
    """A short phrase naming an agency ("AFP", "John Smith/Getty Images") or opened or closed
    by a credit word ("Photo: Ali Jadallah", "Jane Doe/Handout"), with no sentence in it."""
    words = text.split()
    if not words or len(words) > MAX_CREDIT_WORDS or _has_sentence(text) or "@" in text:
        return False
    names = _NAME_WORDS.findall(text)
    framed = bool(names) and (
        patterns.is_credit_word(names[0])
        or patterns.is_credit_word(names[-1])
        or ("/" in text and any(patterns.is_credit_word(name) for name in names))
    )
    return (patterns.names_agency(text) or framed) and (looks_like_names(_drop_credit_marker(text)) or len(words) <= 4)


def is_loose_credit(text: str, *, patterns: Patterns) -> bool:
    """After an explicit marker ("Image: …"), any short name-like phrase is a credit."""
    words = text.split()
    if not words or len(words) > 8 or _has_sentence(text):
        return False
    return patterns.names_agency(text) or looks_like_names(text) or len(words) <= 3


def looks_like_names(text: str) -> bool:
    """Capitalised words joined by separators and a few small words: "Haydar Şahin – Anadolu Agency"."""
    tokens = text.replace("/", " / ").split()
    if not tokens or len(tokens) > 14:
        return False
    capitalised = 0
    for token in tokens:
        bare = token.strip("()[],.:;")
        if not bare or bare in {"–", "-", "—", "/", "|", "&", "+"}:
            continue
        if bare[0].isupper() or bare[0].isdigit() or bare[0] == "@":
            capitalised += 1
        elif bare.lower() not in _CONNECTORS:
            return False
    return capitalised >= 1


def _drop_credit_marker(text: str) -> str:
    return _CREDIT_WORD.sub("", text)


def _has_sentence(text: str) -> bool:
    return _SENTENCE_BREAK.search(text) is not None or text.count(",") > 3


def _strip_lead(text: str) -> str:
    lead = _LEAD.match(text)
    return text[lead.end() :].strip() if lead else text.strip()


def _tidy_credit(credit: str) -> str:
    tidy = _drop_credit_marker(credit.strip()).strip(" .,;:|").strip() or credit.strip(" .,;:|")
    if tidy.endswith(")") and tidy.count("(") < tidy.count(")"):
        tidy = tidy[:-1].rstrip()
    return tidy


def whole_credit(text: str, *, patterns: Patterns) -> str | None:
    """The credit, when all of ``text`` is one ("(Image: Jane Doe / Getty Images)",
    "Courtesy Google"); else None."""
    bare = text.strip().strip("()[]").strip()
    if bare and (
        is_credit(bare, patterns=patterns)
        or (_CREDIT_LEAD.match(bare) and is_loose_credit(_drop_credit_marker(bare), patterns=patterns))
    ):
        return _tidy_credit(bare)
    return None
