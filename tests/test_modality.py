"""PLOVER's auxiliary modes from the real parse: real sentences -> expected flags and cue."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdesk.events.modality import Modality, detect_modality

# flags: N negated, H hypothetical, F future, P historical (past); "" = plain reporting.
CASES = [
    # plain reporting sets nothing
    ("Israeli jets struck Gaza on Tuesday.", "struck", "", None),
    ("Israel launched attacks on the Gaza Strip on August 5.", "attacks", "", None),
    ("The ministers held talks in Amman.", "talks", "", None),
    ("Thousands protested in Tunis against the new law.", "protested", "", None),
    ("Witnesses said police fired tear gas at protesters.", "fired", "", None),
    ("He was killed in an airstrike last week.", "killed", "", None),
    ("Egypt accused Hamas of attacking its soldiers.", "attacking", "", None),
    ("The UN called on Israel to halt attacks on Gaza.", "attacks", "", None),  # the attacks are real
    ("The next day, troops attacked the village.", "attacked", "", None),
    ("The events were later made into a film.", "made", "", None),
    ("Police can detain suspects for two days.", "detain", "", None),
    ("Investigators are trying to find out who is to blame.", "blame", "", None),
    ("The leaders discussed the attack.", "attack", "", None),
    # negation
    ("The rebels did not attack the base.", "attack", "N", "not"),
    ("Police never arrested the suspects.", "arrested", "N", "never"),
    ("He has not been charged.", "charged", "N", "not"),
    ("No attacks were reported overnight.", "attacks", "N", "No"),
    ("The two sides have never met.", "met", "N", "never"),
    ("The rebels did not attack or loot the town.", "loot", "N", "not"),
    ("Hamas denied attacking the convoy.", "attacking", "N", "denied"),
    ("The army rejected claims that it attacked the village.", "attacked", "N", "rejected"),
    ("Israel denied that its forces had killed the journalist.", "killed", "N", "denied"),
    ("Officials denied reports of clashes near the border.", "clashes", "N", "denied"),
    ("The army refused to withdraw from the town.", "withdraw", "N", "refused"),
    ("Turkey ruled out a military operation in Syria.", "operation", "N", "ruled out"),
    ("The United States will not send troops to Ukraine.", "send", "NF", "not"),
    # hypothetical: conditional, modal, intentional framing
    ("Israel did not rule out attacking Iran.", "attacking", "H", "rule out"),
    ("Iran has not ruled out talks with Washington.", "talks", "H", "rule out"),
    ("If talks fail, they will strike.", "strike", "HF", "If"),
    ("The UN called on Israel to halt attacks on Gaza.", "halt", "H", "called"),
    ("Abbas called for an end to the occupation.", "end", "H", "called"),
    ("Egypt urged both sides to accept a ceasefire.", "accept", "H", "urged"),
    ("Iran threatened to close the Strait of Hormuz.", "close", "H", "threatened"),
    ("The army threatened attacks on the city.", "attacks", "H", "threatened"),
    ("The groups discussed how to respond to the Israeli aggression.", "respond", "H", "discussed"),
    ("The two movements discussed ways to coordinate their response.", "coordinate", "H", "ways"),
    ("Hezbollah said it was ready to fight.", "fight", "H", "ready"),
    ("The group wants to negotiate with the government.", "negotiate", "H", "wants"),
    ("Hamas vowed to retaliate against Israel.", "retaliate", "H", "vowed"),
    ("The government could impose a curfew.", "impose", "H", "could"),
    ("Protesters might march on the parliament on Friday.", "march", "H", "might"),
    ("Russia said its forces would withdraw from Kherson.", "withdraw", "H", "would"),
    ("The two leaders plan to meet next week.", "meet", "HF", "plan"),
    # future
    ("Both movements will continue to coordinate their efforts.", "coordinate", "F", "will"),
    ("The minister is going to visit Cairo.", "visit", "F", "going to"),
    ("The president is to visit Paris.", "visit", "F", "is to"),
    ("The president visits Paris next week.", "visits", "F", "next"),
    ("The talks will be held in Cairo tomorrow.", "talks", "F", "will"),
    ("The ministers will meet and discuss the crisis.", "discuss", "F", "will"),
    ("The Israeli army is expected to withdraw from the camp.", "withdraw", "F", "expected"),
    ("The upcoming elections were discussed.", "elections", "F", "upcoming"),
    # historical
    ("Palestinians marked the 53rd anniversary of the arson attack on Al-Aqsa Mosque.", "attack", "P", "anniversary"),
    ("Soldiers opened fire on protesters in 1969.", "opened", "P", "1969"),
    ("In 2004, Israeli forces killed the Hamas founder.", "killed", "P", "2004"),
    ("The massacre took place decades ago.", "massacre", "P", "ago"),
    ("Such raids happened often in the past.", "raids", "P", "in the past"),
]


def expected(flags: str, cue: str | None) -> Modality:
    return Modality(negated="N" in flags, hypothetical="H" in flags, future="F" in flags, historical="P" in flags,
                    cue=cue)


def trigger_index(parsed, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in parsed.tokens if t.text == word)


@pytest.mark.parametrize(("text", "trigger", "flags", "cue"), CASES, ids=[f"{c[1]}: {c[0]}" for c in CASES])
def test_modality_of_real_sentences(parse_text, text: str, trigger: str, flags: str, cue: str | None) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_text(text, published="2022-08-23")
    assert detect_modality(parsed, trigger_index(parsed, trigger)) == expected(flags, cue)


@pytest.mark.parametrize(("event_date", "flags", "cue"), [
    ("2022-08-05", "", None),  # days before publication: plain reporting
    ("2021-09-01", "", None),  # within a year
    ("2020-08-05", "P", "2020-08-05"),  # more than a year before publication
    ("2022-08-30", "F", "2022-08-30"),  # after publication
])
def test_the_event_date_against_the_publication_date(parse_text, event_date: str, flags: str,  # type: ignore[no-untyped-def]
                                                     cue: str | None) -> None:
    parsed = parse_text("Israeli jets struck Gaza.")
    modality = detect_modality(parsed, trigger_index(parsed, "struck"), published=dt.date(2022, 8, 23),
                               event_date=dt.date.fromisoformat(event_date))
    assert modality == expected(flags, cue)


def test_the_article_publication_date_is_the_default_reference(parse_text) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_text("The Israeli army struck Gaza.", published="2022-08-23")
    modality = detect_modality(parsed, trigger_index(parsed, "struck"), event_date=dt.date(2019, 1, 1))
    assert modality.historical and modality.cue == "2019-01-01"


def test_a_recent_year_is_not_historical(parse_text) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_text("The army launched an offensive in 2022.", published="2022-08-23")
    assert detect_modality(parsed, trigger_index(parsed, "offensive")) == Modality()


def test_flags_stay_within_the_trigger_sentence(parse_text) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_text("Israel did not comment. Its jets struck Gaza on Tuesday.")
    assert detect_modality(parsed, trigger_index(parsed, "struck")) == Modality()
