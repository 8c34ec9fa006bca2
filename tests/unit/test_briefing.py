"""Team briefings: only the move types the rules allow the actor, sources shown, bad input."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from caspian_tabletop.analysis.briefing import deterrence_words
from caspian_tabletop.cli import main
from caspian_tabletop.domain.moves import KIND_ORDER
from caspian_tabletop.engine.legality import static_legal
from html_check import checked
from shipped import compiled, with_rules


def rules_allow(actor: str) -> set[str]:
    """Kinds with at least one action the rules could ever allow this actor."""
    c = compiled("caspian-2021")
    a = c.actor_index(actor)
    ok = static_legal(c)[c.act_start[a]:c.act_stop[a]]
    kinds = c.act_kind[c.act_start[a]:c.act_stop[a]][ok]
    return {KIND_ORDER[int(k)].value for k in np.unique(kinds)}


def listed_moves(text: str) -> set[str]:
    section = text.split("## Allowed moves", 1)[1]
    return set(re.findall(r"^\| (\w+) \| \d", section, flags=re.MULTILINE))


@pytest.mark.parametrize("actor", ["RU", "IR", "AZ", "KZ", "TM", "TR", "AF"])
def test_briefing_lists_exactly_the_legal_move_types(actor: str) -> None:
    result = CliRunner().invoke(main, ["briefing", "--actor", actor])
    assert result.exit_code == 0, result.output
    assert listed_moves(result.output) == rules_allow(actor)


def test_non_littoral_briefing_has_no_naval_moves_and_says_why() -> None:
    text = CliRunner().invoke(main, ["briefing", "--actor", "TR"]).output
    assert "2018 Caspian Convention" in text
    assert not {"drill", "blockade"} & listed_moves(text)


def test_navy_figures_carry_their_sources() -> None:
    text = CliRunner().invoke(main, ["briefing", "--actor", "RU"]).output
    row = next(line for line in text.splitlines() if line.startswith("| Buyan-M small missile"))
    assert "| 3 | 949 t |" in row  # the count and displacement, then their sources
    assert "REF-flotilla-2021-01" in row and "REF-buyan-m" in row


def test_all_briefings_as_html_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["briefing", "--all", "--format", "html",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").glob("briefing-*.html"))
    assert len(files) == 7
    for path in files:
        checker = checked(path.read_text(encoding="utf-8"))
        assert checker.problems == [] and checker.stack == [], path
        assert "table" in checker.seen and "script" not in checker.seen


@pytest.mark.parametrize(("args", "message", "code"), [
    (["--actor", "XX"], "no actor 'XX'", 1),
    ([], "name an actor with --actor ID, or use --all", 2),
    (["--actor", "RU", "-o", "/proc/forbidden/briefing.md"], "cannot write", 1),
])
def test_bad_input(args: list[str], message: str, code: int) -> None:
    result = CliRunner().invoke(main, ["briefing", *args])
    assert result.exit_code == code, result.output
    assert message in result.output


def test_a_briefing_lists_the_actors_goals_with_their_sources() -> None:
    result = CliRunner().invoke(main, ["briefing", "--actor", "KZ"])
    assert result.exit_code == 0, result.output
    assert "## Goals" in result.output
    assert "| Aktau expansion complete | EDM-15 |" in result.output
    assert "| The Middle Corridor carries over 3.3 Mt/yr | EDM-05, EDM-15 |" in result.output


def test_each_team_reads_what_a_drill_s_premium_does_to_its_deals() -> None:
    """The signal's lasting effect (rules.premium_deters) is in the handouts: the coercers'
    drills reach the east–west routes; a state on those routes is told its deals will be
    signed smaller while a premium stands; a state no drill reaches, and a scenario without
    the rule, say nothing of it."""
    c = compiled("caspian-2021")
    [russia, _] = deterrence_words(c, "RU")
    assert russia.startswith("Your drills put a risk premium on Middle Corridor")
    assert "signed 25% smaller, for good" in russia
    [kazakhstan] = deterrence_words(c, "KZ")
    assert kazakhstan.startswith("A drill by RU and IR puts a risk premium on Middle Corridor")
    assert "Lapis" not in kazakhstan  # not a route Kazakhstan belongs to
    assert not deterrence_words(with_rules("caspian-2021", premium_deters=None), "KZ")
    result = CliRunner().invoke(main, ["briefing", "--actor", "KZ"])
    assert kazakhstan in " ".join(result.output.split())
