"""Who said it: the noun phrase of the subject of the attributing verb."""

from __future__ import annotations

from eventdesk.quotes.attribution import Attribution, is_according
from eventdesk.quotes.view import ParseView
from eventdesk.records import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"WP", "WDT"})
# From a subjectless participle or conjunct up to the verb that has the subject: "…, saying
# “…”", "… and added “…”", "protested by shouting “…”".
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "relcl", "pcomp", "prep"})
MAX_CLIMB = 4
CLOSING_MARKS = frozenset({'"', "”", "’", "'", "»"})
# Phrases after the subject that belong to the verb, not to the speaker ("… said the leaders of
# both movements in a joint statement", "… on Instagram", "… on Monday"): a preposition below
# with a medium noun or a date as its object.
CIRCUMSTANCE_PREPS = frozenset({"in", "on", "at", "during", "via", "through", "after", "before", "following", "over",
                                "with"})
MEDIUM_NOUNS = frozenset({
    "statement", "interview", "conference", "briefing", "speech", "post", "tweet", "letter", "release", "message",
    "address", "remark", "remarks", "video", "broadcast", "communique", "communiqué", "declaration", "news", "report",
    "session", "meeting", "rally", "summit", "call", "television", "radio", "parliament", "court", "hearing",
    "twitter", "facebook", "instagram", "youtube", "telegram", "tv", "website", "blog", "platform", "channel",
    "media", "podcast", "programme", "program", "show", "newspaper", "column",
})


def speaker_head(view: ParseView, attribution: Attribution) -> int | None:
    """The token heading the speaker's noun phrase: the subject of the attributing verb, or
    of the verb it hangs from, or the object of "according to"; None when there is none."""
    verb = view.tokens[attribution.verb]
    if is_according(view, verb):
        to = next(c for c in view.children[verb.i] if c.text.lower() == "to")
        return next((c.i for c in view.children[to.i] if c.dep == "pobj"), None)
    for _ in range(MAX_CLIMB):
        if verb.lemma.lower() == "quote":  # "the agency quoted X as saying …": X said it
            quoted = next((c.i for c in view.children[verb.i] if c.dep == "dobj"), None)
            if quoted is not None:
                return quoted
        subject = _subject_of(view, verb)
        if subject is not None:
            return subject if subject >= 0 else None
        if verb.head == verb.i or verb.head in view.quoted or verb.dep not in CLIMB_DEPS:
            return None
        if verb.dep in ("acl", "relcl") and view.tokens[verb.head].pos in ("NOUN", "PROPN", "PRON"):
            noun = view.tokens[verb.head]  # "a statement saying …": who issued it, else the statement
            issuer = _subject_of(view, view.tokens[noun.head]) if noun.dep in ("dobj", "pobj") else None
            return issuer if issuer is not None and issuer >= 0 else noun.i
        verb = view.tokens[verb.head]
    return None


def speaker_extent(view: ParseView, head: int, verb: int) -> tuple[int, int]:
    """Character span of the speaker's full noun phrase: the head's subtree, less the
    attributing verb's own clause ("X, who said …"), quoted words and any "in a statement" /
    "on Monday" phrase the parser hung on it, kept contiguous around the head."""
    token = view.tokens[head]
    kept = view.subtree(head)
    if token.head != head and token.dep in SUBJECTS:  # the rest of a subject the parser split
        for sibling in view.children[token.head]:
            if sibling.dep == token.dep and sibling.i != head:
                kept |= view.subtree(sibling.i)
    if verb in kept and verb != head:
        kept -= view.subtree(verb)
    for index in sorted(kept):
        if index > head and index in kept and _is_circumstance(view, view.tokens[index]):
            kept -= view.subtree(index)
    kept -= view.quoted
    first = last = head
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    tokens = view.tokens
    while first < head and tokens[first].pos in ("PUNCT", "SPACE", "CCONJ"):
        first += 1
    while last > head and tokens[last].pos in ("PUNCT", "SPACE", "CCONJ"):
        last -= 1
    return tokens[first].start, tokens[last].end


def _subject_of(view: ParseView, verb: Token) -> int | None:
    """The subject of ``verb``; -1 when the verb has one that cannot be the speaker."""
    children = [c for c in view.children[verb.i] if c.i not in view.quoted]
    subjects = [c for c in children if c.dep in SUBJECTS]
    if subjects:  # several: a noun phrase the parser split; its last piece is the head
        subject = subjects[-1]
        if subject.tag in RELATIVE_PRONOUNS:  # "X, who said …" -> X
            return verb.head if verb.dep == "relcl" else -1
        return subject.i
    for child in children:
        if child.dep == "agent":  # a passive: "it was announced by the ministry"
            return next((c.i for c in view.children[child.i] if c.dep == "pobj"), None)
    if _follows_quotation(view, verb):  # "“…,” said a protester": parsed as the object
        return next((c.i for c in children if c.i > verb.i and c.dep in ("dobj", "attr", "npadvmod", "dative")), None)
    return None


def _follows_quotation(view: ParseView, verb: Token) -> bool:
    index = verb.i - 1
    while index >= 0 and view.tokens[index].text in (",", " "):
        index -= 1
    return index >= 0 and view.tokens[index].text in CLOSING_MARKS


def _is_circumstance(view: ParseView, prep: Token) -> bool:
    if prep.dep != "prep" or prep.text.lower() not in CIRCUMSTANCE_PREPS:
        return False
    objects = [c for c in view.children[prep.i] if c.dep == "pobj"]
    return any(o.lemma.lower() in MEDIUM_NOUNS or o.ent_type in ("DATE", "TIME") for o in objects)
