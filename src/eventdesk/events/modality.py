"""PLOVER's auxiliary modes for one event trigger: negated, hypothetical, future, historical.

``detect_modality(parsed, trigger)`` reads the dependency parse around the trigger token:

* the trigger's *verb group*: the trigger, the light verb an event noun is the object of
  ("launched attacks", "held talks") and aspectual verbs it is the complement of ("continue to
  coordinate"), with their auxiliaries, negations, marks and adverbials;
* its *governor*: the first content word above the verb group (climbing through prepositions and
  "claims that ..." nouns), whose lemma may frame the event as denied ("denied attacking"),
  proposed or intended ("threatened to", "called on X to", "plans to"), or past ("anniversary
  of");
* the event's date against the publication date, when both are known.

It is conservative: plain past or present reporting sets no flag. ``cue`` is the word that
decided, for the first flag set in the order negated, hypothetical, future, historical (the ISO
date when a date comparison decided).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventdesk.records import ParsedArticle, Token

__all__ = ["Modality", "detect_modality"]

NEGATIONS = frozenset({"not", "n't", "never", "no", "nt", "neither", "nor"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is the first half of "won't"
# "can" is left out: "the lichens can do this" states a fact more often than a possibility.
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "'d", "ought"})
LIGHT_VERBS = frozenset({
    "launch", "carry", "conduct", "stage", "hold", "mount", "make", "wage", "declare", "sign", "reach", "impose",
    "give", "take", "perform", "undertake", "unleash", "commit", "announce", "organize", "organise", "order",
})
ASPECTUAL_VERBS = frozenset({"continue", "begin", "start", "resume", "keep", "proceed"})
# Verbs an event noun is the subject of: "the massacre took place decades ago", "clashes erupted".
OCCURRENCE_VERBS = frozenset({"happen", "occur", "take", "erupt", "break", "continue", "resume", "begin", "start",
                              "rage", "escalate", "intensify", "end"})
# Governors: a content word above the verb group that frames the event.
DENIAL_WORDS = frozenset({"deny", "denial", "refute", "dismiss", "reject"})
FAILURE_WORDS = frozenset({"refuse", "decline", "fail", "avoid", "abandon", "cancel"})
HYPOTHETICAL_WORDS = frozenset({
    "threaten", "threat", "want", "wish", "hope", "seek", "aim", "propose", "proposal", "call", "urge", "ask",
    "appeal", "demand", "request", "plea", "push", "press", "consider", "discuss", "debate", "explore", "weigh",
    "offer", "vow", "pledge", "promise", "agree", "decide", "intend", "intention", "ready", "willing", "prepared",
    "eager", "determined", "possibility", "option", "way", "idea", "prospect", "bid", "effort", "readiness",
    "willingness", "warn", "plan",
})
# Of the hypothetical governors, those whose direct object is itself proposed ("urged a ceasefire");
# "called the attack a crime" or "discussed the attack" leaves the attack real.
HYPOTHETICAL_OBJECT_VERBS = frozenset({
    "urge", "demand", "request", "propose", "seek", "want", "offer", "promise", "pledge", "threaten", "plan",
    "consider",
})
FUTURE_WORDS = frozenset({"plan", "schedule", "set", "due", "expect", "intend", "prepare"})
HISTORICAL_WORDS = frozenset({"anniversary", "commemoration", "commemorate", "remembrance", "memorial", "memory"})
TRANSPARENT_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "rumor", "rumour", "suggestion"})
NOT_DENIAL_ARGS = frozenset({"dobj"})  # "rejected attacks" is a rejection, not a denial of attacks
FUTURE_ADVERBS = frozenset({"tomorrow"})  # "soon" and "later" also narrate the past
# "next week", "next Monday" (not "the next day", which narrates the past).
NEXT_PERIODS = frozenset({"week", "month", "year", "weekend", "monday", "tuesday", "wednesday", "thursday",
                          "friday", "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter", "session"})
FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "scheduled", "forthcoming", "future", "expected"})
HYPOTHETICAL_MODIFIERS = frozenset({"proposed", "possible", "potential", "hypothetical", "would-be", "threatened"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
LONG_SPANS = frozenset({"years", "decades", "centuries", "generations"})
HISTORICAL_DAYS = 365


@dataclass(frozen=True, slots=True, kw_only=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    cue: str | None = None


class _Flags:
    """Collects flags with the first cue found for each."""

    ORDER = ("negated", "hypothetical", "future", "historical")

    def __init__(self) -> None:
        self.cues: dict[str, str] = {}

    def set(self, flag: str, cue: str) -> None:
        self.cues.setdefault(flag, cue)

    def result(self) -> Modality:
        cue = next((self.cues[f] for f in self.ORDER if f in self.cues), None)
        return Modality(**{f: f in self.cues for f in self.ORDER}, cue=cue)


def detect_modality(parsed: ParsedArticle, trigger: int, *, published: dt.date | None = None,
                    event_date: dt.date | None = None) -> Modality:
    """The auxiliary modes of the event whose trigger is ``parsed.tokens[trigger]``."""
    tokens = parsed.tokens
    sentence = parsed.sentences[tokens[trigger].sentence]
    children: dict[int, list[Token]] = {}
    for token in tokens[sentence.token_start:sentence.token_end]:
        if token.head != token.i:
            children.setdefault(token.head, []).append(token)
    flags = _Flags()
    group = _verb_group(tokens, trigger, children)
    reference = published or parsed.article.published
    for index in group:
        _check_dependents(tokens[index], children.get(index, []), children, flags, reference)
    _check_conjunct_head(tokens, group[-1], children, flags)
    _check_governor(tokens, group, children, flags)
    _check_dates(flags, published=reference, event_date=event_date)
    return flags.result()


def _verb_group(tokens: tuple[Token, ...], trigger: int, children: dict[int, list[Token]]) -> list[int]:
    """The trigger plus the light verb it is the object of and aspectual verbs above it."""
    group = [trigger]
    current = tokens[trigger]
    for _ in range(4):
        head = tokens[current.head]
        if head.i == current.i:
            break
        noun_of_light_verb = current.pos in ("NOUN", "PROPN") and current.dep in ("dobj", "nsubjpass", "attr") \
            and head.lemma in LIGHT_VERBS
        aspectual = current.dep == "xcomp" and head.lemma in ASPECTUAL_VERBS
        occurrence = current.pos == "NOUN" and current.dep == "nsubj" and head.lemma in OCCURRENCE_VERBS
        future_frame = current.dep == "xcomp" and head.lemma in ("go", "be") and any(
            c.dep == "aux" and c.text.lower() == "to" for c in children.get(current.i, []))
        if not (noun_of_light_verb or aspectual or occurrence or future_frame):
            break
        group.append(head.i)
        current = head
    return group


def _check_dependents(token: Token, deps: list[Token], children: dict[int, list[Token]], flags: _Flags,
                      reference: dt.date | None) -> None:
    """Negation, auxiliaries, conditional marks and time adverbials attached to one group word."""
    if token.lemma == "go" and token.tag == "VBG":
        flags.set("future", "going to")
    if token.lemma == "be" and token.tag in ("VBZ", "VBP") and any(d.dep == "xcomp" and d.lemma != "blame"
                                                                    for d in deps):  # not "who is to blame"
        flags.set("future", f"{token.text} to")
    for dep in deps:
        word = dep.text.lower()
        if dep.dep == "neg" or (dep.dep in ("det", "advmod") and word in NEGATIONS):
            flags.set("negated", dep.text)
        elif dep.dep in ("aux", "auxpass") and dep.tag == "MD":
            _check_modal(dep, flags)
        elif dep.dep == "mark" and word in CONDITIONAL_MARKS:
            flags.set("hypothetical", dep.text)
        elif dep.dep == "advcl" and any(m.dep == "mark" and m.text.lower() in ("if", "unless")
                                        for m in children.get(dep.i, [])):
            flags.set("hypothetical", next(m.text for m in children[dep.i] if m.dep == "mark"))
        elif dep.dep == "amod" and dep.lemma.lower() in FUTURE_MODIFIERS | HYPOTHETICAL_MODIFIERS:
            flags.set("future" if dep.lemma.lower() in FUTURE_MODIFIERS else "hypothetical", dep.text)
        elif dep.dep in ("npadvmod", "advmod", "prep", "pobj"):
            _check_time_adverbial(dep, children, flags, reference)
        elif dep.dep in ("nummod", "compound", "amod") and _is_old_year(dep, reference):
            flags.set("historical", dep.text)  # "the 1969 arson attack"


def _check_modal(auxiliary: Token, flags: _Flags) -> None:
    word = auxiliary.text.lower()
    if word in FUTURE_AUX:
        flags.set("future", auxiliary.text)
    elif word in HYPOTHETICAL_AUX:
        flags.set("hypothetical", auxiliary.text)


def _check_time_adverbial(adverbial: Token, children: dict[int, list[Token]], flags: _Flags,
                          reference: dt.date | None) -> None:
    word = adverbial.text.lower()
    below = children.get(adverbial.i, [])
    if word in FUTURE_ADVERBS:
        flags.set("future", adverbial.text)
    elif word in NEXT_PERIODS and any(d.text.lower() == "next" for d in below) \
            and not any(d.text.lower() == "the" for d in below):
        flags.set("future", "next")
    elif word == "ago" and any(d.text.lower() in LONG_SPANS for d in _subtree(adverbial, children)):
        flags.set("historical", "ago")
    elif adverbial.dep == "prep" and word in ("in", "during", "between"):
        for token in _subtree(adverbial, children):
            if token.text.lower() == "past" and token.dep == "pobj":
                flags.set("historical", "in the past")
            elif _is_old_year(token, reference):
                flags.set("historical", token.text)


def _is_old_year(token: Token, reference: dt.date | None) -> bool:
    text = token.text.rstrip("s")  # "the 1960s"
    if not (len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100):
        return False
    return int(text) < (reference or dt.date.today()).year - 1


def _subtree(token: Token, children: dict[int, list[Token]]) -> list[Token]:
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current.i, []))
    return out


def _check_conjunct_head(tokens: tuple[Token, ...], top: int, children: dict[int, list[Token]], flags: _Flags) -> None:
    """A conjoined verb shares the first verb's auxiliaries ("will meet and discuss") and, after
    "or"/"nor", its negation ("did not attack or kill")."""
    verb = tokens[top]
    if verb.dep != "conj" or any(c.dep in ("aux", "nsubj", "nsubjpass") for c in children.get(top, [])):
        return
    head = tokens[verb.head]
    ccs = {c.text.lower() for c in children.get(head.i, []) if c.dep == "cc"}
    for dep in children.get(head.i, []):
        if dep.dep == "aux" and dep.tag == "MD":
            _check_modal(dep, flags)
        elif dep.dep == "neg" and ccs & {"or", "nor"}:
            flags.set("negated", dep.text)


def _check_governor(tokens: tuple[Token, ...], group: list[int], children: dict[int, list[Token]],
                    flags: _Flags) -> None:
    """The first content word above the verb group, climbing through prepositions and
    "claims that ..." nouns."""
    current = tokens[group[-1]]
    link = current.dep
    for _ in range(6):
        head = tokens[current.head]
        infinitive = any(c.dep == "aux" and c.text.lower() == "to" for c in children.get(current.i, []))
        if head.i == current.i or current.dep in ("nsubj", "nsubjpass", "csubj", "appos", "conj", "parataxis") \
                or (current.dep == "relcl" and not infinitive):  # "ways to coordinate" is a relcl with "to"
            return
        if head.pos == "ADP":
            link, current = "prep", head
        elif head.lemma.lower() in TRANSPARENT_NOUNS and current.dep in ("acl", "ccomp", "prep"):
            link, current = "claim", head
        else:
            _frame_by(head, link, children, flags)
            return


def _frame_by(governor: Token, link: str, children: dict[int, list[Token]], flags: _Flags) -> None:
    lemma = governor.lemma.lower()
    deps = children.get(governor.i, [])
    negated = next((d.text for d in deps if d.dep == "neg" or (d.dep == "advmod" and d.text.lower() == "never")), None)
    if lemma == "rule" and any(d.dep == "prt" and d.text.lower() == "out" for d in deps):
        if negated:  # "did not rule out attacking": possible, not done
            flags.set("hypothetical", "rule out")
        else:
            flags.set("negated", "ruled out")
        return
    if lemma in DENIAL_WORDS and (link not in NOT_DENIAL_ARGS or lemma != "reject"):
        flags.set("hypothetical" if negated else "negated", governor.text)
        return
    if lemma in FAILURE_WORDS:
        flags.set("hypothetical" if negated else "negated", governor.text)
        return
    if lemma in HISTORICAL_WORDS:
        flags.set("historical", governor.text)
        return
    hypothetical = lemma in HYPOTHETICAL_WORDS and (link != "dobj" or lemma in HYPOTHETICAL_OBJECT_VERBS)
    future = lemma in FUTURE_WORDS and link in ("xcomp", "acl")
    if hypothetical or future:
        if negated and link in ("xcomp", "acl", "prep", "dobj"):
            flags.set("negated", negated)
        if hypothetical:
            flags.set("hypothetical", governor.text)
        if future:
            flags.set("future", governor.text)
        return
    if link == "xcomp" and negated:  # "did not manage to attack"
        flags.set("negated", negated)


def _check_dates(flags: _Flags, *, published: dt.date | None, event_date: dt.date | None) -> None:
    if published is None or event_date is None:
        return
    if event_date > published:
        flags.set("future", event_date.isoformat())
    elif (published - event_date).days > HISTORICAL_DAYS:
        flags.set("historical", event_date.isoformat())
