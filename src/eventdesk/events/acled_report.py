"""ACLED rules that span the sentences of one report.

A report of a demonstration often says what the demonstrators did in the next sentence
("Residents protested the killing of a trader. The protesters burnt tyres and blocked the main
road."). The ACLED Codebook types the demonstration by what happened at it: a demonstration whose
participants use violence or destroy property is a riot (a violent demonstration), even where the
sentence that names it is peaceful. :func:`violent_demonstrations` applies this across the
sentences of one report, as :func:`eventdesk.events.acled.acled_in_context` does within one. ACLED
data is never used to build or tune any of this; it is only measured against.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from eventdesk.events.acled import PROTESTS, RIOTS, VIOLENT_DEMONSTRATION, AcledCue, packaged_cues, sentence_words
from eventdesk.events.roles import Tree
from eventdesk.records import Event, Sentence

__all__ = ["REPORT_WINDOW", "violent_demonstrations"]

REPORT_WINDOW = 2  # sentences either side that still report the same demonstration
CROWD_TYPES = frozenset({PROTESTS, RIOTS})  # a sentence with only these (or none) speaks of the crowd


def violent_demonstrations(events: Sequence[Event], sentence_of: Sequence[int], tree: Tree,
                           sentences: Sequence[Sentence], cues: Iterable[AcledCue] | None = None) -> list[Event]:
    """Every event typed as a protest within :data:`REPORT_WINDOW` sentences of a riot, or of a
    sentence that holds a cue of demonstrators' violence (``acled_cues.tsv`` rows from
    ``Protests`` to ``Riots``: burning tyres, stones, vandalism, "turned violent") and no event
    other than a protest or a riot, is a violent demonstration. ``sentence_of``: each event's
    index in ``sentences``. A sentence about armed groups ("police clashed with gunmen") never
    makes a demonstration violent: its cues are not read."""
    protests = {s for e, s in zip(events, sentence_of, strict=True) if _kind(e) == PROTESTS}
    if not protests:
        return list(events)
    violent = _violent_sentences(events, sentence_of, tree, sentences, protests, cues)
    out = []
    for event, at in zip(events, sentence_of, strict=True):
        near = any(abs(at - v) <= REPORT_WINDOW for v in violent)
        if near and _kind(event) == PROTESTS:
            event = replace(event, type=replace(event.type, acled=VIOLENT_DEMONSTRATION))
        out.append(event)
    return out


def _violent_sentences(events: Sequence[Event], sentence_of: Sequence[int], tree: Tree,
                       sentences: Sequence[Sentence], protests: set[int],
                       cues: Iterable[AcledCue] | None) -> set[int]:
    """The sentences near a protest that report demonstrators' violence: a riot-typed event, or
    a riot cue in a sentence whose events are all protests or riots."""
    riot_cues = [c for c in (packaged_cues() if cues is None else cues)
                 if PROTESTS in c.from_types and c.acled.event_type == RIOTS]
    kinds: dict[int, set[str]] = {}
    for event, at in zip(events, sentence_of, strict=True):
        kind = _kind(event)
        if kind is not None and not event.negated:
            kinds.setdefault(at, set()).add(kind)
    near = {i for p in protests for i in range(max(0, p - REPORT_WINDOW), min(len(sentences), p + REPORT_WINDOW + 1))}
    violent = set()
    for i in sorted(near):
        here = kinds.get(i, set())
        if RIOTS in here:
            violent.add(i)
        elif here <= CROWD_TYPES:
            words = sentence_words(tree, sentences[i])
            if any(c.holds(words) for c in riot_cues):
                violent.add(i)
    return violent


def _kind(event: Event) -> str | None:
    return event.type.acled.event_type if event.type.acled is not None else None
