"""ACLED typing that needs more than one code: who acted on whom, and the rest of the sentence.

:func:`typed_by_actors` reads ``data/ontology/cameo_acled.tsv``'s conditions with the event's
actors and recipients (their sectors and actor classes: armed, state, civilians, demonstrators,
mob). :func:`specific_means` and :func:`acled_in_context` apply two rules of ACLED's codebook that
span triggers: the means decides (explosions, air strikes) and a demonstration with violence is
a riot. ACLED data is never used to build or tune any of this; it is only measured against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from eventdesk.events.ontology import CodeTables
from eventdesk.records import AcledType, Actor, Event, EventType

__all__ = ["acled_in_context", "specific_means", "typed_by_actors"]

RIOTS, REMOTE_VIOLENCE = "Riots", "Explosions/Remote violence"
DIRECT_VIOLENCE = frozenset({"Battles", "Violence against civilians"})
GENERIC_FORCE = frozenset({"18", "180", "19", "190"})  # CAMEO codes that say nothing of the means
PEACEFUL_PROTEST = AcledType(event_type="Protests", sub_event_type="Peaceful protest")
VIOLENT_DEMONSTRATION = AcledType(event_type="Riots", sub_event_type="Violent demonstration")


class HasMeans(Protocol):
    """A trigger being decided (the coder's candidate): its code and the triggers it absorbed."""

    type: EventType
    keep: bool

    @property
    def inner(self) -> Sequence[HasMeans]: ...


def typed_by_actors(tables: CodeTables, event_type: EventType, actors: Sequence[Actor],
                    recipients: Sequence[Actor]) -> EventType:
    """The event type with its ACLED type read with its sides: gunmen killing villagers is
    violence against civilians, a mob attacking a man mob violence, soldiers shooting protesters
    excessive force against protesters."""
    acled = tables.acled_type(event_type.cameo, actor_sectors=tables.actor_tags(actors),
                              target_sectors=tables.actor_tags(recipients))
    return event_type if acled == event_type.acled else replace(event_type, acled=acled)


def acled_in_context(events: list[Event]) -> list[Event]:
    """Two rules of ACLED's codebook that need the whole sentence. The means decides: where a
    sentence reports an explosion, air strike or shelling, the killing or attack it reports beside
    it ("an IED exploded, killing two civilians") is that explosion. A demonstration in which
    demonstrators engage in violence is a violent demonstration: where a sentence reports a riot
    beside a peaceful protest ("marched ... and threw stones at police"), the protest is a riot."""
    kinds = {e.type.acled.event_type: e.type.acled for e in events if e.type.acled is not None}
    means = kinds.get(REMOTE_VIOLENCE)
    out = []
    for event in events:
        acled = event.type.acled
        if means is not None and acled is not None and acled.event_type in DIRECT_VIOLENCE:
            acled = means
        elif RIOTS in kinds and acled == PEACEFUL_PROTEST:
            acled = VIOLENT_DEMONSTRATION
        out.append(event if acled == event.type.acled else replace(event, type=replace(event.type, acled=acled)))
    return out


def specific_means(candidates: Sequence[HasMeans]) -> None:
    """"Airstrikes killed five": the kill (CAMEO 190) absorbed the airstrikes (195), which say how."""
    for c in candidates:
        if c.keep and c.type.cameo in GENERIC_FORCE:
            specific = [i for i in c.inner
                        if not i.keep and i.type.event == "ASSAULT" and i.type.cameo not in GENERIC_FORCE]
            if specific:
                c.type = specific[0].type
