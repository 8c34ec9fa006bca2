"""`describe` data: Russia's derived naval strength dwarfs the eastern and western littorals."""

from __future__ import annotations

from click.testing import CliRunner

from caspian_tabletop import paths
from caspian_tabletop.cli import main
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.summary import actor_rows, claim_rows


def test_russia_at_least_twice_az_kz_tm() -> None:
    scenario = load_scenario(paths.resolve_scenario("caspian-2021"))
    strength = {row.id: row.strength for row in actor_rows(scenario)}
    for rival in ("AZ", "KZ", "TM"):
        assert strength["RU"].value >= 2 * strength[rival].value
        assert strength["RU"].low >= strength[rival].high
    assert all(row.holds for row in claim_rows(scenario))


def test_describe_prints_strengths_and_navy_sources() -> None:
    result = CliRunner().invoke(main, ["describe", "caspian-2021"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines() if line.startswith("  ")}
    assert "north-south" in rows["RU"]
    assert "Navy sources" in result.output
    assert "REF-" in result.output.split("Navy sources", 1)[1].splitlines()[1]
