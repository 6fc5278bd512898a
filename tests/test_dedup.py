"""The dedup stage: merging twice-coded events, and article fingerprints."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pytest

from eventdesk.dedup import fingerprint_text, merge_events, normalise_text, same_event
from eventdesk.records import Actor, Event, EventLocation, EventType, Participant, Span

ISRAEL = Actor(name="Israel", code="ISR", country="ISR", kind="country")
HAMAS = Actor(name="Hamas", code="PSEREB", country="PSE", sector="REB", kind="armed_group")
PIJ = Actor(name="Palestinian Islamic Jihad", code="PSEREB", country="PSE", sector="REB", kind="armed_group")
GAZA_STRIP = Actor(name="Gaza Strip", kind="group")

ASSAULT = EventType(cameo="190", event="ASSAULT", mode=None, context=("military",), quad_code=4, goldstein=-10.0)
AERIAL = EventType(cameo="195", event="ASSAULT", mode="aerial", context=("military",), quad_code=4, goldstein=-10.0)
CONSULT = EventType(cameo="040", event="CONSULT", mode=None, context=(), quad_code=1, goldstein=1.0)
ACCUSE = EventType(cameo="112", event="ACCUSE", mode=None, context=(), quad_code=3, goldstein=-2.0)
GAZA = EventLocation(extracted_place="Gaza Strip", resolved_place="Gaza Strip", geonameid=7303783, lat=31.4,
                     lon=34.4, country_code="PS", start=0, end=10)
RAFAH = EventLocation(extracted_place="Rafah", resolved_place="Rafah", geonameid=281129, lat=31.3, lon=34.2,
                      country_code="PS", start=0, end=5)


def event(trigger: int, *, type: EventType = ASSAULT, actor: tuple[Actor, ...] = (ISRAEL,),
          recipient: tuple[Actor, ...] = (GAZA_STRIP,), date: dt.date | None = dt.date(2022, 8, 5),
          confidence: float = 0.5, **extra: object) -> Event:
    def side(actors: tuple[Actor, ...]) -> tuple[Participant, ...]:
        return tuple(Participant(actor=a, entity_text=a.name, start=trigger, end=trigger + 1) for a in actors)

    return Event(id=f"e{trigger}", date=date, date_precision="day" if date else None, type=type, actor=side(actor),
                 recipient=side(recipient), event_loc=extra.pop("event_loc", None),  # type: ignore[arg-type]
                 sentence=extra.pop("sentence", ONE_SENTENCE),  # type: ignore[arg-type]
                 trigger=Span(text="attacks", start=trigger, end=trigger + 7), confidence=confidence,
                 **extra)  # type: ignore[arg-type]


ONE_SENTENCE = Span(text="s", start=0, end=2000)


def elsewhere(trigger: int) -> Span:
    return Span(text="another sentence", start=trigger, end=trigger + 1)


def test_two_sentences_saying_two_things_stay_two_events() -> None:
    """"They agreed to coordinate …" and later "… and agreed on enhancing joint action":
    same actors and category, dated only by the article's own date: two events."""
    first = event(10, sentence=elsewhere(10))
    second = event(400, sentence=elsewhere(400))
    assert len(merge_events([first, second])) == 2


@pytest.mark.parametrize("evidence", [
    pytest.param(dict(date_text=Span(text="August 5", start=0, end=8)), id="both-dated-to-the-day-by-the-text"),
    pytest.param(dict(event_loc=GAZA), id="both-at-the-same-resolved-place"),
])
def test_two_sentences_reporting_one_event_merge(evidence: dict[str, object]) -> None:
    body = event(10, sentence=elsewhere(10), **evidence)  # type: ignore[arg-type]
    caption = event(900, sentence=elsewhere(900), **evidence)  # type: ignore[arg-type]
    assert len(merge_events([body, caption])) == 1


def ids(events: tuple[Event, ...]) -> list[str]:
    return [e.id for e in events]


def test_a_caption_and_the_body_coding_one_attack_merge_to_the_most_confident() -> None:
    body = event(300, confidence=0.6, event_loc=GAZA)
    caption = event(900, confidence=0.8)  # the caption, later in the text, coded more surely
    other = event(500, type=CONSULT, actor=(HAMAS,), recipient=(PIJ,))
    assert ids(merge_events([caption, other, body])) == ["e500", "e900"]


def test_two_triggers_in_one_clause_merge() -> None:
    launched = event(10, confidence=0.7, type=AERIAL)  # "launched attacks"
    attacks = event(19, confidence=0.7)  # "attacks": a tie keeps the earliest trigger
    assert ids(merge_events([attacks, launched])) == ["e10"]


@pytest.mark.parametrize(("second", "merged"), [
    pytest.param(dict(type=ACCUSE), False, id="another-category-never"),
    pytest.param(dict(actor=(HAMAS,)), False, id="another-actor"),
    pytest.param(dict(recipient=(ISRAEL,), actor=(GAZA_STRIP,)), False, id="swapped-sides-of-an-assault"),
    pytest.param(dict(date=dt.date(2022, 8, 6)), False, id="another-date"),
    pytest.param(dict(date=None), True, id="one-date-missing"),
    pytest.param(dict(negated=True), False, id="negated-differs"),
    pytest.param(dict(hypothetical=True), False, id="hypothetical-differs"),
    pytest.param(dict(future=True), True, id="future-flag-not-compared"),
    pytest.param(dict(event_loc=RAFAH), False, id="another-place"),
    pytest.param(dict(event_loc=replace(GAZA, start=50, end=60)), True, id="same-place-elsewhere-in-text"),
    pytest.param(dict(actor=(Actor(name="israel"),)), True, id="names-case-folded"),
])
def test_what_makes_two_events_the_same(second: dict[str, object], merged: bool) -> None:
    first = event(10, event_loc=GAZA)
    other = event(40, **{"event_loc": GAZA, **second})  # type: ignore[arg-type]
    assert same_event(first, other) is merged
    assert len(merge_events([first, other])) == (1 if merged else 2)


def test_symmetric_categories_ignore_which_side_is_which() -> None:
    met = event(10, type=CONSULT, actor=(HAMAS,), recipient=(PIJ,))
    met_again = event(80, type=CONSULT, actor=(PIJ,), recipient=(HAMAS,), confidence=0.9)
    assert ids(merge_events([met, met_again])) == ["e80"]


def test_compound_actors_compare_as_sets() -> None:
    both = event(10, type=CONSULT, actor=(HAMAS, PIJ), recipient=())
    both_again = event(60, type=CONSULT, actor=(PIJ, HAMAS), recipient=())
    assert len(merge_events([both, both_again])) == 1


def test_a_dateless_event_merges_with_only_one_dated_group() -> None:
    monday, tuesday = event(10, date=dt.date(2022, 8, 1)), event(20, date=dt.date(2022, 8, 2))
    dateless = event(30, date=None)
    assert ids(merge_events([monday, tuesday, dateless])) == ["e10", "e20"]


def test_output_is_ordered_by_trigger_and_empty_stays_empty() -> None:
    events = [event(70, type=ACCUSE), event(5, type=CONSULT), event(40)]
    assert ids(merge_events(events)) == ["e5", "e40", "e70"]
    assert merge_events([]) == ()


# --------------------------------------------------------------------------- fingerprints


def test_the_same_article_from_another_source_has_the_same_fingerprint() -> None:
    ours = "Hamas and Islamic Jihad “agree” on coordination.\n\nThe movements’ leaders met."
    theirs = '  HAMAS and Islamic\u00a0Jihad "agree" on coordination. The movements\' leaders met!  '
    assert fingerprint_text(ours) == fingerprint_text(theirs)
    assert normalise_text(ours) == "hamas and islamic jihad agree on coordination the movements leaders met"


def test_different_text_has_a_different_fingerprint() -> None:
    assert fingerprint_text("Israel raided Jenin.") != fingerprint_text("Israel raided Nablus.")


def test_a_fingerprint_is_a_sha256_hex_digest() -> None:
    digest = fingerprint_text("Hello, World!")
    assert digest == hashlib.sha256(b"hello world").hexdigest()
    assert len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)
