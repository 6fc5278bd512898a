"""The trigger lexicon as data: size, coverage of every PLOVER category, errors, user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.events import EventCoder, Lexicon
from eventdesk.events.lexicon import COLUMNS, read_domain_words
from eventdesk.events.ontology import CodeTables
from eventdesk.pipeline import Pipeline
from eventdesk.settings import EventSettings
from tests.test_events import code_text, names

HEADER = "\t".join(COLUMNS)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_the_lexicon_is_rich(lexicon: Lexicon) -> None:
    events = [e for e in lexicon if e.cameo and not e.blocks]
    assert len(events) >= 400
    assert {e.pos for e in events} == {"VERB", "NOUN"}
    assert any(e.frame == "light" for e in lexicon) and any(e.frame == "speech" for e in lexicon)


def test_every_plover_category_has_triggers(lexicon: Lexicon) -> None:
    tables = CodeTables.load()
    per_category: dict[str, int] = {}
    for entry in lexicon:
        if entry.cameo and not entry.blocks:
            category = tables.event_type(entry.cameo).event  # every code is known and is an event
            per_category[category] = per_category.get(category, 0) + 1
    assert set(per_category) == set(tables.categories)
    assert min(per_category.values()) >= 10, per_category


def test_rows_are_well_formed(lexicon: Lexicon) -> None:
    for entry in lexicon:
        assert 0.0 < entry.reliability <= 1.0, entry.where
        assert entry.frame in ("", "light", "report", "speech", "claim"), entry.where
        assert (entry.cameo == "") == (entry.frame in ("light", "speech", "claim")) or entry.blocks, entry.where
        assert all(r in ("dobj", "dative") or r.startswith("pobj:") for r in entry.recipient), entry.where


@pytest.mark.parametrize(("row", "problem"), [
    ("attack\tVERB\t\t\t\t\t99999\t0.8\t", "cameo must be"),
    ("attack\tADJ\t\t\t\t\t190\t0.8\t", "pos must be"),
    ("attack\tVERB\t\t\t\tweird\t190\t0.8\t", "frame must be"),
    ("attack\tVERB\t\t\t\t\t190\t1.5\t", "reliability must be"),
    ("attack\tVERB\t\t\tsubject\t\t190\t0.8\t", "recipient roles"),
    ("pull out\tVERB\t\t\t\t\t0872\t0.8\t", "one word"),
])
def test_a_malformed_user_file_names_path_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(f"# my triggers\n{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"mine\.tsv:3: .*{problem}"):
        Lexicon.load([path])


def test_a_bad_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("lemma\tcode\nattack\t190\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine\.tsv:1: header must be"):
        Lexicon.load([path])


def test_an_unknown_cameo_code_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(f"{HEADER}\nfrobnicate\tVERB\t\t\t\t\t0999\t0.8\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine\.tsv:2: unknown CAMEO code '0999'"):
        EventCoder.from_settings(EventSettings(lexicons=(path,)))


def test_a_user_lexicon_adds_a_trigger(tmp_path: Path, parse_text) -> None:
    path = tmp_path / "mine.tsv"
    row = "parley\tVERB\twith\t\tpobj:with\t\t046\t0.9\tto parley with someone"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    sentence = "Russia parleyed with Ukraine in Istanbul."
    mentions = [("Russia", ("Russia",)), ("Ukraine", ("Ukraine",))]
    assert code_text(EventCoder.from_settings(EventSettings()), parse_text, sentence, mentions) == ()
    events = code_text(EventCoder.from_settings(EventSettings(lexicons=(path,))), parse_text, sentence, mentions)
    assert [(e.type.event, e.type.cameo) for e in events] == [("CONSULT", "046")]
    assert names(events[0].actor) == {"Russia"} and names(events[0].recipient) == {"Ukraine"}


def test_off_domain_words_load() -> None:
    words = read_domain_words()
    assert {"tournament", "storm", "earthquake"} <= words


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.mark.parametrize(("sentence", "trigger", "cameo"), [
    ("Erdogan received Putin in Ankara on Tuesday.", "received", "043"),
    ("The king received a delegation from Hamas.", "received", "043"),
    ("President Putin received the Iranian foreign minister in Moscow.", "received", "043"),
    ("The Green Party received 1,457,226 votes in 2016.", "received", None),
    ("Kirk received 3 percent of the vote in his 2012 run.", "received", None),
    ("Qaboos was born 1940 and received his education in India.", "received", None),
    ("Carroll received the party's presidential nomination in September.", "received", None),
    ("She went to the White House to receive the National Medal of Science.", "receive", None),
    ("Mexico will seek help from the United States.", "seek", "020"),
    ("Harris sought the Democratic presidential nomination last year.", "sought", None),
    ("Hamas released two Israeli hostages on Sunday.", "released", "0841"),
    ("The United States released a summary of the phone call on Wednesday.", "released", None),
    ("The rebels ended the siege of the city.", "ended", "087"),
    ("Kirsten Gillibrand ended her campaign on Wednesday.", "ended", None),
    ("Russia withdrew its troops from Kherson on Friday.", "withdrew", "0872"),
    ("Harris withdrew from the race in December.", "withdrew", None),
    ("Klobuchar withdrew her name from consideration.", "withdrew", None),
])
def test_a_verb_is_its_event_only_with_the_right_object(pipeline: Pipeline, sentence: str, trigger: str,
                                                        cameo: str | None) -> None:
    """The object decides: CAMEO 043 (host a visit) for "receive" wants a visitor, a word for one or a proper name
    (the ``@name`` object class), not votes, an education or a nomination; seeking a nomination is running for
    office, not an appeal; releasing a summary frees nobody; a candidate ending a campaign or leaving a race is no
    de-escalation.
    The whole pipeline, so that the actors are resolved as in a run."""
    events = pipeline.process_text(sentence, published="2020-01-01").events
    assert [e.type.cameo for e in events if e.trigger.text == trigger] == ([cameo] if cameo else [])
