"""Contracts that keep the architecture honest: import direction, documented settings and
commands, a valid output schema."""

from __future__ import annotations

import ast
import json
from dataclasses import fields, is_dataclass
from pathlib import Path

import jsonschema
import pytest

from eventdesk.cli import cli
from eventdesk.settings import Settings

SRC = Path(__file__).parents[1] / "src" / "eventdesk"
DOCS = Path(__file__).parents[1] / "docs"
STAGES = ("extract", "nlp", "actors", "events", "places", "dates", "quotes", "dedup")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_only_nlp_imports_spacy(path: Path) -> None:
    if path.relative_to(SRC).parts[0] == "nlp":
        return
    assert not any(m == "spacy" or m.startswith("spacy.") for m in imported_modules(path))


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_other_stage_nor_the_layers_above(stage: str) -> None:
    forbidden = {f"eventdesk.{other}" for other in STAGES if other != stage}
    forbidden |= {"eventdesk.pipeline", "eventdesk.cli", "eventdesk.store", "eventdesk.api", "eventdesk.runners"}
    for path in (SRC / stage).rglob("*.py"):
        for module in imported_modules(path):
            assert not any(module == f or module.startswith(f + ".") for f in forbidden), (path, module)


def test_no_module_is_a_thousand_lines_and_no_utils() -> None:
    for path in python_files():
        assert path.name not in ("utils.py", "helpers.py")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 600, path


def setting_names(obj: object, prefix: str = "") -> list[str]:
    names = []
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if is_dataclass(value):
            names.extend(setting_names(value, f"{f.name}."))
        else:
            names.append(prefix + f.name)
    return names


def test_every_setting_is_documented() -> None:
    doc = (DOCS / "settings.md").read_text(encoding="utf-8")
    for name in setting_names(Settings()):
        assert f"`{name}`" in doc, name


def test_every_command_and_option_is_documented() -> None:
    doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"eventdesk {name}" in doc, name
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("--"):
                    assert flag in doc, (name, flag)


def test_output_schema_is_valid_json_schema() -> None:
    schema = json.loads((SRC / "schema" / "coded-article.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
