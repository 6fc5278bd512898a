"""PETRARCH-style (source country, target country, CAMEO root) triples: how an event is read as
dyads (events/dyads.py), how a countryless official or civilian takes its context's country
(events/context.py), and real sentences through the real parser, actors stage and coder."""

from __future__ import annotations

import pytest

from eventdesk.actors import ActorResolver
from eventdesk.events import EventCoder
from eventdesk.events.context import with_context_country
from eventdesk.events.dyads import cameo_dyads, dyad_side
from eventdesk.events.ontology import CodeTables
from eventdesk.records import Actor, Event, Participant, Span
from eventdesk.settings import ActorSettings, EventSettings

TABLES = CodeTables.load()


def side(*codes: str) -> tuple[Participant, ...]:
    """Participants from codes: ``ISR`` a country, ``ISRMIL`` country + sector, ``GOV`` a bare sector."""
    out = []
    for n, code in enumerate(codes):
        if code.startswith(("IGO", "NGO")):
            actor = Actor(name=code, code=code, sector=code[:3], kind="igo")
        elif len(code) == 3 and code.isupper() and code in {"GOV", "MIL", "CVL", "REB", "COP", "LEG"}:
            actor = Actor(name=code.lower(), code=code, sector=code, kind="sector")
        else:
            actor = Actor(name=code, code=code, country=code[:3], sector=code[3:] or None,
                          kind="country" if len(code) == 3 else "group")
        out.append(Participant(actor=actor, entity_text=actor.name, start=10 * n, end=10 * n + 5))
    return tuple(out)


def event(cameo: str, actor: tuple[Participant, ...], recipient: tuple[Participant, ...] = ()) -> Event:
    span = Span(text="x", start=0, end=1)
    return Event(id="e", date=None, date_precision=None, type=TABLES.event_type(cameo), actor=actor,
                 recipient=recipient, event_loc=None, sentence=span, trigger=span)


@pytest.mark.parametrize(("cameo", "actors", "recipients", "expected"), [
    # a compound subject meeting nobody else: every ordered pair (PETRARCH codes "A, B and C met" so)
    ("040", ("USA", "RUS", "CHE"), (), {("USA", "RUS", "04"), ("RUS", "USA", "04"), ("USA", "CHE", "04"),
                                        ("CHE", "USA", "04"), ("RUS", "CHE", "04"), ("CHE", "RUS", "04")}),
    ("031", ("BRA", "USA"), (), {("BRA", "USA", "03"), ("USA", "BRA", "03")}),
    # not symmetric: a compound attacker attacks with no pairs among its members
    ("190", ("SYRREB", "IRN"), (), {("SYR", "---", "19"), ("IRN", "---", "19")}),
    ("190", ("ISRMIL",), ("PSE", "LBN"), {("ISR", "PSE", "19"), ("ISR", "LBN", "19")}),
    # with a recipient a meeting is one direction, as written
    ("040", ("IRQGOV",), ("SYRGOV",), {("IRQ", "SYR", "04")}),
    # a sector without a country is unknown; IGOs count as IGO
    ("190", ("GOV",), ("CVL",), set()),
    ("0872", ("IGOUNO",), ("SYR",), {("IGO", "SYR", "08")}),
    ("141", ("RWAOPP",), (), {("RWA", "---", "14")}),
    ("183", (), (), set()),  # no side known: no triple
])
def test_cameo_dyads(cameo: str, actors: tuple[str, ...], recipients: tuple[str, ...],
                     expected: set[tuple[str, str, str]]) -> None:
    assert set(cameo_dyads(event(cameo, side(*actors), side(*recipients)))) == expected


def test_dyad_side_of_a_transnational_group_without_country_is_unknown() -> None:
    assert dyad_side(Actor(name="Islamic State", code="REB", sector="REB", kind="armed_group")) == "---"
    assert dyad_side(Actor(name="Amnesty", code="NGOAMN", sector="NGO", kind="group")) == "NGO"


@pytest.mark.parametrize(("actors", "recipients", "sentence", "expected"), [
    # the one sentence country that is not the other side's
    (("ISR",), ("GOV",), ("ISR", "PSE"), (("ISR",), ("PSEGOV",))),
    (("GOV",), ("IRN",), ("IRN", "IRQ"), (("IRQGOV",), ("IRN",))),
    # two candidates left: nothing guessed
    (("ISR",), ("GOV",), ("ISR", "PSE", "LBN"), (("ISR",), ("GOV",))),
    # rebels without a country stay unknown
    (("REB",), ("SYR",), ("SYR", "TUR"), (("REB",), ("SYR",))),
    # the side's own country first: "the US commander, General X" -> USA for the general
    (("USAMIL", "MIL"), ("LBN",), ("USA", "LBN"), (("USAMIL", "USAMIL"), ("LBN",))),
])
def test_context_country(actors: tuple[str, ...], recipients: tuple[str, ...], sentence: tuple[str, ...],
                         expected: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    actor, recipient = with_context_country(side(*actors), side(*recipients), sentence=sentence, article=sentence)
    assert (tuple(p.actor.code for p in actor), tuple(p.actor.code for p in recipient)) == expected


def test_context_country_from_the_article_when_the_sentence_names_none() -> None:
    actor, _ = with_context_country(side("GOV"), (), sentence=(), article=("KEN",))
    assert [p.actor.code for p in actor] == ["KENGOV"]


@pytest.fixture(scope="module")
def code_triples(parse_text):  # type: ignore[no-untyped-def]
    resolver = ActorResolver.from_settings(ActorSettings())
    coder = EventCoder.from_settings(EventSettings())

    def triples(text: str) -> set[tuple[str, str, str]]:
        parsed = parse_text(text, published="2024-03-04")
        events = coder.code(parsed, actors=resolver.resolve(parsed), places=(), dates=())
        return {t for e in events if not e.negated for t in cameo_dyads(e)}
    return triples


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany and France met in Berlin on Monday.", {("DEU", "FRA", "04"), ("FRA", "DEU", "04")}),
    # a bare title takes the sentence's other country
    ("Jordan detained the mayor of the border town, Syrian officials said.", {("JOR", "SYR", "17")}),
    # the owner of any word of a title phrase; of-phrases built before their head
    ("The US Secretary of State met Egypt's foreign minister in Cairo.", {("USA", "EGY", "04")}),
    ("Critics of Kenya's parliament protested on Friday.", {("KEN", "---", "14")}),
    # a wish on someone else is an appeal to them
    ("The United States wants Iran to free the sailors.", {("USA", "IRN", "02")}),
    # an allegation's clause names the accused
    ("India alleged that Pakistan had trained the gunmen.", {("IND", "PAK", "11")}),
    # the means names the actor of a passive; the victims take the other country of the sentence
    ("Palestinian medics said three villagers were killed in Israeli tank shelling.", {("ISR", "PSE", "19")}),
    ("Rebels launched missiles at the Yemeni government.", {("---", "YEM", "19")}),
    ("Chile and Peru are seeking to deepen their cooperation in mining.", {("CHL", "PER", "03"), ("PER", "CHL", "03")}),
    # an announced non-cooperation is a refusal; an inability is nothing
    ("Germany said it would not provide weapons to Ukraine.", {("DEU", "UKR", "12")}),
    ("Germany could not provide weapons to Ukraine.", set()),
    # a sector word as an organisation's name is built with its owner
    ("Opponents of Peru's Congress marched in Lima on Sunday.", {("PER", "---", "14")}),
])
def test_triples_of_real_sentences(code_triples, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert code_triples(text) == expected
