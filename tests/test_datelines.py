"""The place of a dateline (``eventdesk.extract.datelines.dateline_place``), as the cleaner keeps it."""

from __future__ import annotations

import pytest

from eventdesk.extract.datelines import dateline_place, dateline_place_name, split_dateline


@pytest.mark.parametrize(("dateline", "place"), [
    ("GAZA CITY (Reuters)", "GAZA CITY"),
    ("WASHINGTON, March 3 (AP)", "WASHINGTON"),
    ("NABLUS, West Bank, May 3 (AP)", "NABLUS, West Bank"),
    ("MAYFIELD, Ky. (AP)", "MAYFIELD, Ky."),
    ("Kabul (Reuters)", "Kabul"),
    ("(CNN)", None),
    ("Friday, January 4, 2019", None),
])
def test_the_place_of_a_dateline_is_a_span_of_it(dateline: str, place: str | None) -> None:
    span = dateline_place(dateline)
    assert (dateline[span[0]:span[1]] if span is not None else None) == place


def test_the_dateline_the_cleaner_cuts_off_has_its_place() -> None:
    dateline, rest = split_dateline("BEIRUT, Lebanon (Reuters) — Israeli jets struck targets south of the city.")
    assert dateline == "BEIRUT, Lebanon (Reuters)" and rest.startswith("Israeli jets")
    span = dateline_place(dateline)
    assert span is not None and dateline[span[0]:span[1]] == "BEIRUT, Lebanon"


def test_the_place_name_of_an_articles_dateline() -> None:
    assert dateline_place_name("NABLUS, West Bank, May 3 (AP)") == "NABLUS, West Bank"
    assert dateline_place_name("GAZA CITY (Reuters); TUNIS (AP)") == "GAZA CITY"
    assert dateline_place_name("Friday, January 4, 2019") is None
    assert dateline_place_name(None) is None
