"""ACLED types read with who did what to whom: real parses, the real actors stage and coder.

The rules are ACLED's published definitions (armed groups fighting each other are battles; an
armed group attacking unarmed people is violence against civilians; a crowd's violence is a riot;
force used on a demonstration is a protest event; the means decides for explosions), written as
conditions in data/ontology/cameo_acled.tsv over the actor classes of actor_classes.tsv.
"""

from __future__ import annotations

import pytest

from eventdesk.actors import ActorResolver
from eventdesk.events import EventCoder
from eventdesk.records import AcledType, ActorMention, Event
from eventdesk.settings import ActorSettings, EventSettings
from tests.conftest import ParseText


class Coder:
    """The actors stage and the event coder over the session's real parser (no places, dates)."""

    def __init__(self, parse_text: ParseText) -> None:
        self.parse_text = parse_text
        self.actors = ActorResolver.from_settings(ActorSettings())
        self.events = EventCoder.from_settings(EventSettings())

    def code(self, text: str) -> tuple[tuple[ActorMention, ...], tuple[Event, ...]]:
        parsed = self.parse_text(text, published="2024-05-07")
        actors = self.actors.resolve(parsed)
        return actors, self.events.code(parsed, actors=actors, places=(), dates=())


@pytest.fixture(scope="module")
def pipeline(parse_text: ParseText) -> Coder:
    return Coder(parse_text)


def events_of(pipeline: Coder, text: str) -> list[Event]:
    return [e for e in pipeline.code(text)[1] if e.type.acled is not None]


def acled_of(pipeline: Coder, text: str, trigger: str) -> AcledType:
    found = [e for e in events_of(pipeline, text) if e.trigger.text.startswith(trigger)]
    assert found, f"no typed event with trigger {trigger!r} in {text!r}"
    acled = found[0].type.acled
    assert acled is not None
    return acled


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Gunmen killed three villagers in Zamfara on Monday.", "killed",
     ("Violence against civilians", "Attack")),
    ("Armed men abducted 20 students in Kaduna.", "abducted",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Militants clashed with soldiers near Maiduguri on Monday.", "clashed", ("Battles", "Armed clash")),
    ("Russian troops fired at Ukrainian soldiers.", "fired", ("Battles", "Armed clash")),
    ("A mob lynched a man in Lagos.", "lynched", ("Riots", "Mob violence")),
    ("Protesters clashed with police in Nairobi.", "clashed", ("Riots", "Violent demonstration")),
    ("Police fired tear gas at protesters in Lagos.", "fired", ("Protests", "Protest with intervention")),
    ("Soldiers shot dead two protesters in Khartoum.", "shot", ("Protests", "Excessive force against protesters")),
    ("Thousands of protesters demonstrated in Nairobi against tax increases.", "demonstrated",
     ("Protests", "Peaceful protest")),
    ("Israeli airstrikes killed five people in Gaza.", "killed", ("Explosions/Remote violence", "Air/drone strike")),
])
def test_the_type_follows_the_actors(pipeline: Coder, text: str, trigger: str, expected: tuple[str, str]) -> None:
    assert acled_of(pipeline, text, trigger) == AcledType(event_type=expected[0], sub_event_type=expected[1])


def test_a_protest_beside_a_riot_is_a_violent_demonstration(pipeline: Coder) -> None:
    events = events_of(pipeline, "Thousands of protesters marched in Nairobi and threw stones at police.")
    assert {e.trigger.text for e in events} == {"marched", "threw"}
    assert {e.type.acled for e in events} == {AcledType(event_type="Riots", sub_event_type="Violent demonstration")}


def test_the_means_decides_beside_an_explosion(pipeline: Coder) -> None:
    events = events_of(pipeline, "An improvised explosive device exploded in Kabul, killing two civilians.")
    assert len(events) == 2
    assert {e.type.acled.event_type for e in events if e.type.acled} == {"Explosions/Remote violence"}
    killing = next(e for e in events if e.trigger.text == "killing")
    assert [p.actor.sector for p in killing.recipient] == ["CVL"]


def test_unknown_people_get_a_sector_and_crowds_a_kind(pipeline: Coder) -> None:
    mentions, _ = pipeline.code("Kenyan protesters marched in Nairobi. A mob attacked armed men near three villagers.")
    actors = {m.text: m.actors[0] for m in mentions}
    assert (actors["Kenyan protesters"].code, actors["Kenyan protesters"].kind) == ("KENOPP", "demonstrators")
    assert (actors["A mob"].sector, actors["A mob"].kind) == ("CVL", "mob")
    assert actors["armed men"].sector == "UAF"
    assert actors["three villagers"].sector == "CVL"


def test_an_accusation_reports_the_event_it_names(pipeline: Coder) -> None:
    _, events = pipeline.code("Syria accused Israel of attacking its territory.")
    by_trigger = {e.trigger.text: e for e in events}
    accusation, attack = by_trigger["accused"], by_trigger["attacking"]
    assert (accusation.type.event, [p.actor.code for p in accusation.actor]) == ("ACCUSE", ["SYR"])
    assert [p.actor.code for p in accusation.recipient] == ["ISR"]
    assert attack.type.event == "ASSAULT" and not attack.negated
    assert [p.actor.code for p in attack.actor] == ["ISR"]  # the accused did it, as Syria says
    assert [p.actor.code for p in attack.recipient] == ["SYR"]
    assert attack.source is not None and attack.source.text == "Syria"
