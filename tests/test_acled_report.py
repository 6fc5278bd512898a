"""ACLED types read across the sentences of a report, and the fourth round's rules (issue 3).

Every sentence here was written for these tests from the ACLED Codebook's public definitions
(a demonstration with violence by its participants is a riot; arrests at a peaceful one a protest
with intervention; destruction that is part of an attack is that attack; an attack answered in
kind is a battle; territory taken without fighting is a non-violent transfer); no ACLED note was
read. Real parses, the real actors stage and the real coder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.events.acled import read_cues
from eventdesk.events.acled_report import REPORT_WINDOW
from eventdesk.events.ontology import CodeTables
from eventdesk.records import AcledType
from tests.conftest import ParseText
from tests.test_events_acled import Coder, events_of

VIOLENT = AcledType(event_type="Riots", sub_event_type="Violent demonstration")
PEACEFUL = AcledType(event_type="Protests", sub_event_type="Peaceful protest")
INTERVENTION = AcledType(event_type="Protests", sub_event_type="Protest with intervention")


@pytest.fixture(scope="module")
def pipeline(parse_text: ParseText) -> Coder:
    return Coder(parse_text)


def types_of(pipeline: Coder, text: str) -> dict[str, AcledType | None]:
    return {e.trigger.text: e.type.acled for e in events_of(pipeline, text)}


@pytest.mark.parametrize("text", [
    "Residents protested the killing of a trader. The protesters burnt tyres and blocked the main road.",
    "Demonstrators protested in Nairobi over the cost of living. The protest turned violent.",
    "Hundreds of students marched to the governor's office. They burnt tyres and vandalised cars.",
    "Youths staged a protest over power cuts. The demonstrators clashed with police.",
    "Traders demonstrated against the relocation of the market. Some of them looted shops.",
])
def test_violence_in_the_next_sentence_makes_the_demonstration_a_riot(pipeline: Coder, text: str) -> None:
    types = types_of(pipeline, text)
    assert types and set(types.values()) == {VIOLENT}, types


def test_arrests_after_a_peaceful_demonstration_are_its_intervention(pipeline: Coder) -> None:
    types = types_of(pipeline, "Residents protested the killing of a man by police. Police arrested twelve of them.")
    assert types == {"protested": PEACEFUL, "arrested": INTERVENTION}


def test_arrests_at_a_violent_demonstration_are_part_of_the_riot(pipeline: Coder) -> None:
    text = ("Residents protested the killing of a man by police. They burnt tyres on the road. "
            "Police arrested twelve of them.")
    assert set(types_of(pipeline, text).values()) == {VIOLENT}


@pytest.mark.parametrize(("text", "kept"), [
    # a sentence about armed groups does not report the crowd's violence
    ("Teachers held a rally in the capital. Separately, soldiers clashed with rebels in the north.",
     {"held a rally": PEACEFUL}),
    # destruction by an armed actor named is not the crowd's
    ("Women protested against the abduction of girls. Gunmen had attacked the school and burnt classrooms.",
     {"protested": PEACEFUL}),
    # force against the demonstration is no violence of the demonstrators
    ("Residents protested the killing of a man by police. Police fired tear gas to disperse them.",
     {"protested": PEACEFUL}),
    # armed people arrested are no intervention at the protest
    ("Police arrested three armed robbers. Residents had protested the robbery last week.",
     {"arrested": AcledType(event_type="Strategic developments", sub_event_type="Arrests")}),
])
def test_what_does_not_change_a_demonstration(pipeline: Coder, text: str, kept: dict[str, AcledType]) -> None:
    types = types_of(pipeline, text)
    assert {t: types.get(t) for t in kept} == kept, types


def test_a_demonstration_further_away_is_another_report(pipeline: Coder) -> None:
    filler = " ".join(["The minister visited the region."] * (REPORT_WINDOW + 1))
    types = types_of(pipeline, f"Farmers marched to parliament. {filler} Rioters torched a police station.")
    assert types["marched"] == PEACEFUL


def test_destruction_in_the_next_sentence_is_part_of_the_attack(pipeline: Coder) -> None:
    types = types_of(pipeline, "Gunmen attacked the village, killing three residents. They also burnt houses.")
    assert {t.event_type for t in types.values() if t} == {"Violence against civilians"}, types
    alone = types_of(pipeline, "Militants burnt down a school in the village. No casualties were reported.")
    assert alone == {"burnt": AcledType(event_type="Strategic developments",
                                        sub_event_type="Looting/property destruction")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen killed a trader in the market. Police later arrested two suspects.", "Violence against civilians"),
    ("Police arrested a man in the town. He is suspected of killing a trader last month.", "Strategic developments"),
    ("Gunmen abducted five travellers on the highway. The hostages were released two days later.",
     "Violence against civilians"),
    ("The rebels released 20 hostages after negotiations.", "Strategic developments"),
])
def test_arrests_and_releases_after_violence_are_its_outcome(pipeline: Coder, text: str, expected: str) -> None:
    assert {t.event_type for t in types_of(pipeline, text).values() if t} >= {expected}
    typed = events_of(pipeline, text)
    best = max(typed, key=lambda e: e.confidence)
    assert best.type.acled is not None and best.type.acled.event_type == expected


@pytest.mark.parametrize(("text", "expected"), [
    # riot wordings
    ("Youths rampaged through the market.", "Riots"),
    ("Protesters scuffled with police.", "Riots"),
    ("Protesters manhandled a police officer.", "Riots"),
    ("Protesters smashed the windows of a bank.", "Riots"),
    ("Violence erupted during a protest in the capital.", "Riots"),
    ("Protesters stormed the parliament building.", "Riots"),
    ("Thousands of people stormed the streets to protest the verdict.", "Protests"),
    ("Demonstrators called for an end to the violence.", "Protests"),
    # the means decides: aircraft, air strikes and explosive devices; a weapon as the actor is no civilian
    ("A helicopter gunship attacked militant hideouts.", "Explosions/Remote violence"),
    ("The army conducted an air strike on a militant camp.", "Explosions/Remote violence"),
    ("A car bomb exploded outside a hotel.", "Explosions/Remote violence"),
    ("An explosive device detonated near a patrol, wounding three soldiers.", "Explosions/Remote violence"),
    ("Soldiers and militants exchanged fire for two hours.", "Battles"),
    # an attack answered in kind is two-sided: an armed clash, even with grenades named
    ("Militants attacked a military post with rocket-propelled grenades and soldiers returned fire.", "Battles"),
    ("Gunmen attacked a police station with grenades, sparking a gunfight with officers.", "Battles"),
    ("Militants fired rocket-propelled grenades at a military post.", "Explosions/Remote violence"),
    # territory changing hands without fighting
    ("Government forces withdrew from the town, and rebels took control of it.", "Strategic developments"),
    ("The rebels took control of the town without resistance.", "Strategic developments"),
    ("Rebels captured the town after heavy fighting with the army.", "Battles"),
    ("Rebels tried to seize the town but met stiff resistance from the army.", "Battles"),
    # who is armed, and who is a civilian
    ("Armed herders attacked a village and killed four farmers.", "Violence against civilians"),
    ("Gunmen killed the chairman of the local council.", "Violence against civilians"),
    ("Armed men attacked a camp for displaced people.", "Violence against civilians"),
    ("Gunmen shot him dead near his home.", "Violence against civilians"),
    ("Unknown assailants hacked a man to death.", "Violence against civilians"),
    ("Gunmen killed a 60-year-old in the village.", "Violence against civilians"),
    ("Men armed with machetes killed a woman.", "Violence against civilians"),
    ("Gunmen killed a soldier at a checkpoint.", "Battles"),
    ("Football fans clashed with police after the match.", "Riots"),
    # wordings of strategic developments and protests the lexicon lacked
    ("The bomb disposal squad defused a bomb planted near the market.", "Strategic developments"),
    ("Police unearthed an arms dump in the forest.", "Strategic developments"),
    ("An unexploded mortar shell was found by the army near the school.", "Strategic developments"),
    ("The army picked up four youths from the village for questioning.", "Strategic developments"),
    ("Al-Shabaab militants collected taxes from residents of the village.", "Strategic developments"),
    ("Militants set up a training camp near the border.", "Strategic developments"),
    ("Students held placards denouncing the fee hike outside the ministry.", "Protests"),
    ("Members of the association launched an agitation against the new policy.", "Protests"),
    ("Transporters observed a chakka jam on the highway.", "Protests"),
    ("Teachers mobilized in front of the ministry to demand their salaries.", "Protests"),
    ("People held a protest meeting against the proposed dam.", "Protests"),
    ("Health workers held a work stoppage.", "Protests"),
    # riot cues need the demonstrators' violence, not a topic of the protest
    ("Villagers protested against the stone quarry near their homes.", "Protests"),
    ("Residents protested against the clashes between herders and farmers.", "Protests"),
    ("Demonstrators pelted the convoy with stones.", "Riots"),
    ("The protest ended in clashes with police.", "Riots"),
    # what a protest is about or what provoked it is somebody else's act
    ("Residents protested against the vandalism of a statue.", "Protests"),
    ("Students staged a protest over the arson attack on their hostel.", "Protests"),
    ("Villagers marched after unknown persons torched a shop.", "Protests"),
    ("Protesters burnt tyres on the highway.", "Riots"),
    ("Residents protested and torched a police post.", "Riots"),
    ("Hundreds of women converged on the town hall to demand clean water.", "Protests"),
])
def test_the_top_event_is_typed_by_the_codebook(pipeline: Coder, text: str, expected: str) -> None:
    typed = events_of(pipeline, text)
    best = max(typed, key=lambda e: e.confidence, default=None)
    assert best is not None and best.type.acled is not None, text
    assert best.type.acled.event_type == expected, [(e.trigger.text, e.type.acled) for e in typed]


def test_cue_rows_may_name_adjectives_adverbs_and_prepositions(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("lemma\tpos\talso\tfrom_type\tevent_type\tsub_event_type\tnote\n"
                    "without\tADP\tresistance\tBattles\tStrategic developments\tNon-violent transfer of territory\t\n"
                    "violent\tADJ\tturn\tProtests\tRiots\tViolent demonstration\t\n", encoding="utf-8")
    cues = read_cues(path, CodeTables.load())
    assert [(c.lemma, c.pos) for c in cues] == [("without", "ADP"), ("violent", "ADJ")]
    assert cues[1].holds(frozenset({("violent", "ADJ"), ("turn", "VERB")}))
    assert not cues[1].holds(frozenset({("violent", "ADJ"), ("crime", "NOUN")}))


def test_an_arrest_that_provoked_a_protest_is_its_context(pipeline: Coder) -> None:
    types = types_of(pipeline, "Residents protested after police arrested a youth.")
    assert types["protested"] == PEACEFUL
    assert types.get("arrested") is None  # coded (CAMEO, PLOVER), but no ACLED event of its own
