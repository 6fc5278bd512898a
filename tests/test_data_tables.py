"""The one reader of the project's tab-separated data files (``eventdesk.data.read_tsv``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.data import read_tsv
from eventdesk.errors import DataFileError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_keep_their_line_numbers_and_cells_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, '# provenance: written by hand\nname\tnote\n\nGaza City\t"quoted", kept\n# x\nRafah\t\n')
    assert list(read_tsv(path)) == [(4, {"name": "Gaza City", "note": '"quoted", kept'}),
                                    (6, {"name": "Rafah", "note": ""})]


@pytest.mark.parametrize(("text", "message"), [
    ("name\tnote\nGaza City\n", r"table\.tsv:2: expected 2 tab-separated columns, found 1"),
    ("# only a comment\n\n", r"table\.tsv: empty gazetteer file \(no header line\)"),
])
def test_a_bad_file_is_one_error_naming_it_and_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        list(read_tsv(write(tmp_path, text), "gazetteer file"))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"missing\.tsv: cannot read export table"):
        list(read_tsv(tmp_path / "missing.tsv", "export table"))


def test_the_places_cue_words_are_read_from_their_data_file(tmp_path: Path) -> None:
    from eventdesk.places.cues import CUE_LISTS, CUE_NOUNS, read_cue_words

    shipped = read_cue_words()
    assert set(shipped) == set(CUE_LISTS) and all(shipped[name] for name in CUE_LISTS)
    assert "village" in CUE_NOUNS and shipped["cue_noun"] == CUE_NOUNS
    extended = write(tmp_path, "list\tword\ncue_noun\tHamlet\nlocative\tin\n")
    assert read_cue_words(extended)["cue_noun"] == frozenset({"hamlet"})
    with pytest.raises(DataFileError, match=r"table\.tsv:2: unknown list 'nouns'"):
        read_cue_words(write(tmp_path, "list\tword\nnouns\tvillage\n"))


def test_the_events_place_words_are_read_from_their_data_file() -> None:
    from eventdesk.events.attach import AREA_NOUNS, DISTANCE_WORDS, LOCATIVE_PREPOSITIONS

    assert {"in", "near", "outside"} <= LOCATIVE_PREPOSITIONS and not {"to", "from", "against"} & LOCATIVE_PREPOSITIONS
    assert "capital" in AREA_NOUNS and {"north", "km"} <= DISTANCE_WORDS
