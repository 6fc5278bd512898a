"""The country of a participant the text names without one, read from its context.

An office holder or a sector named by a bare title ("President Michel Suleiman", "the mayor of
Nablus", "four children") has a sector but no country. News names the country elsewhere in the
sentence, and the dictionary coders' gold codes it so: the participant takes

1. the one country of the other members of its own side ("the US commander in Iraq, General
   David Petraeus" -> USA for the general), else
2. the one country named in the sentence (else, when the sentence names none, in the article) that
   is not the other side's ("Israel released the mayor of Nablus, Palestinian officials said" -> PSE).

Only state sectors and civilians take a country so; armed groups, rebels and criminals named
without one stay unknown, as the gold codes them. Nothing is guessed when two countries remain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventdesk.records import ActorMention, Participant

__all__ = ["CONTEXT_SECTORS", "countries_named", "with_context_country"]

CONTEXT_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "CVL", "OPP", "MED", "JRN", "EDU", "BUS"})
CONTEXT_KINDS = frozenset({"sector", "person", "demonstrators"})

Side = tuple[Participant, ...]


def countries_named(mentions: Sequence[ActorMention]) -> tuple[str, ...]:
    """The countries of the mentions' actors, in text order, once each."""
    return tuple(dict.fromkeys(a.country for m in mentions for a in m.actors if a.country))


def with_context_country(actor: Side, recipient: Side, *, sentence: Sequence[str],
                         article: Sequence[str]) -> tuple[Side, Side]:
    """The two sides with each countryless state or civilian participant given its context's country."""
    return (_fill(actor, recipient, sentence=sentence, article=article),
            _fill(recipient, actor, sentence=sentence, article=article))


def _fill(side: Side, other: Side, *, sentence: Sequence[str], article: Sequence[str]) -> Side:
    if not any(_needs_country(p) for p in side):
        return side
    own = {p.actor.country for p in side if p.actor.country}
    if len(own) == 1:
        country = next(iter(own))
    else:
        taken = {p.actor.country for p in other if p.actor.country}
        named = [c for c in sentence if c not in taken] if sentence else [c for c in article if c not in taken]
        if len(named) != 1:
            return side
        country = named[0]
    located = [_located(p, country) if _needs_country(p) else p for p in side]
    seen: set[tuple[str | None, int, int]] = set()
    out = []
    for participant in located:  # "Israeli police officers" once, not as ISRCOP and a located COP
        key = (participant.actor.code, participant.start, participant.end)
        if key not in seen:
            seen.add(key)
            out.append(participant)
    return tuple(out)


def _needs_country(participant: Participant) -> bool:
    actor = participant.actor
    return (actor.country is None and actor.sector in CONTEXT_SECTORS and actor.kind in CONTEXT_KINDS)


def _located(participant: Participant, country: str) -> Participant:
    actor = participant.actor
    return replace(participant, actor=replace(actor, country=country, code=f"{country}{actor.sector}"))
