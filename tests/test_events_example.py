"""The example article's events, coded from hand-built actor, date and place mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdesk.events import EventCoder
from eventdesk.records import Event
from eventdesk.settings import EventSettings
from tests.conftest import EXAMPLE_ARTICLE
from tests.test_events import GAZA_STRIP, IRAN, TEHRAN, date_mention, mention, names, place_mention

HAMAS_PIJ = ("Hamas", "Palestinian Islamic Jihad")


def article_text() -> str:
    """Caption and body paragraphs, without the site tagline, the dateline and the "READ:" inserts."""
    paragraphs = [p.strip() for p in EXAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    dropped = ("Creating new perspectives", "August 23, 2022 at", "READ:", "Hamas and Islamic Jihad agree on")
    return "\n\n".join(p for p in paragraphs if not p.startswith(dropped))


@pytest.fixture(scope="module")
def events(parse_text) -> tuple[Event, ...]:
    parsed = parse_text(article_text(), published="2022-08-23", id="hamas-islamic-jihad-coordination")
    actors = [
        mention(parsed, "Secretary General of the Islamic Jihad Movement", "Palestinian Islamic Jihad"),
        mention(parsed, "Israel", "Israel", occurrence=0),
        mention(parsed, "Egyptian", "Egypt"),
        mention(parsed, "Israel and the Islamic Jihad Movement", "Israel", "Palestinian Islamic Jihad"),
        mention(parsed, "The Palestinian Islamic Resistance Movement, Hamas, and Islamic Jihad in Palestine",
                *HAMAS_PIJ),
        mention(parsed, "Political, security and military leaders from both movements", *HAMAS_PIJ),
        mention(parsed, "They", *HAMAS_PIJ, occurrence=0),
        mention(parsed, "Both movements", *HAMAS_PIJ),
    ]
    dates = [date_mention(parsed, "August 5", dt.date(2022, 8, 5)),
             date_mention(parsed, "yesterday", dt.date(2022, 8, 7)),
             date_mention(parsed, "August 08, 2022", dt.date(2022, 8, 8))]
    places = [place_mention(parsed, "Gaza Strip", GAZA_STRIP), place_mention(parsed, "Tehran", TEHRAN),
              place_mention(parsed, "Iran", IRAN)]
    return EventCoder.from_settings(EventSettings()).code(parsed, actors=actors, places=places, dates=dates)


def find(events: tuple[Event, ...], trigger: str, occurrence: int = 0) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) > occurrence, f"no event with trigger {trigger!r}: {[e.trigger.text for e in events]}"
    return found[occurrence]


def test_the_attacks_launched_by_israel(events):
    attack = find(events, "attacks launched")
    assert attack.type.event == "ASSAULT"
    assert names(attack.actor) == {"Israel"}
    assert (attack.date, attack.date_precision) == (dt.date(2022, 8, 5), "day")
    assert attack.event_loc is not None and attack.event_loc.resolved_place == "Gaza Strip"
    assert attack.event_loc.precision == 2  # a region


def test_the_egyptian_mediated_ceasefire(events):
    ceasefire = find(events, "ceasefire")
    assert (ceasefire.type.event, ceasefire.type.mode) == ("RETREAT", "ceasefire")
    assert names(ceasefire.actor) == {"Israel"}
    assert names(ceasefire.recipient) == {"Palestinian Islamic Jihad"}
    assert ceasefire.date == dt.date(2022, 8, 7)


def test_the_agreement_to_coordinate(events):
    agree = find(events, "agreed", 0)
    assert agree.type.event == "AGREE"
    assert names(agree.actor) == set(HAMAS_PIJ)
    assert not any(e.trigger.text == "coordinate" and e.sentence == agree.sentence for e in events)


def test_the_two_discussions_and_the_agreement_on_joint_action(events):
    first, second = find(events, "discussed", 0), find(events, "discussed", 1)
    assert first.type.event == second.type.event == "CONSULT"
    assert names(first.actor) == names(second.actor) == set(HAMAS_PIJ)
    joint_action = find(events, "agreed", 1)
    assert joint_action.type.event in ("AGREE", "COOPERATE")
    assert names(joint_action.actor) == set(HAMAS_PIJ)


def test_both_movements_thanked(events):
    thanks = find(events, "thanked")
    assert thanks.type.event == "SUPPORT"
    assert names(thanks.actor) == set(HAMAS_PIJ)


def test_no_event_from_the_press_conference(events):
    assert not any("conference" in e.trigger.text or e.trigger.text == "holds" for e in events)


def test_events_are_dated_from_the_article_when_the_text_gives_no_date(events):
    agree = find(events, "agreed", 0)
    assert (agree.date, agree.date_precision) == (dt.date(2022, 8, 23), "week")
