from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.errors import SettingsError
from eventdesk.settings import DEFAULT_MODEL, Settings


def test_defaults_then_toml_then_environment(tmp_path: Path) -> None:
    toml = tmp_path / "eventdesk.toml"
    toml.write_text('[nlp]\nbatch_size = 4\n[store]\ndb = "from-file.sqlite"\n[events]\nmin_confidence = 1\n')
    assert Settings.load(environ={}).nlp.model == DEFAULT_MODEL
    from_file = Settings.load(toml, environ={})
    assert from_file.nlp.batch_size == 4 and from_file.store.db == "from-file.sqlite"
    assert from_file.events.min_confidence == 1.0
    from_env = Settings.load(toml, environ={"EVENTDESK_DB": "env.sqlite", "EVENTDESK_MODEL": "en_core_web_trf"})
    assert from_env.store.db == "env.sqlite" and from_env.nlp.model == "en_core_web_trf"
    assert Settings.load(environ={"EVENTDESK_SETTINGS": str(toml)}).nlp.batch_size == 4


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[nlp]\nbatchsize = 4\n", "unknown setting 'batchsize'"),
        ("[nlp]\nbatch_size = 'four'\n", "batch_size must be int"),
        ("[actors]\ndictionaries = 'one.tsv'\n", "list of path strings"),
        ("nlp = 3\n", "[nlp] must be a table"),
        ("[nlp\n", "not valid TOML"),
    ],
)
def test_a_bad_settings_file_is_one_line_naming_file_and_key(tmp_path: Path, content: str, problem: str) -> None:
    toml = tmp_path / "bad.toml"
    toml.write_text(content)
    with pytest.raises(SettingsError) as caught:
        Settings.load(toml, environ={})
    message = str(caught.value)
    assert str(toml) in message and problem in message


def test_a_missing_settings_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        Settings.load(tmp_path / "nope.toml", environ={})
