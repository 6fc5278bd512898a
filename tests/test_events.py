"""The event coder over real parses, with hand-built actor, date and place inputs.

Each row of a table is a real sentence and the actor mentions the actors stage would give it
(written by hand, so this file tests the coder alone) -> the expected event(s).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import pytest

from eventdesk.events import EventCoder
from eventdesk.records import (
    Actor,
    ActorMention,
    DateMention,
    Event,
    ParsedArticle,
    Place,
    PlaceMention,
    Quote,
    Span,
)
from eventdesk.settings import EventSettings

PUBLISHED = dt.date(2022, 8, 23)

# name -> (code, country, kind) for the actors used in the tables below
ACTORS = {
    "Israel": ("ISR", "ISR", "country"), "Egypt": ("EGY", "EGY", "country"), "Iran": ("IRN", "IRN", "country"),
    "Russia": ("RUS", "RUS", "country"), "Ukraine": ("UKR", "UKR", "country"), "Germany": ("DEU", "DEU", "country"),
    "Japan": ("JPN", "JPN", "country"), "Sri Lanka": ("LKA", "LKA", "country"), "Turkey": ("TUR", "TUR", "country"),
    "United States": ("USA", "USA", "country"), "Syria": ("SYR", "SYR", "country"), "Sudan": ("SDN", "SDN", "country"),
    "South Sudan": ("SSD", "SSD", "country"), "Tunisia": ("TUN", "TUN", "country"),
    "Hamas": ("PSEREB", "PSE", "armed_group"), "Palestinian Islamic Jihad": ("PSEREB", "PSE", "armed_group"),
    "Amnesty International": ("NGOAMN", None, "igo"), "police": ("COP", None, "sector"),
    "protesters": ("OPP", None, "sector"), "militants": ("REB", None, "sector"), "army": ("MIL", None, "sector"),
    "rebels": ("REB", None, "sector"), "government": ("GOV", None, "sector"), "students": ("EDU", None, "sector"),
    "workers": ("LAB", None, "sector"), "journalists": ("JRN", None, "sector"),
}


def actor(name: str) -> Actor:
    code, country, kind = ACTORS[name]
    return Actor(name=name, code=code, country=country, kind=kind)


def span_of(parsed: ParsedArticle, text: str, occurrence: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(text), parsed.article.text)]
    assert len(starts) > occurrence, f"{text!r} not in the text"
    return starts[occurrence], starts[occurrence] + len(text)


def mention(parsed: ParsedArticle, text: str, *names: str, occurrence: int = 0) -> ActorMention:
    """An ActorMention for ``text``, its head the token whose head lies outside the span."""
    start, end = span_of(parsed, text, occurrence)
    inside = [t for t in parsed.tokens if t.start >= start and t.end <= end]
    head = next(t.i for t in inside if not start <= parsed.tokens[t.head].start < end or t.head == t.i)
    return ActorMention(text=text, start=start, end=end, head=head, actors=tuple(actor(n) for n in names))


def date_mention(parsed: ParsedArticle, text: str, value: dt.date, precision: str = "day") -> DateMention:
    start, end = span_of(parsed, text)
    return DateMention(text=text, start=start, end=end, value=value, precision=precision)  # type: ignore[arg-type]


def place_mention(parsed: ParsedArticle, text: str, place: Place) -> PlaceMention:
    start, end = span_of(parsed, text)
    return PlaceMention(text=text, start=start, end=end, place=place)


GAZA_STRIP = Place(name="Gaza Strip", geonameid=None, lat=31.42, lon=34.36, country_code="PS", feature_class="L")
TEHRAN = Place(name="Tehran", geonameid=112931, lat=35.69, lon=51.42, country_code="IR", admin1="26")
CAIRO = Place(name="Cairo", geonameid=360630, lat=30.06, lon=31.25, country_code="EG", admin1="11")
IRAN = Place(name="Iran", geonameid=130758, lat=32.0, lon=53.0, country_code="IR", feature_class="A")


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.from_settings(EventSettings())


def code_text(coder: EventCoder, parse_text, text: str, mentions: Sequence[tuple[str, tuple[str, ...]]] = (), *,
              dates: Sequence[tuple[str, dt.date]] = (), places: Sequence[tuple[str, Place]] = (),
              quotes: Sequence[Quote] = ()) -> tuple[Event, ...]:
    parsed = parse_text(text, published=PUBLISHED)
    actors = [mention(parsed, surface, *names) for surface, names in mentions]
    return coder.code(parsed, actors=actors, places=[place_mention(parsed, t, p) for t, p in places],
                      dates=[date_mention(parsed, t, v) for t, v in dates], quotes=quotes)


def names(participants) -> set[str]:
    return {p.actor.name for p in participants}


def top(events: Sequence[Event]) -> Event:
    assert events, "no event coded"
    return max(events, key=lambda e: e.confidence)


# --------------------------------------------------------------------------- one event per sentence

CASES = [
    # (id, sentence, mentions, PLOVER category, CAMEO root, actor names, recipient names)
    ("active", "Israeli troops attacked the village on Tuesday.", [("Israeli troops", ("Israel",))],
     "ASSAULT", "19", {"Israel"}, set()),
    ("active-accuse", "Egypt condemned Israel on Monday.", [("Egypt", ("Egypt",)), ("Israel", ("Israel",))],
     "ACCUSE", "11", {"Egypt"}, {"Israel"}),
    ("active-threaten", "Russia threatened Ukraine with new sanctions.",
     [("Russia", ("Russia",)), ("Ukraine", ("Ukraine",))], "THREATEN", "13", {"Russia"}, {"Ukraine"}),
    ("active-arrest", "Police arrested ten protesters in Tunis.",
     [("Police", ("police",)), ("protesters", ("protesters",))], "COERCE", "17", {"police"}, {"protesters"}),
    ("active-protest", "Thousands of workers protested against the government in Athens.",
     [("workers", ("workers",)), ("the government", ("government",))], "PROTEST", "14", {"workers"}, {"government"}),
    ("active-praise", "Germany praised Egypt for its mediation.", [("Germany", ("Germany",)), ("Egypt", ("Egypt",))],
     "SUPPORT", "05", {"Germany"}, {"Egypt"}),
    ("active-aid", "Japan provided humanitarian aid to Sri Lanka.",
     [("Japan", ("Japan",)), ("Sri Lanka", ("Sri Lanka",))], "AID", "07", {"Japan"}, {"Sri Lanka"}),
    ("active-mobilize", "Turkey deployed troops to the Syrian border.", [("Turkey", ("Turkey",))],
     "MOBILIZE", "15", {"Turkey"}, set()),
    ("active-release", "The rebels released 20 hostages on Sunday.", [("The rebels", ("rebels",))],
     "RETREAT", "08", {"rebels"}, set()),
    ("active-reject", "Iran rejected the proposal.", [("Iran", ("Iran",))], "REJECT", "12", {"Iran"}, set()),
    ("active-meet", "Russia met Ukraine in Istanbul.", [("Russia", ("Russia",)), ("Ukraine", ("Ukraine",))],
     "CONSULT", "04", {"Russia"}, {"Ukraine"}),
    ("active-cooperate", "Egypt cooperated with Israel on border security.",
     [("Egypt", ("Egypt",)), ("Israel", ("Israel",))], "COOPERATE", "06", {"Egypt"}, {"Israel"}),
    ("accuse-of", "Hamas accused Israel of attacking the mosque.", [("Hamas", ("Hamas",)), ("Israel", ("Israel",))],
     "ACCUSE", "11", {"Hamas"}, {"Israel"}),
    ("passive", "The police were attacked by protesters in Cairo.",
     [("The police", ("police",)), ("protesters", ("protesters",))], "ASSAULT", "19", {"protesters"}, {"police"}),
    ("passive-arrest", "Two journalists were arrested by the police.",
     [("Two journalists", ("journalists",)), ("the police", ("police",))], "COERCE", "17", {"police"}, {"journalists"}),
    ("nominal-amod", "Israeli airstrikes on Gaza killed ten people.", [("Israeli", ("Israel",))],
     "ASSAULT", "19", {"Israel"}, set()),
    ("nominal-poss", "Russia's invasion of Ukraine continued.", [("Russia", ("Russia",)), ("Ukraine", ("Ukraine",))],
     "ASSAULT", "19", {"Russia"}, {"Ukraine"}),
    ("light-talks", "Israel and Egypt held talks in Cairo.", [("Israel and Egypt", ("Israel", "Egypt"))],
     "CONSULT", "04", {"Israel", "Egypt"}, set()),
    ("light-attacks", "Hamas launched rocket attacks on Israel.", [("Hamas", ("Hamas",)), ("Israel", ("Israel",))],
     "ASSAULT", "19", {"Hamas"}, {"Israel"}),
    ("light-protest", "Students staged a protest outside parliament.", [("Students", ("students",))],
     "PROTEST", "14", {"students"}, set()),
    ("light-sanctions", "The United States imposed sanctions on Iran.",
     [("The United States", ("United States",)), ("Iran", ("Iran",))], "SANCTION", "16", {"United States"}, {"Iran"}),
    ("light-agreement", "Sudan and South Sudan reached an agreement on oil.",
     [("Sudan and South Sudan", ("Sudan", "South Sudan"))], "AGREE", "03", {"Sudan", "South Sudan"}, set()),
    ("light-ceasefire", "The rebels declared a ceasefire.", [("The rebels", ("rebels",))],
     "RETREAT", "08", {"rebels"}, set()),
    ("phrasal-pull-out", "The United States pulled its troops out of Syria.",
     [("The United States", ("United States",)), ("Syria", ("Syria",))], "RETREAT", "08", {"United States"}, {"Syria"}),
    ("phrasal-crack-down", "The government cracked down on protesters.",
     [("The government", ("government",)), ("protesters", ("protesters",))], "ASSAULT", "17", {"government"},
     {"protesters"}),
    ("phrasal-call-on", "Amnesty International called on Egypt to release the activists.",
     [("Amnesty International", ("Amnesty International",)), ("Egypt", ("Egypt",))], "REQUEST", "02",
     {"Amnesty International"}, {"Egypt"}),
    ("phrasal-call-for", "Egypt called for an immediate ceasefire.", [("Egypt", ("Egypt",))],
     "REQUEST", "02", {"Egypt"}, set()),
    ("xcomp", "Hamas and Islamic Jihad have agreed to continue to coordinate their efforts.",
     [("Hamas and Islamic Jihad", ("Hamas", "Palestinian Islamic Jihad"))], "AGREE", "03",
     {"Hamas", "Palestinian Islamic Jihad"}, set()),
    ("conj-subjects", "Hamas and Islamic Jihad condemned Israel.",
     [("Hamas", ("Hamas",)), ("Islamic Jihad", ("Palestinian Islamic Jihad",)), ("Israel", ("Israel",))],
     "ACCUSE", "11", {"Hamas", "Palestinian Islamic Jihad"}, {"Israel"}),
]


@pytest.mark.parametrize(("sentence", "mentions", "category", "root", "actors", "recipients"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_sentence_is_coded(coder, parse_text, sentence, mentions, category, root, actors, recipients):
    event = top(code_text(coder, parse_text, sentence, mentions))
    assert (event.type.event, event.type.cameo[:2]) == (category, root)
    assert names(event.actor) == actors
    assert names(event.recipient) == recipients
    assert 0.0 < event.confidence <= 1.0
    assert parse_text(sentence).article.text[event.trigger.start:event.trigger.end] == event.trigger.text


NO_EVENT = [
    "Manchester United beat Chelsea 2-1 in the cup final on Saturday.",
    "Heavy rain hit the region on Monday.",
    "The press conference was held in Tehran.",
    "The minister held a press conference on Monday.",
    "Prices rose sharply in March.",
    "The film was shot in Morocco last year.",
    "The company released its annual report on Tuesday.",
    "The spokesman declined to comment.",
]


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_no_trigger_no_event(coder, parse_text, sentence):
    assert code_text(coder, parse_text, sentence) == ()


# --------------------------------------------------------------------------- structure


def test_conjoined_verbs_share_the_subject(coder, parse_text):
    sentence = "They also discussed bilateral relations and agreed on enhancing joint action."
    events = code_text(coder, parse_text, sentence, [("They", ("Hamas", "Palestinian Islamic Jihad"))])
    assert [e.type.event for e in events] == ["CONSULT", "AGREE"]
    assert all(names(e.actor) == {"Hamas", "Palestinian Islamic Jihad"} for e in events)


def test_reported_speech_codes_the_inner_event_with_its_source(coder, parse_text):
    events = code_text(coder, parse_text, "The army said militants attacked a checkpoint near Jenin.",
                       [("The army", ("army",)), ("militants", ("militants",))])
    assert len(events) == 1
    event = events[0]
    assert event.type.event == "ASSAULT" and names(event.actor) == {"militants"}
    assert event.source is not None and event.source.text == "The army"


def test_a_denial_codes_the_denied_event_negated(coder, parse_text):
    events = code_text(coder, parse_text, "Hamas denied attacking the military base.", [("Hamas", ("Hamas",))])
    assert len(events) == 1
    assert events[0].type.event == "ASSAULT" and events[0].negated
    assert names(events[0].actor) == {"Hamas"}


def test_a_reported_obligation_is_a_demand(coder, parse_text):
    event = top(code_text(coder, parse_text, "Russia said Ukraine must withdraw its troops.",
                          [("Russia", ("Russia",)), ("Ukraine", ("Ukraine",))]))
    assert event.type.event == "REQUEST"
    assert names(event.actor) == {"Russia"} and names(event.recipient) == {"Ukraine"}


def test_first_person_inside_a_quote_is_the_speaker(coder, parse_text):
    text = "“We will continue to coordinate our efforts,” said the leaders of both movements."
    parsed = parse_text(text, published=PUBLISHED)
    speaker = mention(parsed, "the leaders of both movements", "Hamas", "Palestinian Islamic Jihad")
    start, end = span_of(parsed, "We will continue to coordinate our efforts,")
    quote = Quote(text=text[start:end], start=start, end=end,
                  speaker=Span(text=speaker.text, start=speaker.start, end=speaker.end), speaker_actors=speaker.actors)
    events = coder.code(parsed, actors=[speaker], places=(), dates=(), quotes=[quote])
    # an announced cooperation is CAMEO 031, intent to cooperate (see events/intent.py)
    assert [(e.type.event, e.type.cameo) for e in events] == [("AGREE", "031")]
    assert events[0].future and names(events[0].actor) == {"Hamas", "Palestinian Islamic Jihad"}
    assert events[0].source is not None and events[0].source.text == "the leaders of both movements"


def test_an_ambiguous_trigger_needs_an_actor(coder, parse_text):
    sentence = "The missile hit the building."
    assert code_text(coder, parse_text, sentence) == ()
    parsed_events = code_text(coder, parse_text, "Russia hit the building.", [("Russia", ("Russia",))])
    assert [e.type.event for e in parsed_events] == ["ASSAULT"]
    clear = top(code_text(coder, parse_text, "Russia attacked the building.", [("Russia", ("Russia",))]))
    assert parsed_events[0].confidence < clear.confidence


# --------------------------------------------------------------------------- dates, places, ids


def test_the_date_in_the_clause_wins_and_the_week_is_the_fallback(coder, parse_text):
    dated = code_text(coder, parse_text, "Israel attacked Gaza on August 5.", [("Israel", ("Israel",))],
                      dates=[("August 5", dt.date(2022, 8, 5))])
    assert (dated[0].date, dated[0].date_precision, dated[0].date_text.text) == (dt.date(2022, 8, 5), "day", "August 5")
    undated = code_text(coder, parse_text, "Israel attacked Gaza.", [("Israel", ("Israel",))])
    assert (undated[0].date, undated[0].date_precision, undated[0].date_text) == (PUBLISHED, "week", None)


def test_a_historical_event_without_a_date_has_none(coder, parse_text):
    sentence = "On the 53rd anniversary of the arson attack on Al-Aqsa Mosque, both movements emphasised their unity."
    events = code_text(coder, parse_text, sentence, [("both movements", ("Hamas", "Palestinian Islamic Jihad"))])
    attacks = [e for e in events if e.type.event == "ASSAULT"]
    assert len(attacks) == 1, "the arson attack is one attack: attack's own row codes arson (1712)"
    attack = attacks[0]
    assert attack.type.cameo == "1712"
    assert attack.historical and attack.date is None and attack.date_precision is None


def test_the_place_under_a_locative_preposition_is_the_event_location(coder, parse_text):
    events = code_text(coder, parse_text, "Iran arrested two journalists in Tehran.", [("Iran", ("Iran",))],
                       places=[("Iran", IRAN), ("Tehran", TEHRAN)])
    location = events[0].event_loc
    assert location is not None
    assert (location.extracted_place, location.resolved_place, location.geonameid, location.precision) == \
        ("Tehran", "Tehran", 112931, 1)


def test_the_actor_is_not_the_event_location(coder, parse_text):
    """A country that acts is a participant: neither the event's place nor the article's fallback place."""
    events = code_text(coder, parse_text, "Iran arrested two journalists.", [("Iran", ("Iran",))],
                       places=[("Iran", IRAN)])
    assert events and events[0].event_loc is None


def test_a_country_location_has_precision_four(coder, parse_text):
    events = code_text(coder, parse_text, "Police arrested ten protesters in Iran.", [("Police", ("police",))],
                       places=[("Iran", IRAN)])
    assert events[0].event_loc is not None and events[0].event_loc.precision == 4


def test_event_ids_are_deterministic(coder, parse_text):
    first = code_text(coder, parse_text, "Israel attacked Gaza.", [("Israel", ("Israel",))])
    second = code_text(coder, parse_text, "Israel attacked Gaza.", [("Israel", ("Israel",))])
    assert [e.id for e in first] == [e.id for e in second]
    assert re.fullmatch(r"[0-9a-f]{16}", first[0].id)


def test_without_mentions_roles_stay_empty(coder, parse_text):
    events = code_text(coder, parse_text, "Gunmen attacked a bus near the border.")
    assert events and events[0].actor == () and events[0].recipient == ()
