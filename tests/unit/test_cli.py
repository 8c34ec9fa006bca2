"""The click commands: exit codes, schema output, figure provenance, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def test_validate_ok() -> None:
    result = _run("validate", "minimal.yaml", "--register", "register.yaml")
    assert (result.exit_code, result.output) == (0, "minimal.yaml: ok (3 actors, 4 turns)\n")


def test_validate_needs_a_path() -> None:
    assert _run("validate").exit_code == 2


def test_schema_is_json_schema_of_scenario() -> None:
    result = _run("schema")
    schema = json.loads(result.output)
    assert result.exit_code == 0
    assert schema["title"] == "Scenario"
    assert "actors" in schema["properties"]


def test_describe_minimal() -> None:
    result = _run("describe", "minimal.yaml", "--register", "register.yaml")
    assert result.exit_code == 0
    assert "Calendar: 4 turns of one quarter, 2021 Q1 to 2021 Q4" in result.output
    assert "north-dominant: RU ≥ 2 × AZ at both ends of the ranges: holds" in result.output


def test_sources_lists_what_is_cited() -> None:
    result = _run("sources", "minimal.yaml", "--register", "register.yaml")
    assert result.exit_code == 0
    assert "C-01: article claim, paragraph 1:" in result.output
    assert "LOCAL-ports: Local port list (2020; confidence weak)" in result.output


def test_sources_explains_a_figure() -> None:
    args = ("sources", "minimal.yaml", "--register", "register.yaml", "--figure")
    result = _run(*args, "actors.RU.navy[0].displacement_t")
    assert result.exit_code == 0
    assert result.output == (
        "actors.RU.navy[0].displacement_t = 1900 (range 1800–2000)\n"
        "  defined at minimal.yaml:49:25\n"
        "  explained by actors.RU.navy[0]\n"
        "  REF-fleet: Test fleet list (2021; confidence ok) https://example.org/fleet\n"
    )
    estimate = _run(*args, "assets.expansion.gain")
    assert "(designer estimate)" in estimate.output
    assert "rationale: Test asset with a made-up gain." in estimate.output


def test_unknown_figure_is_an_error_not_a_traceback() -> None:
    args = ("sources", "minimal.yaml", "--register", "register.yaml", "--figure")
    result = _run(*args, "actors.RU.nvy[0].count")
    assert result.exit_code == 1
    assert result.output == (
        "actors.RU.nvy[0].count: no such figure; 'actors.RU.nvy' does not exist "
        "(did you mean 'navy'?)\n"
    )


def test_broken_scenario_in_describe_exits_1() -> None:
    result = _run("describe", "no-such.yaml", "--register", "register.yaml")
    assert (result.exit_code, result.output) == (1, "no-such.yaml:1:1: error: file not found\n")
