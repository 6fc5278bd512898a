"""The actor dictionary files: complete, well-formed, and strict about malformed user files."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from eventdesk.actors import ActorDictionary
from eventdesk.actors.dictionary import SECTOR_CODES, SectorWord
from eventdesk.errors import DataFileError

CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,9}$")


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def test_every_iso_country_has_an_entry(dictionary: ActorDictionary) -> None:
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in dictionary.countries]
    assert missing == []


def test_every_code_is_well_formed(dictionary: ActorDictionary) -> None:
    for target in dictionary.aliases.values():
        actor = target.actor
        assert actor.code is not None and CODE.match(actor.code), actor
        assert actor.sector is None or actor.sector in SECTOR_CODES, actor
        assert actor.country is None or actor.country in dictionary.countries, actor
        assert actor.country is None or actor.code.startswith(actor.country), actor
        assert actor.identifier_id is None or re.match(r"^Q\d+$", actor.identifier_id), actor


@pytest.mark.parametrize(
    ("alias", "code", "form"),
    [
        ("U.S.", "USA", "name"), ("United States of America", "USA", "name"), ("America", "USA", "name"),
        ("UK", "GBR", "name"), ("Britain", "GBR", "name"), ("Russia", "RUS", "name"),
        ("Ivory Coast", "CIV", "name"), ("Palestine", "PSE", "name"), ("State of Palestine", "PSE", "name"),
        ("Israelis", "ISR", "demonym"), ("Egyptian", "EGY", "demonym"), ("Iranian", "IRN", "demonym"),
        ("Washington", "USAGOV", "metonym"), ("the White House", "USAGOV", "metonym"),
        ("Downing Street", "GBRGOV", "metonym"), ("Beijing", "CHNGOV", "metonym"), ("Tehran", "IRNGOV", "metonym"),
        ("PIJ", "PSEREB", "name"), ("Islamic Jihad Movement", "PSEREB", "name"),
        ("Palestinian Islamic Resistance Movement", "PSEREB", "name"),
        ("Daesh", "REB", "name"), ("Ansar Allah", "YEMREB", "name"), ("RSF", "SDNREB", "name"),
        ("ICRC", "NGOICRC", "name"), ("BJP", "INDPTY", "name"),
        ("Obama", "USAGOV", "name"), ("Vladimir Putin", "RUSGOV", "name"), ("Erdogan", "TURGOV", "name"),
    ],
)
def test_aliases(dictionary: ActorDictionary, alias: str, code: str, form: str) -> None:
    target = dictionary.lookup(alias)
    assert target is not None
    assert (target.actor.code, target.form) == (code, form)


def test_gaza_is_a_place_not_an_actor(dictionary: ActorDictionary) -> None:
    assert dictionary.lookup("Gaza") is None


@pytest.mark.parametrize("text", ["us", "who", "is", "labour"])
def test_acronyms_and_capitalised_names_are_case_sensitive(dictionary: ActorDictionary, text: str) -> None:
    assert dictionary.lookup(text) is None


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\nAcme\tACMEREB\tXXX\tREB\tarmed_group\t\t\n",
         2, "unknown country code"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\n# a comment\nAcme\tacme\t\tREB\tgroup\t\t\n",
         3, "malformed actor code"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\nAcme\tACME\t\tREB\n", 2, "expected 7"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\nAcme\tACME\t\tXYZ\tgroup\t\t\n", 2, "unknown sector"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\nAcme\tACME\t\tREB\tclub\t\t\n", 2, "unknown kind"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\nAcme\tACME\t\tREB\tgroup\t42\t\n", 2, "Wikidata"),
        ("name\tcode\tcountry\tsector\tkind\twikidata\taliases\n"
         "Acme\tACME\t\tREB\tgroup\t\tAC\nBeta\tBETA\t\tREB\tgroup\t\tAC\n", 3, "already names"),
        ("phrase\tsector\ttitle\nwarlord\tREB\tmaybe\n", 2, "title must be"),
        ("phrase\tsector\ttitle\tcrowd\nhorde\tCVL\tno\tswarm\n", 2, "crowd must be"),
        ("who\twhat\nx\ty\n", 1, "unknown header"),
    ],
)
def test_malformed_user_file_names_path_and_line(tmp_path: Path, content: str, line: int, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        ActorDictionary.load((path,))
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert problem in str(caught.value)


def test_missing_user_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        ActorDictionary.load((tmp_path / "absent.tsv",))


def test_user_file_overrides_a_builtin_alias(tmp_path: Path) -> None:
    path = tmp_path / "override.tsv"
    path.write_text("name\tcode\tcountry\tsector\tkind\twikidata\taliases\n"
                    "Wagner Group\tRUSMIL\tRUS\tMIL\tgroup\t\tWagner\n", encoding="utf-8")
    target = ActorDictionary.load((path,)).lookup("Wagner")
    assert target is not None and target.actor.code == "RUSMIL"


def test_sector_words_with_and_without_the_crowd_column(tmp_path: Path) -> None:
    old = tmp_path / "old.tsv"
    old.write_text("phrase\tsector\ttitle\nwarlord\tREB\tno\n", encoding="utf-8")
    new = tmp_path / "new.tsv"
    new.write_text("phrase\tsector\ttitle\tcrowd\nhorde\tCVL\tno\tmob\n", encoding="utf-8")
    dictionary = ActorDictionary.load((old, new))
    assert dictionary.sector_word("warlord") == SectorWord(phrase="warlord", sector="REB")
    assert dictionary.sector_word("horde") == SectorWord(phrase="horde", sector="CVL", crowd="mob")
    protester = dictionary.sector_word("protester")
    assert protester is not None and protester.crowd == "demonstrators"
