"""ACLED rules that span the sentences of one report of a demonstration.

A report of a demonstration often says what happened at it in the next sentence ("Residents
protested the killing of a trader. The protesters burnt tyres and blocked the main road." or
"... Police arrested twelve of them."). The ACLED Codebook types the demonstration by what
happened at it: a demonstration whose participants use violence or destroy property is a riot (a
violent demonstration), and arrests at a peaceful one make it a protest with intervention, even
where the sentence that names the demonstration says neither. :func:`demonstration_reports`
applies this across the sentences of one report, as
:func:`eventdesk.events.acled.acled_in_context` does within one sentence. ACLED data is never used
to build or tune any of this; it is only measured against.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from eventdesk.events.acled import (
    ARRESTS,
    DESTRUCTION,
    INTERVENTION,
    PROTESTS,
    RELEASE,
    RIOTS,
    VIOLENCE,
    VIOLENT_DEMONSTRATION,
    AcledCue,
    packaged_cues,
    sentence_words,
    side_tags,
)
from eventdesk.events.ontology import CodeTables
from eventdesk.events.roles import Tree
from eventdesk.records import AcledType, Actor, Event, Sentence

__all__ = ["REPORT_WINDOW", "acled_across_sentences", "attack_reports", "demonstration_reports"]

REPORT_WINDOW = 2  # sentences either side that still report the same demonstration
CROWD_TYPES = frozenset({PROTESTS, RIOTS})  # a sentence with only these (or none) speaks of the crowd
ARMED_OR_STATE = frozenset({"armed", "state"})  # actor classes (data/ontology/actor_classes.tsv)


def acled_across_sentences(events: Sequence[Event], sentence_of: Sequence[int], tree: Tree,
                           sentences: Sequence[Sentence], *, tables: CodeTables) -> list[Event]:
    """The article's events with the ACLED rules that span sentences applied:
    :func:`demonstration_reports`, then :func:`attack_reports`."""
    typed = demonstration_reports(events, sentence_of, tree, sentences, tables=tables)
    return attack_reports(typed, sentence_of)


def attack_reports(events: Sequence[Event], sentence_of: Sequence[int]) -> list[Event]:
    """Looting and property destruction within :data:`REPORT_WINDOW` sentences of violence
    ("Gunmen attacked the village, killing three. They also burnt houses and looted shops.") are
    part of it, as in one sentence: the Codebook codes destruction as a strategic development only
    where it is not part of a violent event. So are arrests and releases reported after the
    violence ("... Police later arrested two suspects.", "... The hostages were freed two days
    later."): the report's main event comes first, and what follows is its outcome; arrests
    reported before violence ("Police arrested a man. He is suspected of killing a trader.") stay
    arrests. Each takes the type of the nearest violent event (the most confident among equals)."""
    violent = [(at, e) for e, at in zip(events, sentence_of, strict=True)
               if e.type.acled is not None and e.type.acled.event_type in VIOLENCE and not e.negated]
    if not violent:
        return list(events)
    out = []
    for event, at in zip(events, sentence_of, strict=True):
        outcome = event.type.acled == ARRESTS or event.type.cameo == RELEASE
        near = [(abs(at - v), -e.confidence, e) for v, e in violent
                if abs(at - v) <= REPORT_WINDOW and (event.type.acled == DESTRUCTION or (outcome and v < at))]
        if near and (event.type.acled == DESTRUCTION or outcome):
            acled = min(near, key=lambda n: n[:2])[2].type.acled
            event = replace(event, type=replace(event.type, acled=acled))
        out.append(event)
    return out


def demonstration_reports(events: Sequence[Event], sentence_of: Sequence[int], tree: Tree,
                          sentences: Sequence[Sentence], *, tables: CodeTables,
                          cues: Iterable[AcledCue] | None = None) -> list[Event]:
    """The events within :data:`REPORT_WINDOW` sentences of a protest, read as one report
    (``sentence_of``: each event's index in ``sentences``). Near violence by the crowd
    (:func:`_violent_sentences`) a protest is a violent demonstration. Property destruction with
    no actor named ("some of them looted shops") is the crowd's: a violent demonstration. Arrests
    of people neither armed nor state forces ("police arrested twelve of them") are the
    intervention at the demonstration, or part of the riot where it was violent."""
    protests = {s for e, s in zip(events, sentence_of, strict=True) if _kind(e) == PROTESTS and not e.negated}
    if not protests:
        return list(events)
    violent = _violent_sentences(events, sentence_of, tree, sentences, protests, cues)
    out = []
    for event, at in zip(events, sentence_of, strict=True):
        acled = event.type.acled
        if any(abs(at - p) <= REPORT_WINDOW for p in protests):
            unarmed = event.type.acled == ARRESTS and _unarmed_recipient(event, tree, sentences[at], tables)
            acled = _in_report(event, violent=any(abs(at - v) <= REPORT_WINDOW for v in violent), unarmed=unarmed)
        out.append(event if acled == event.type.acled else replace(event, type=replace(event.type, acled=acled)))
    return out


def _in_report(event: Event, *, violent: bool, unarmed: bool) -> AcledType | None:
    """One event's type in a report of a demonstration (``violent``: violence by the crowd near
    it; ``unarmed``: an arrest of people neither armed nor state forces)."""
    acled = event.type.acled
    if (acled is not None and acled.event_type == PROTESTS and violent) or _crowds_destruction(event):
        return VIOLENT_DEMONSTRATION
    if acled == ARRESTS and unarmed:
        return VIOLENT_DEMONSTRATION if violent else INTERVENTION
    return acled


def _unarmed_recipient(event: Event, tree: Tree, sentence: Sentence, tables: CodeTables) -> bool:
    """Whether the people the event acts on are neither armed nor state forces, read as the ACLED
    rules read a side (:func:`eventdesk.events.acled.side_tags`: "three armed robbers" are armed,
    "twelve of them" people the text does not call armed)."""
    trigger = next((i for i in range(sentence.token_start, sentence.token_end)
                    if tree[i].start == event.trigger.start), None)
    tokens = [k.i for k in tree.kids(trigger, "dobj", "nsubjpass")] if trigger is not None else []
    tags = side_tags(tables, tree, event.recipient, tokens, target=True)
    classes = tags | tables.actor_tags(Actor(name=t, sector=t) for t in tags if t.isupper())
    return not classes & ARMED_OR_STATE


def _violent_sentences(events: Sequence[Event], sentence_of: Sequence[int], tree: Tree,
                       sentences: Sequence[Sentence], protests: set[int],
                       cues: Iterable[AcledCue] | None) -> set[int]:
    """The sentences near a protest that report the crowd's violence: a riot-typed event,
    property destruction with no actor named, or a cue of demonstrators' violence (the
    ``acled_cues.tsv`` rows from ``Protests`` to ``Riots``: burning tyres, stones, vandalism,
    "turned violent") in a sentence whose events are all riots, or none (a protest's own sentence
    was read by :func:`eventdesk.events.acled.acled_in_context`). A sentence about armed groups
    ("soldiers clashed with rebels") never makes a demonstration violent."""
    riot_cues = [c for c in (packaged_cues() if cues is None else cues)
                 if PROTESTS in c.from_types and c.acled.event_type == RIOTS]
    kinds: dict[int, set[str]] = {}
    violent = set()
    for event, at in zip(events, sentence_of, strict=True):
        kind = _kind(event)
        if kind is not None and not event.negated:
            kinds.setdefault(at, set()).add(kind)
            if kind == RIOTS or _crowds_destruction(event):
                violent.add(at)
    near = {i for p in protests for i in range(max(0, p - REPORT_WINDOW), min(len(sentences), p + REPORT_WINDOW + 1))}
    for i in sorted(near - violent - protests):  # a protest's own sentence was read with its topics left out
        if kinds.get(i, set()) <= CROWD_TYPES:
            words = sentence_words(tree, sentences[i])
            if any(c.holds(words) for c in riot_cues):
                violent.add(i)
    return violent


def _crowds_destruction(event: Event) -> bool:
    """Looting or destruction with nobody named as its actor, beside a demonstration: the crowd's."""
    return event.type.acled == DESTRUCTION and not event.actor and not event.negated


def _kind(event: Event) -> str | None:
    return event.type.acled.event_type if event.type.acled is not None else None
