"""PETRARCH-style dyads of an event: (source country, target country, CAMEO root) triples.

An eventdesk event is a PLOVER record: one actor tuple, one recipient tuple. The dictionary coders
(PETRARCH2, UniversalPetrarch) emit one (source, target, code) triple per actor pair instead, and
their gold standards are written that way. :func:`cameo_dyads` reads an event the same way:

- a side is its actor's country (``ISR`` for ``ISRMIL``), the code's first three letters for a
  transnational actor (``IGO``, ``NGO``, ``IMG``, ``MNC``), else unknown (``---``): a sector with no
  country ("government forces", ``GOV``) is not a country;
- a compound side gives one triple per member (``A and B attacked C`` -> A→C, B→C);
- a symmetric event among a compound subject and nobody else ("A, B and C met", "A and B seek to
  deepen their partnership": CAMEO roots 03–06) gives every ordered pair of its members;
- an event with neither side known gives no triple: PETRARCH codes nothing without an actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventdesk.records import Actor, Event

__all__ = ["UNKNOWN", "cameo_dyads", "dyad_side"]

UNKNOWN = "---"
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})

Triple = tuple[str, str, str]


def dyad_side(actor: Actor) -> str:
    """The country an actor counts for in a dyad, ``IGO``/``NGO``/... or ``---``."""
    if actor.country:
        return actor.country
    prefix = (actor.code or "")[:3].upper()
    return prefix if prefix in TRANSNATIONAL else UNKNOWN


def cameo_dyads(event: Event) -> tuple[Triple, ...]:
    """The event's distinct (source, target, CAMEO root) triples, in a stable order."""
    root = event.type.cameo[:2]
    sources = _sides([p.actor for p in event.actor])
    targets = _sides([p.actor for p in event.recipient])
    if not targets and root in SYMMETRIC_ROOTS and len(sources) > 1:
        pairs = [(a, b) for a in sources for b in sources if a != b]
    else:
        pairs = [(a, b) for a in sources or [UNKNOWN] for b in targets or [UNKNOWN]]
    return tuple(sorted({(a, b, root) for a, b in pairs if (a, b) != (UNKNOWN, UNKNOWN)}))


def _sides(actors: Sequence[Actor]) -> list[str]:
    return list(dict.fromkeys(dyad_side(a) for a in actors))
