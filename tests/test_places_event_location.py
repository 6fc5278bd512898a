"""Event locations (``eventdesk.events.attach``) over real parses: demonyms, the main-place fallback, and
dedup's disregard of fallback locations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventdesk.actors import ActorResolver
from eventdesk.dedup import merge_events
from eventdesk.events import EventCoder
from eventdesk.events.attach import attach_mentions, event_location, main_place
from eventdesk.events.roles import Tree
from eventdesk.places import Geocoder
from eventdesk.records import Event, EventLocation, EventType, Span
from eventdesk.settings import ActorSettings, EventSettings

from .conftest import ParseText


def attach(parse_text: ParseText, geocoder: Geocoder, text: str, verb: str, sentence: int = -1):  # type: ignore[no-untyped-def]
    parsed = parse_text(text)
    places = geocoder.geocode(parsed)
    chosen = parsed.sentences[sentence]
    start = text.index(verb, chosen.start)
    anchor = frozenset(t.i for t in parsed.tokens if t.start == start)
    return attach_mentions(Tree(parsed), chosen, [anchor], places, locative=True)[0]


def attached_text(parse_text: ParseText, geocoder: Geocoder, text: str, verb: str) -> str | None:
    """The text of the place attached to the trigger ``verb`` of the last sentence, or None."""
    found = attach(parse_text, geocoder, text, verb)
    return found.mention.text if found is not None else None


def test_a_demonym_is_not_the_event_location(parse_text: ParseText, geocoder: Geocoder) -> None:
    assert attach(parse_text, geocoder, "Syrian troops shelled the village.", "shelled") is None


def test_the_place_under_a_locative_preposition_wins(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "Syrian troops shelled rebels in Idlib, officials in Damascus said.",
                   "shelled")
    assert found is not None and found.mention.text == "Idlib"


def test_a_sentence_naming_no_place_gets_none_and_the_main_place_is_coarser(parse_text: ParseText,
                                                                           geocoder: Geocoder) -> None:
    text = "Protesters gathered in Khartoum on Monday. Police later fired tear gas at the crowd in Khartoum."
    assert attach(parse_text, geocoder, "Protesters gathered in Khartoum. Police fired tear gas.", "fired") is None
    parsed = parse_text(text)
    main = main_place(geocoder.geocode(parsed))
    assert main is not None and main.text == "Khartoum" and main.start == text.index("Khartoum")
    assert event_location(main, fallback=True).precision == 2
    assert event_location(main).precision == 1


def test_a_sentences_only_place_is_not_taken_without_a_locative_cue(parse_text: ParseText,
                                                                    geocoder: Geocoder) -> None:
    assert attach(parse_text, geocoder, "The bombing killed five people, and Lebanon mourned.", "killed") is None
    found = attach(parse_text, geocoder, "The bombing killed five people, and mourners gathered in Beirut.", "killed")
    assert found is not None and found.mention.text == "Beirut"


def test_a_country_loosely_tied_to_the_trigger_is_not_its_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    """Mali is too far up from "killed" for a country (``COUNTRY_DEPTH``); a town there is taken."""
    assert attach(parse_text, geocoder, "Two soldiers were killed on Monday after weeks of unrest in Mali.",
                  "killed") is None
    town = attach(parse_text, geocoder, "Two soldiers were killed on Monday after weeks of unrest in Gao.", "killed")
    assert town is not None and town.mention.text == "Gao"


def test_the_direct_object_place_and_the_most_specific_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "Government forces shelled Aleppo on Monday.", "shelled")
    assert found is not None and found.mention.text == "Aleppo"
    found = attach(parse_text, geocoder, "A bomb exploded in Baghdad's neighborhood of Karrada, in Iraq.", "exploded")
    assert found is not None and found.mention.text != "Iraq"


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.from_settings(EventSettings())


def code(parse_text: ParseText, geocoder: Geocoder, coder: EventCoder, text: str) -> tuple[Event, ...]:
    parsed = parse_text(text, published="2024-03-12")
    actors = ActorResolver.from_settings(ActorSettings()).resolve(parsed)
    return coder.code(parsed, actors=actors, places=geocoder.geocode(parsed), dates=())


def test_an_event_its_sentence_does_not_place_gets_the_main_place_as_a_fallback(
        parse_text: ParseText, geocoder: Geocoder, coder: EventCoder) -> None:
    text = ("Police fired tear gas at protesters in Khartoum on Monday. Soldiers arrested dozens of students. "
            "Khartoum has seen weeks of protests.")
    events = code(parse_text, geocoder, coder, text)
    placed = [e for e in events if e.trigger.start < text.index("Soldiers")]
    later = [e for e in events if e.trigger.start > text.index("Soldiers")]
    assert placed and later
    assert all(e.event_loc is not None and not e.event_loc.fallback and e.event_loc.precision == 1 for e in placed)
    loc = later[0].event_loc
    assert loc is not None and loc.fallback and loc.resolved_place == "Khartoum" and loc.precision == 2


def test_a_country_that_acts_is_not_the_fallback_place(parse_text: ParseText, geocoder: Geocoder,
                                                       coder: EventCoder) -> None:
    """Named twice as the one who acts, Russia is a participant; the fallback is the place the text is about."""
    text = ("Russia shelled Kharkiv on Monday. Russia also threatened Ukraine with new sanctions. "
            "Officials met to discuss the situation.")
    events = code(parse_text, geocoder, coder, text)
    met = [e for e in events if e.trigger.start > text.index("Officials")]
    assert met, [e.trigger.text for e in events]
    loc = met[0].event_loc
    assert loc is not None and loc.fallback and loc.resolved_place == "Kharkiv"


def test_dedup_ignores_a_fallback_location() -> None:
    """Two reports in two sentences that share only the fallback place stay two events; the same real place
    merges them."""
    kind = EventType(cameo="190", event="ASSAULT", mode=None, context=(), quad_code=4, goldstein=-10.0)
    where = EventLocation(extracted_place="Gaza", resolved_place="Gaza", geonameid=281133, lat=31.5, lon=34.47,
                          country_code="PS", start=0, end=4)

    def strike(at: int, location: EventLocation) -> Event:
        return Event(id=str(at), date=None, date_precision=None, type=kind, actor=(), recipient=(),
                     event_loc=location, sentence=Span(text="s", start=at, end=at + 50),
                     trigger=Span(text="struck", start=at + 5, end=at + 11))

    fallback = replace(where, fallback=True, precision=2)
    assert len(merge_events([strike(0, fallback), strike(100, fallback)])) == 2
    assert len(merge_events([strike(0, where), strike(100, where)])) == 1
    assert len(merge_events([strike(0, where), strike(100, fallback)])) == 2


def test_the_governing_clause_places_a_trigger_that_has_no_place_of_its_own(parse_text: ParseText,
                                                                             geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "A car bomb exploded in Baghdad on Monday, killing ten people.", "killing")
    assert found is not None and found.mention.text == "Baghdad"


def test_the_place_of_a_reporting_verb_is_not_the_events(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "The minister said in Cairo that rebels had attacked a convoy.", "attacked")
    assert found is None or found.mention.text != "Cairo"


@pytest.mark.parametrize(("text", "verb", "place"), [
    # where the trigger moves someone is its place ("deployed to", "flew to": a visit is coded where it
    # is paid; event_location dev +11 sentences) ...
    ("The delegation flew to Paris after the talks collapsed.", "flew", "Paris"),
    ("The army deployed two battalions to Kidal on Monday.", "deployed", "Kidal"),
    # ... but only right under it: a destination further down names no scene
    ("Airlines cancelled flights to Paris after the strike.", "cancelled", None),
    ("Jets flew over Dhaka on Tuesday.", "flew", "Dhaka"),
])
def test_a_destination_under_the_trigger_is_its_place(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                      verb: str, place: str | None) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Two soldiers were killed during clashes in Yemen on Monday.", "killed", "Yemen"),
    ("Police arrested dozens of people amid protests in Kenya.", "arrested", "Kenya"),
])
def test_the_place_of_the_frame_an_event_happened_during_is_its_scene(parse_text: ParseText, geocoder: Geocoder,
                                                                      text: str, verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


def test_a_place_in_a_reported_clause_is_the_reported_events_not_the_reporting_verbs(parse_text: ParseText,
                                                                                    geocoder: Geocoder) -> None:
    text = "Officials said that a bomb exploded in Kabul on Monday."
    assert attach(parse_text, geocoder, text, "said") is None
    found = attach(parse_text, geocoder, text, "exploded")
    assert found is not None and found.mention.text == "Kabul"


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Gibraltar was captured by a British fleet in 1704.", "captured", "Gibraltar"),
    ("Kosovo is patrolled by NATO troops.", "patrolled", "Kosovo"),
    ("Ocalan was captured in Kenya in 1999.", "captured", "Kenya"),  # the small NER takes Ocalan for a place
])
def test_a_passive_subject_place_is_taken_when_no_other_place_is(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                                 verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


def test_a_country_that_owns_something_is_not_where(parse_text: ParseText, geocoder: Geocoder) -> None:
    assert attach(parse_text, geocoder, "Police captured one of Colombia's main cocaine traffickers on Tuesday.",
                  "captured") is None


@pytest.mark.parametrize(("text", "verb"), [
    ("Police shot and killed a man who was preparing to attack a hotel in Mtwapa.", "shot"),
    ("Rescue workers ended the search for survivors where the truck bombs blew apart buildings in Algiers.", "ended"),
])
def test_a_place_with_no_tree_path_to_the_trigger_is_not_taken(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                               verb: str) -> None:
    assert attach(parse_text, geocoder, text, verb) is None


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Soldiers captured 11 alleged hit men from the Sinaloa cartel.", "captured", None),
    ("Troops destroyed missile silos inherited from the Soviet Union.", "destroyed", None),
    ("Riot police were patrolling the main roads leading from Kibera into Nairobi.", "patrolling", "Nairobi"),
    ("Troops captured two villages, Kafr Nabl and Hass.", "captured", "Kafr Nabl"),
])
def test_a_place_below_the_object_is_taken_only_inside_its_phrase_or_after_a_locative(
        parse_text: ParseText, geocoder: Geocoder, text: str, verb: str, place: str | None) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


def test_a_place_named_in_another_spelling_is_no_demonym_whatever_its_tag(parse_text: ParseText,
                                                                          geocoder: Geocoder) -> None:
    """The places stage says which mentions are nationality words; the tagger's NNPS or NORP on a place's own name
    ("Raqqa", a spelling of Ar Raqqah) does not make it one, and the demonym itself stays out."""
    text = "ISIS fighters began a large-scale assault on the Syrian Arab Army (SAA) in western Raqqa."
    parsed = parse_text(text)
    flags = {m.text: m.demonym for m in geocoder.geocode(parsed)}
    assert flags.get("Raqqa") is False
    found = attach(parse_text, geocoder, text, "began")
    assert found is not None and found.mention.text == "Raqqa"
    syrian = geocoder.geocode(parse_text("Syrian troops shelled the village."))
    assert [m.demonym for m in syrian if m.text == "Syrian"] == [True]


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Gunmen killed two soldiers south of Kirkuk on Monday.", "killed", "Kirkuk"),
    ("Suicide bombers attacked a police post north of Ramadi.", "attacked", "Ramadi"),
    ("Three soldiers were wounded north of Tikrit.", "wounded", "Tikrit"),
    ("The man was shot while trying to flee close to the town of Poso.", "shot", "Poso"),
])
def test_a_bare_direction_from_a_place_is_where_it_happened(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                            verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb"), [
    ("Warplanes pounded rebel-held areas southeast of Aleppo overnight.", "pounded"),
    ("Protesters marched through Croydon, south of London, on Sunday.", "marched"),
])
def test_a_direction_that_places_another_place_is_a_reference_point(parse_text: ParseText, geocoder: Geocoder,
                                                                    text: str, verb: str) -> None:
    found = attach(parse_text, geocoder, text, verb)
    assert found is None or found.mention.text not in ("Aleppo", "Baghdad")


@pytest.mark.parametrize("text", [
    "Government forces launched an offensive in the East Ghouta region of rural Damascus on Friday.",
    "Rebels launched a large assault in the West Ghouta region of Damascus this week.",
])
def test_a_name_the_parser_hung_as_an_adjective_is_no_step_from_its_noun(parse_text: ParseText, geocoder: Geocoder,
                                                                          text: str) -> None:
    # "East Ghouta region": the parser makes "Ghouta" an adjective of "region", one edge more than "of Damascus"
    found = attach(parse_text, geocoder, text, "launched")
    assert found is not None and found.mention.text.endswith("Ghouta")


@pytest.mark.parametrize(("text", "place"), [
    ("The army continued its offensive in the countryside of Homs on Monday, targeting rebel positions northeast of "
     "the Tiyas Military Airport.", "Tiyas Military Airport"),
    ("The army continued its offensive in the countryside of Aleppo on Monday, targeting rebel positions north of "
     "Al-Bab.", "Al-Bab"),
])
def test_a_triggers_own_reference_point_beats_its_governing_clauses_place(parse_text: ParseText,
                                                                          geocoder: Geocoder, text: str,
                                                                          place: str) -> None:
    found = attach(parse_text, geocoder, text, "targeting")
    assert found is not None and found.mention.text == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Rebels began their assault by storming the village of Kafr Hamra at dawn.", "began", "Kafr Hamra"),
    ("The army resumed its offensive to capture the village of Tal Hadya on Friday.", "resumed", "Tal Hadya"),
    ("Gunmen executed 24 civilians after capturing Buyir village in northern Syria.", "executed", "Buyir"),
    ("Argentina captured the title by beating Italy in the final.", "captured", None),  # a country: an opponent
])
def test_the_place_a_verb_of_means_or_purpose_takes_is_the_events(parse_text: ParseText, geocoder: Geocoder,
                                                                  text: str, verb: str, place: str | None) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("The Syrian army launched the operation to regain control of the eastern part of Aleppo in late November.",
     "launched", "Aleppo"),
    ("The army launched a counter-assault to recapture Kafr Saghir on Monday.", "launched", "Kafr Saghir"),
])
def test_the_place_a_clause_of_purpose_takes_is_the_events(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                           verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("The village of Abadam was bombed by an unidentified plane yesterday.", "bombed", "Abadam"),
    ("The towns of Hayyan and Huraytan were targeted with rockets on Wednesday.", "targeted", "Hayyan"),
    ("Antonio Bargiggia, 43, of Milan, was shot on Tuesday.", "shot", None),  # where he is from, not where it was
])
def test_a_place_noun_named_as_the_passive_subject_is_the_events_place(parse_text: ParseText, geocoder: Geocoder,
                                                                      text: str, verb: str,
                                                                      place: str | None) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


def test_a_quote_mark_written_onto_a_place_name_does_not_head_it(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "The Syrian army is now attacking the final positions in ‘Ayn Al-Fijah, hoping to expel the rebels."
    found = attach(parse_text, geocoder, text, "attacking")
    assert found is not None and found.mention.text == "‘Ayn Al-Fijah"


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("A surprise burst of mob violence in Liberia's capital last week killed 18 people.", "killed", "Liberia"),
    ("A car bomb detonated near a US convoy in Baghdad's southern district of Saiydiah.", "detonated", "Saiydiah"),
])
def test_a_country_that_says_whose_capital_names_the_place(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                           verb: str, place: str) -> None:
    # "in Liberia's capital" reads as "in the capital of Liberia"; a district named in its own right keeps its name
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Five men were killed when gunmen opened fire on them at a bar in southern Italy.", "killed", "Italy"),
    ("Police shot dead four suspected militants in two shootouts in southern Egypt.", "shot", "Egypt"),
    ("A bomb attack on a packed mosque in northwest Pakistan killed at least 11 people.", "killed", "Pakistan"),
])
def test_a_country_a_compass_word_makes_an_area_of_is_no_background(parse_text: ParseText, geocoder: Geocoder,
                                                                    text: str, verb: str, place: str) -> None:
    # a bare country this far up the tree is background ("killed ... as the war in Iraq raged"); "southern Italy" is
    # a region, as near to the event as a province
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("The sheikh was shot dead on Monday as he entered a Baghdad mosque.", "shot", "Baghdad"),
    ("The Taliban captured 11 Iranians when they overran the city of Mazar-e-Sharif last month.", "captured",
     "Mazar-e-Sharif"),
    ("The brothers were shot dead last week when Israeli troops raided their West Bank hideout.", "shot",
     "West Bank"),
])
def test_the_ground_a_verb_of_the_scene_takes_is_the_events_place(parse_text: ParseText, geocoder: Geocoder,
                                                                   text: str, verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "verb"), [
    # another event, conjoined: the Red House was stormed, not bombed
    ("In 1990 the group bombed police headquarters and stormed the government's Red House.", "bombed"),
    # another moment: the town was destroyed before the alliance entered Kosovo
    ("The town was destroyed by Serb forces before the alliance entered Kosovo on June 12.", "destroyed"),
])
def test_the_ground_of_another_event_or_moment_is_not_the_events_place(parse_text: ParseText, geocoder: Geocoder,
                                                                       text: str, verb: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) is None


@pytest.mark.parametrize(("text", "place"), [
    ("Four Iraqis were killed and 15 injured as insurgents conducted attacks in the northern Iraqi city of Mosul.",
     "Mosul"),
    ("Five people were killed and three others wounded in a gun and grenade attack in a district of Burundi's "
     "capital, police said.", "Burundi"),
])
def test_casualties_conjoined_share_the_place_the_parser_hangs_on_the_last(parse_text: ParseText,
                                                                           geocoder: Geocoder, text: str,
                                                                           place: str) -> None:
    assert attached_text(parse_text, geocoder, text, "killed") == place


def test_a_name_the_gazetteer_lacks_lies_only_in_the_country_it_was_placed_in(parse_text: ParseText,
                                                                             geocoder: Geocoder) -> None:
    text = ("A U.S.-led allied air force, based in Incirlik, Adana of southern Turkey, has been patrolling over "
            "northern Iraq since the Gulf war in 1991.")
    assert attached_text(parse_text, geocoder, text, "patrolling") == "Iraq"


def test_a_more_specific_place_far_down_the_tree_does_not_replace_the_triggers_own(parse_text: ParseText,
                                                                                   geocoder: Geocoder) -> None:
    text = ("Ten months earlier, in Arkansas, Hindman marched an army into an advantageous position, only to forfeit "
            "decision-making to subordinates once the fight at Prairie Grove got under way.")
    assert attached_text(parse_text, geocoder, text, "marched") == "Arkansas"


def test_the_place_a_verb_of_passing_passes_by_is_where_it_happened(parse_text: ParseText,
                                                                    geocoder: Geocoder) -> None:
    text = "A land mine was detonated on Saturday when an army convoy passed by Mir Ali, a major town in the region."
    assert attached_text(parse_text, geocoder, text, "detonated") == "Mir Ali"


@pytest.mark.parametrize(("text", "verb", "place"), [
    ("Israel captured and annexed Arab east Jerusalem in 1967.", "captured", "east Jerusalem"),
    ("Immediately after Tanbour village, the Syrian forces stormed and captured Surjah Kabira and Surjah Saghira.",
     "stormed", "Surjah Kabira"),
])
def test_verbs_conjoined_without_an_object_share_the_next_ones(parse_text: ParseText, geocoder: Geocoder,
                                                               text: str, verb: str, place: str) -> None:
    assert attached_text(parse_text, geocoder, text, verb) == place


@pytest.mark.parametrize(("text", "place"), [
    ("One activist was shot dead Sunday in the Harare township of Highfield.", "Highfield"),
    ("A policeman was killed when a roadside bomb ripped through their patrol in the south Baghdad neighbourhood of "
     "Zafaraniya.", "Zafaraniya"),
])
def test_the_place_named_after_of_beats_the_town_that_says_where_it_is(parse_text: ParseText, geocoder: Geocoder,
                                                                      text: str, place: str) -> None:
    verb = "shot" if "shot" in text else "killed"
    assert attached_text(parse_text, geocoder, text, verb) == place


def test_a_container_named_after_of_does_not_beat_the_name_before_it(parse_text: ParseText,
                                                                     geocoder: Geocoder) -> None:
    text = "Five civilians were killed in the Suuqa Xoolaha neighborhood of Mogadishu on Sunday."
    assert attached_text(parse_text, geocoder, text, "killed") == "Suuqa Xoolaha"
