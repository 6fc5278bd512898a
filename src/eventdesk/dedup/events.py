"""Merge the events of one article that code the same happening twice.

Twice-coded events are common: the photo caption repeats the body ("attacks launched by
Israel on the Gaza Strip"), or two triggers share a clause ("launched attacks" and "attacks").
Two events are the same when they have

- the same PLOVER category (``Event.type.event``): never merged across categories;
- the same actor names and the same recipient names (as sets of ``Participant.actor.name``);
  for the symmetric categories (``SYMMETRIC_CATEGORIES``: CONSULT, AGREE, COOPERATE) the two
  sides may be swapped ("Hamas met Islamic Jihad" = "Islamic Jihad met Hamas");
- the same date, or no date on one of them;
- the same negated and hypothetical flags;
- where both have a resolved location, the same place (a strike on Gaza and one on
  Rafah on the same day are two events); a fallback location (``EventLocation.fallback``: the
  article's main place, for an event its sentence does not place) counts as none;
- and evidence that they are one report: the same sentence, or the text itself dates both to
  the same day, or both are located at the same resolved place. Two sentences that merely share
  actors and category ("they agreed to coordinate" … "and agreed on enhancing joint action")
  stay two events: an article that says two things has said two things.

Of each group the event with the highest confidence is kept (a tie: the earliest trigger, then
the earliest in the input). The output is ordered by trigger start.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventdesk.records import Event, EventLocation, Participant

SYMMETRIC_CATEGORIES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def merge_events(events: Sequence[Event]) -> tuple[Event, ...]:
    """The events with every twice-coded event merged into its most confident record."""
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger.start, i))
    groups: list[list[int]] = []
    for index in order:
        group = next((g for g in groups if all(same_event(events[index], events[j]) for j in g)), None)
        if group is None:
            groups.append([index])
        else:
            group.append(index)
    kept = [min(group, key=lambda i: (-events[i].confidence, events[i].trigger.start, i)) for group in groups]
    return tuple(events[i] for i in sorted(kept, key=lambda i: (events[i].trigger.start, i)))


def same_event(a: Event, b: Event) -> bool:
    """Whether ``a`` and ``b`` code the same happening (see the module docstring)."""
    if a.type.event != b.type.event or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    if not _same_place(a.event_loc, b.event_loc) or not _one_report(a, b):
        return False
    sides_a, sides_b = (_names(a.actor), _names(a.recipient)), (_names(b.actor), _names(b.recipient))
    if sides_a == sides_b:
        return True
    return a.type.event in SYMMETRIC_CATEGORIES and sides_a == sides_b[::-1]


def _one_report(a: Event, b: Event) -> bool:
    if a.sentence.start == b.sentence.start:
        return True
    if a.date_text is not None and b.date_text is not None and a.date == b.date:
        return True
    where_a = a.event_loc.geonameid if a.event_loc and not a.event_loc.fallback else None
    where_b = b.event_loc.geonameid if b.event_loc and not b.event_loc.fallback else None
    return where_a is not None and where_a == where_b  # a fallback location (the main place) is no evidence


def _names(participants: Sequence[Participant]) -> frozenset[str]:
    return frozenset(p.actor.name.casefold() for p in participants)


def _same_place(a: EventLocation | None, b: EventLocation | None) -> bool:
    if a is None or b is None or a.fallback or b.fallback:
        return True
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    if a.resolved_place is not None and b.resolved_place is not None:
        return a.resolved_place.casefold() == b.resolved_place.casefold()
    return True
