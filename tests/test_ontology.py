"""The code tables: every row consistent with every other, the lookups, user extra files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.events.ontology import CodeTables, NotAnEvent, quad_of_root
from eventdesk.records import AcledType, Actor, EventType

PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ARMED_AND_CIVILIAN_SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "PTY", "JRN", "REF", "IGO", "NGO", "BUS", "CVL",
                              "EDU", "MED", "JUD", "LEG", "CRM", "HRI", "LAB", "ELI", "REL", "SPY", "UAF", "IMG", "AGR")


@pytest.fixture(scope="module")
def tables() -> CodeTables:
    return CodeTables.load()


# --------------------------------------------------------------------------- consistency


def test_every_cameo_code_has_a_name_score_quad_and_plover_row(tables: CodeTables) -> None:
    codes = tables.cameo_codes
    assert len(codes) >= 285
    assert {c for c in codes if len(c) == 2} == {f"{r:02d}" for r in range(1, 21)}
    for code in codes:
        assert tables.cameo_name(code)
        if not tables.is_event(code):
            assert code.startswith("01"), code  # only public statements are not PLOVER events
            continue
        event_type = tables.event_type(code)
        assert -10.0 <= event_type.goldstein <= 10.0
        assert event_type.quad_code == quad_of_root(code)
        assert event_type.event in tables.categories
        assert event_type.mode is None or event_type.mode in tables.modes(event_type.event)
        assert set(event_type.context) <= set(tables.contexts)
        assert event_type.acled is None or event_type.acled in tables.acled_types()


def test_every_public_statement_code_is_not_an_event(tables: CodeTables) -> None:
    statements = [c for c in tables.cameo_codes if c.startswith("01")]
    assert statements == ["01", "010", "011", "012", "013", "014", "015", "016", "017", "018", "019"]
    for code in statements:
        assert tables.has_cameo(code)
        with pytest.raises(NotAnEvent, match="not a PLOVER event"):
            tables.event_type(code)
        with pytest.raises(KeyError):  # NotAnEvent is a KeyError: a coder catching KeyError emits nothing
            tables.event_type(code)


def test_the_sixteen_plover_categories_and_their_quads(tables: CodeTables) -> None:
    assert tables.categories == PLOVER_CATEGORIES
    quads = [tables.quad_of_category(c) for c in PLOVER_CATEGORIES]
    assert quads == [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]


def test_modes_contexts_and_sectors(tables: CodeTables) -> None:
    assert tables.modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert {"withdraw", "release", "disarm", "ceasefire", "access", "resign"} <= set(tables.modes("RETREAT"))
    assert {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
            "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"} \
        <= set(tables.modes("ASSAULT"))
    assert tables.modes("AGREE") == ()
    assert 60 <= sum(len(tables.modes(c)) for c in tables.categories) <= 80
    assert 30 <= len(tables.contexts) <= 40
    assert {"military", "election", "economic", "human_rights", "terrorism", "migration"} <= set(tables.contexts)
    assert set(ARMED_AND_CIVILIAN_SECTORS) <= set(tables.sectors)
    assert "journalists" in tables.sectors["JRN"]


def test_acled_types_are_the_six_types_and_25_sub_event_types(tables: CodeTables) -> None:
    types = tables.acled_types()
    assert len(types) == 25 and len(set(types)) == 25
    assert {t.event_type for t in types} == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                             "Protests", "Riots", "Strategic developments"}
    assert all(t.sub_event_type for t in types)


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(("cameo", "event", "mode", "quad", "goldstein", "acled"), [
    ("0871", "RETREAT", "ceasefire", 2, 9.0, ("Strategic developments", "Agreement")),
    ("057", "SUPPORT", None, 2, 8.0, ("Strategic developments", "Agreement")),
    ("036", "AGREE", None, 1, 4.0, None),
    ("042", "CONSULT", "visit", 1, 1.9, None),
    ("046", "CONSULT", None, 1, 7.0, None),
    ("0253", "REQUEST", "yield", 1, -0.3, None),
    ("1053", "REQUEST", "yield", 3, -5.0, None),
    ("112", "ACCUSE", "allege", 3, -2.0, None),
    ("090", "ACCUSE", "investigate", 3, -2.0, None),
    ("141", "PROTEST", "demo", 4, -6.5, ("Protests", "Peaceful protest")),
    ("145", "PROTEST", "riot", 4, -7.5, ("Riots", "Violent demonstration")),
    ("173", "COERCE", "arrest", 4, -5.0, ("Strategic developments", "Arrests")),
    ("1711", "COERCE", "confiscate", 4, -9.2, ("Strategic developments", "Looting/property destruction")),
    ("181", "ASSAULT", "abduct", 4, -9.0, ("Violence against civilians", "Abduction/forced disappearance")),
    ("183", "ASSAULT", "suicide-attack", 4, -10.0, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("1831", "ASSAULT", "suicide-attack", 4, -10.0, ("Explosions/Remote violence", "Suicide bomb")),
    ("190", "ASSAULT", None, 4, -10.0, ("Battles", "Armed clash")),
    ("193", "ASSAULT", "firearms", 4, -10.0, ("Battles", "Armed clash")),
    ("195", "ASSAULT", "aerial", 4, -10.0, ("Explosions/Remote violence", "Air/drone strike")),
    ("2041", "ASSAULT", "unconventional", 4, -10.0, ("Explosions/Remote violence", "Chemical weapon")),
])
def test_event_type(tables: CodeTables, cameo: str, event: str, mode: str | None, quad: int, goldstein: float,
                    acled: tuple[str, str] | None) -> None:
    event_type = tables.event_type(cameo)
    assert isinstance(event_type, EventType)
    assert (event_type.cameo, event_type.event, event_type.mode) == (cameo, event, mode)
    assert (event_type.quad_code, event_type.goldstein) == (quad, goldstein)
    expected = AcledType(event_type=acled[0], sub_event_type=acled[1]) if acled else None
    assert event_type.acled == expected


def test_unknown_codes_raise_key_error(tables: CodeTables) -> None:
    assert not tables.has_cameo("999")
    with pytest.raises(KeyError):
        tables.event_type("999")
    with pytest.raises(KeyError):
        tables.cameo_name("21")


def test_names_follow_the_cameo_manual(tables: CodeTables) -> None:
    assert tables.cameo_name("0871") == "Declare truce, ceasefire"
    assert tables.cameo_name("106") == "Demand meeting, negotiation"  # GDELT's file has older wording here
    assert tables.cameo_name("20") == "Use unconventional mass violence"


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"cameo": "190"}, ("Battles", "Armed clash")),
    ({"cameo": "190", "target_sectors": ["CVL"]}, ("Violence against civilians", "Attack")),
    ({"cameo": "193", "target_sectors": ["JRN", "MIL"]}, ("Violence against civilians", "Attack")),
    ({"cameo": "190", "target_sectors": ["REB"]}, ("Battles", "Armed clash")),
    ({"cameo": "190", "mode": "drone", "target_sectors": ["CVL"]}, ("Explosions/Remote violence", "Air/drone strike")),
    ({"cameo": "180", "target_sectors": ["MIL"]}, ("Battles", "Armed clash")),
    ({"cameo": "180"}, ("Violence against civilians", "Attack")),
    ({"cameo": "192", "actor_sectors": ["REB"]}, ("Battles", "Non-state actor overtakes territory")),
    ({"cameo": "192", "actor_sectors": ["MIL"]}, ("Battles", "Government regains territory")),
    ({"cameo": "192"}, ("Strategic developments", "Non-violent transfer of territory")),
    ({"category": "ASSAULT", "mode": "explosives"}, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ({"category": "ASSAULT", "mode": "crowd-control"}, ("Protests", "Protest with intervention")),
    ({"category": "PROTEST"}, ("Protests", "Peaceful protest")),
    ({"category": "RETREAT", "mode": "release"}, ("Strategic developments", "Agreement")),
    # actor classes (actor_classes.tsv) and the crowd rules, which beat the codes' plain rows
    ({"cameo": "190", "target_sectors": ["demonstrators"]}, ("Protests", "Excessive force against protesters")),
    ({"cameo": "190", "actor_sectors": ["mob"], "target_sectors": ["CVL"]}, ("Riots", "Mob violence")),
    ({"cameo": "1823", "actor_sectors": ["CVL"]}, ("Riots", "Mob violence")),
    ({"cameo": "19", "actor_sectors": ["MIL"], "target_sectors": ["demonstrators"]},
     ("Riots", "Violent demonstration")),
    ({"cameo": "19", "actor_sectors": ["REB"], "target_sectors": ["MIL"]}, ("Battles", "Armed clash")),
    ({"cameo": "173", "target_sectors": ["demonstrators"]}, ("Protests", "Protest with intervention")),
    ({"cameo": "175", "actor_sectors": ["COP"], "target_sectors": ["demonstrators"]},
     ("Protests", "Protest with intervention")),
    ({"cameo": "195", "target_sectors": ["CVL"]}, ("Explosions/Remote violence", "Air/drone strike")),
    ({"cameo": "193", "target_sectors": ["civilians"]}, ("Violence against civilians", "Attack")),
])
def test_acled_type_by_code_mode_and_sectors(tables: CodeTables, kwargs: dict[str, object],
                                             expected: tuple[str, str]) -> None:
    assert tables.acled_type(**kwargs) == AcledType(event_type=expected[0], sub_event_type=expected[1])  # type: ignore[arg-type]


def test_actor_tags_are_sectors_and_classes(tables: CodeTables) -> None:
    mob = Actor(name="a mob", code="CVL", sector="CVL", kind="mob")
    assert tables.actor_tags([mob]) == {"CVL", "civilians", "mob"}
    assert tables.actor_tags([Actor(name="Kenya", code="KEN", country="KEN", kind="country")]) == {"state"}
    assert tables.actor_tags([Actor(name="gunmen", code="UAF", sector="UAF", kind="sector")]) == {"UAF", "armed"}
    assert tables.actor_tags([]) == frozenset()  # acled_type reads an empty side as "none"


@pytest.mark.parametrize(("kwargs"), [{"cameo": "046"}, {"category": "AGREE"}, {"cameo": "0356"}])
def test_acled_type_is_none_where_acled_has_no_type(tables: CodeTables, kwargs: dict[str, str]) -> None:
    assert tables.acled_type(**kwargs) is None


@pytest.mark.parametrize(("old", "mode", "expected"), [
    ("DEMAND", None, ("REQUEST", None)),
    ("disapprove", None, ("ACCUSE", None)),
    ("INVESTIGATE", None, ("ACCUSE", None)),
    ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
    ("FIGHT", "assassinate", ("ASSAULT", "targeted")),
    ("PROTEST", "riot-spon", ("PROTEST", "riot")),
    ("PROTEST", "no-such-mode", ("PROTEST", None)),
    ("ASSAULT", "drone", ("ASSAULT", "drone")),
])
def test_older_plover_names(tables: CodeTables, old: str, mode: str | None,
                            expected: tuple[str, str | None]) -> None:
    assert tables.canonical_mode(old, mode) == expected


def test_older_context_names(tables: CodeTables) -> None:
    assert tables.canonical_context("refugees") == "migration"
    assert tables.canonical_context("military") == "military"
    assert tables.canonical_context("unknown") is None
    with pytest.raises(KeyError):
        tables.canonical_category("CRIME")


def test_load_reads_once(tables: CodeTables) -> None:
    assert CodeTables.load() is CodeTables.load()


# --------------------------------------------------------------------------- extra files


CAMEO = "cameo\tname\tgoldstein\tquad_class\n"
PLOVER = "cameo\tcategory\tmode\tcontexts\n"
ACLED = "cameo\tcategory\tmode\tif_actor_sector\tif_target_sector\tevent_type\tsub_event_type\tnote\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_files_add_and_override_rows(tmp_path: Path) -> None:
    plover = write(tmp_path / "mine.tsv", PLOVER + "0871\tRETREAT\tceasefire\tmilitary|diplomatic\n")
    acled = write(tmp_path / "acled-local.tsv", ACLED + "046\t\t\t\t\tStrategic developments\tOther\tlocal rule\n")
    tables = CodeTables.load(extra=[plover, acled])
    assert tables.event_type("0871").context == ("military", "diplomatic")
    assert tables.event_type("046").acled == AcledType(event_type="Strategic developments", sub_event_type="Other")
    assert CodeTables.load().event_type("046").acled is None  # the packaged tables are untouched


@pytest.mark.parametrize(("text", "problem"), [
    (CAMEO + "2043\tNew code\t-11\t4\n", r"bad\.tsv:2: .*Goldstein score must be in \[-10, 10\]"),
    (CAMEO + "0599\tNew code\t1.0\t4\n", r"bad\.tsv:2: .*has no parent code"),
    (CAMEO + "0571\tSign a treaty\t8.0\t3\n", r"bad\.tsv:2: quad_class 3 disagrees"),
    (PLOVER + "0871\tRETREAT\taerial\t\n", r"bad\.tsv:2: mode 'aerial' is not a mode of RETREAT"),
    (PLOVER + "0871\tWITHDRAW\t\t\n", r"unknown PLOVER category 'WITHDRAW'"),
    (PLOVER + "0871\tRETREAT\t\tweather\n", r"unknown PLOVER context 'weather'"),
    (PLOVER + "9999\tRETREAT\t\t\n", r"unknown CAMEO code '9999'"),
    (ACLED + "190\t\t\t\tXYZ\tBattles\tArmed clash\t\n", r"unknown sector code\(s\) in if_target_sector: XYZ"),
    (ACLED + "190\t\t\t\t\tBattles\tSkirmish\t\n", r"\('Battles', 'Skirmish'\) is not in acled_types\.tsv"),
    (ACLED + "190\t\t\t\tcrowds\tRiots\tMob violence\t\n", r"unknown actor class\(es\) in if_target_sector: crowds"),
    ("class\tsectors\tkinds\tdefinition\nRebels\tREB\t\t\n", r"bad\.tsv:2: an actor class is a lower-case word"),
    ("class\tsectors\tkinds\tdefinition\nrebels\tXYZ\t\t\n", r"bad\.tsv:2: unknown sector code\(s\): XYZ"),
    (ACLED + "190\tASSAULT\t\t\t\tBattles\tArmed clash\t\n", r"either a CAMEO code or a PLOVER category"),
    ("kind\told\tnew\tnote\ncategory\tFIGHT\tBATTLE\t\n", r"category synonym target 'BATTLE' does not exist"),
    ("code\tname\n01\tx\n", r"bad\.tsv:1: unknown table header"),
    ("# only a comment\n", r"bad\.tsv: no header line"),
    ("context\tdefinition\nweather\train\textra\n", r"bad\.tsv:2: 3 columns, expected 2"),
])
def test_a_bad_extra_row_is_a_data_file_error_naming_the_line(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(DataFileError, match=problem):
        CodeTables.load(extra=[write(tmp_path / "bad.tsv", text)])


def test_a_missing_extra_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        CodeTables.load(extra=[tmp_path / "absent.tsv"])
