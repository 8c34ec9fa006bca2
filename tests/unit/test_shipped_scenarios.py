"""The bundled scenarios validate against the bundled register, and the bare command runs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from caspian_tabletop import paths
from caspian_tabletop.cli import main


@pytest.mark.parametrize("name", ["caspian-2021", "tutorial"])
def test_shipped_scenario_validates(name: str) -> None:
    path = str(paths.scenarios_dir() / f"{name}.yaml")
    result = CliRunner().invoke(main, ["validate", path])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{path}: ok (")


def test_bare_command_summarises_the_default_scenario() -> None:
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert "Naval strength" in result.output
