"""`calibrate`: par and sd pooled over bot populations, printed as the scenario's victory
block or written into the scenario file, every other line of it kept."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner, Result

from caspian_tabletop import files
from caspian_tabletop.analysis.calibrate import Population, mixed_seats, pooled, pooled_median
from caspian_tabletop.cli import calibrate_commands, main
from caspian_tabletop.domain.errors import Problem, ScenarioError
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.block_text import replace_block
from caspian_tabletop.scenario.judging import Victory
from caspian_tabletop.scenario.load import load_scenario, parse_document
from shipped import compiled

ARGS = ["--games", "40", "--hard-games", "1", "--seed", "3"]


def _cli(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_the_tutorials_block_is_valid_yaml_for_every_actor_and_says_how_it_was_made() -> None:
    result = _cli("calibrate", "tutorial", *ARGS)
    assert result.exit_code == 0, result.output
    block = result.stdout
    assert block.startswith("victory:\n")
    victory = Victory.model_validate(yaml.safe_load(block)["victory"])
    assert victory.command == "caspian-tabletop calibrate tutorial " + " ".join(ARGS)
    assert list(victory.actors) == ["RU", "AZ", "KZ"]
    assert (victory.marginal, victory.decisive) == (0.5, 1.5)
    assert ("  #       random                normal                mixed                 "
            "hard (1 game)\n") in block
    assert "#   KZ Aktau expansion complete: " in block
    assert _cli("calibrate", "tutorial", *ARGS).stdout == block  # the same seed, the same block


def test_par_and_sd_are_those_of_the_equal_mixture_of_the_populations() -> None:
    one = Population("a", 10, np.array([10.0, 0.0]), np.array([2.0, 1.0]), (), ())
    two = Population("b", 99, np.array([20.0, 0.0]), np.array([4.0, 3.0]), (), ())
    par, sd = pooled([one, two])
    assert par.tolist() == [15.0, 0.0]
    # Mixture variance: the mean of the variances plus the spread of the means.
    assert sd == pytest.approx([np.sqrt((4 + 16) / 2 + 25), np.sqrt((1 + 9) / 2)])


def test_the_pooled_median_weighs_every_population_the_same() -> None:
    few = Population("few", 2, np.zeros(1), np.ones(1), ((np.array([10.0, 11.0]),),), ())
    many = Population("many", 6, np.zeros(1), np.ones(1),
                      ((np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),),), ())
    # By games, 6 of 8 values lie under 5; by population, half the weight is at 10 and 11.
    assert pooled_median([few, many], 0, 0) == 5.0


def test_mixed_seats_draw_random_or_normal_for_each_seat_and_group() -> None:
    c = compiled("caspian-2021")
    seats = mixed_seats(c, 0)
    assert seats == mixed_seats(c, 0) and seats != mixed_seats(c, 1)
    assert {name for row in seats for name in row} == {"random", "normal"}
    assert all(len(row) == len(c.actors) for row in seats)


def test_write_replaces_only_the_victory_block(tmp_path: Path) -> None:
    target = tmp_path / "tutorial.yaml"
    shutil.copy(resolve_scenario("tutorial"), target)
    before = target.read_text(encoding="utf-8")
    result = _cli("calibrate", str(target), *ARGS, "--write")
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    printed = _cli("calibrate", str(target), *ARGS).stdout
    assert printed in after
    start = before.index("victory:\n")
    end = before.index("\nports:")
    assert after == before[:start] + printed + before[end:]
    victory = load_scenario(target).victory
    assert victory is not None and victory.command.endswith(" ".join(ARGS))


def test_a_block_is_appended_to_a_scenario_without_one() -> None:
    text = "id: x\nrules: {a: 1}\n# the end\n"
    document = parse_document(text.encode(), "x.yaml")
    assert replace_block(text, document, "victory", "victory:\n  a: 1\n") == (
        text + "\nvictory:\n  a: 1\n")


def test_the_comments_before_the_next_block_stay_with_it() -> None:
    text = "a: 1\nvictory:\n  old: 1\n  # inside\n\n# ---- next ----\nb: 2\n"
    document = parse_document(text.encode(), "x.yaml")
    assert replace_block(text, document, "victory", "victory:\n  new: 2\n") == (
        "a: 1\nvictory:\n  new: 2\n\n# ---- next ----\nb: 2\n")


def test_a_block_that_does_not_check_is_not_written(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tutorial.yaml"
    shutil.copy(resolve_scenario("tutorial"), target)
    before = target.read_bytes()

    def refuse(raw: bytes, name: str) -> None:
        raise ScenarioError([Problem(name, 1, 1, "victory", "refused for the test")])

    monkeypatch.setattr(calibrate_commands, "check_bytes", refuse)
    result = _cli("calibrate", str(target), *ARGS, "--write")
    assert result.exit_code == 1
    assert "victory: refused for the test" in result.output
    assert target.read_bytes() == before


def test_a_full_disk_leaves_the_scenario_as_it_was(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tutorial.yaml"
    shutil.copy(resolve_scenario("tutorial"), target)
    before = target.read_bytes()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    result = _cli("calibrate", str(target), *ARGS, "--write")
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["tutorial.yaml"]  # no temporary left


@pytest.mark.parametrize("args", [["--games", "0"], ["--hard-games", "-1"], ["--seed", "x"]])
def test_bad_numbers_are_usage_errors(args: list[str]) -> None:
    result = _cli("calibrate", "tutorial", *args)
    assert result.exit_code == 2 and "Invalid value" in result.output
