"""The after-action report: golden Markdown and HTML, a self-contained page, charts that agree
with the engine, plain-words leads, and clear errors for bad input.

Regenerate the golden reports on purpose only, and say why in the commit:
    .venv/bin/python -m pytest tests/unit/test_report.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.analysis.charts import sparkline
from caspian_tabletop.analysis.narrative import lead
from caspian_tabletop.analysis.report import Report, build_report
from caspian_tabletop.analysis.source_check import source_section
from caspian_tabletop.cli import main
from caspian_tabletop.engine.compiled import TERMS
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.replay.reader import resolve_replay
from caspian_tabletop.replay.runner import Run
from caspian_tabletop.scenario.load import load_register
from golden_files import Golden
from html_check import checked
from shipped import scenario as shipped_scenario

GOLDEN = Path(__file__).parent.parent / "golden" / "reports"


def _cli(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module")
def tutorial() -> tuple[Run, Report]:
    """The tutorial demo has every move kind and all three kinds of facilitator ruling."""
    loaded = load_replay("tutorial-demo")
    run = run_replay(loaded)
    return run, build_report(loaded, run, load_register(), source_section(run.game, 0, 0))


def test_markdown_report_of_the_historical_replay_matches_golden(golden: Golden) -> None:
    result = _cli("report", "historical-2020-2021")
    assert result.exit_code == 0, result.output
    golden(GOLDEN / "historical.md", result.stdout)
    assert "### Turn 1 — 2021 Q1" in result.stdout
    assert ("- Iran held a naval drill in the South Caspian with Russia; the show of force "
            "landed. [IR drill south RU: p=0.75, roll 0.48") in result.stdout


def test_html_report_of_the_historical_replay_matches_golden(tmp_path: Path,
                                                             golden: Golden) -> None:
    target = tmp_path / "report.html"
    result = _cli("report", "historical-2020-2021", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"wrote {target}\n")
    text = target.read_text(encoding="utf-8")
    golden(GOLDEN / "historical.html", text)
    assert text.count("<svg") == 3


def test_html_report_is_well_formed_and_self_contained() -> None:
    text = (GOLDEN / "historical.html").read_text(encoding="utf-8")
    checker = checked(text)
    assert checker.problems == [] and checker.stack == []
    assert {"svg", "polyline", "table", "style"} <= checker.seen
    assert "script" not in checker.seen and "<script" not in text.lower()
    assert "page-break-inside:avoid" in text


def test_charts_agree_with_the_engine(tutorial: tuple[Run, Report]) -> None:
    run, report = tutorial
    game, series = run.game, report.series
    assert series.labels == ("start", "2021 Q1", "2021 Q2", "2021 Q3", "2021 Q4")
    starts = {res.actor: res.start for res in report.results}
    for actor, score in game.scores().items():
        assert series.scores[actor][-1] == pytest.approx(score)
        assert series.scores[actor][0] == pytest.approx(starts[actor])
    shares = term_values(game.compiled, game.state)[0, :, TERMS.index("influence")]
    assert np.allclose([series.influence[a][-1] for a in game.compiled.actors], shares)
    assert series.tension[-1] == pytest.approx(float(game.state.tension[0]))


def test_rulings_keep_the_facilitators_reasons(tutorial: tuple[Run, Report]) -> None:
    _, report = tutorial
    assert [(r.turn, r.reason) for r in report.rulings] == [
        (2, "a patrol-boat incident off Aktau raises nerves"),
        (2, "the umpire rules that the ferries sail under escort"),
        (3, "the class asked what a storm would do")]
    assert report.rulings[1].what == ("Russia blockaded the Middle Corridor (Aktau–Baku) in the "
                                      "Middle Caspian and failed, by the umpire's ruling.")


def test_turning_points_are_each_actors_largest_single_step(
        tutorial: tuple[Run, Report]) -> None:
    run, report = tutorial
    steps = [i.resolution for i in run.items
             if i.resolution is not None and i.resolution.step != "upkeep"]
    assert {p.actor for p in report.turning_points} == {"RU", "AZ", "KZ"}
    for point in report.turning_points:
        largest = max(abs(r.total_shift(point.actor)) for r in steps)
        assert abs(point.total) == pytest.approx(largest)


def test_results_are_judged_in_each_actors_own_spread_best_first(
        tutorial: tuple[Run, Report]) -> None:
    run, report = tutorial
    block = run.game.scenario.victory
    assert block is not None
    for res in report.results:
        v = res.verdict
        assert sum(res.terms.values()) == pytest.approx(v.score)
        assert (v.par, v.sd) == (block.actors[res.actor].par, block.actors[res.actor].sd)
        assert v.margin == pytest.approx((v.score - v.par) / v.sd)
        assert len(v.goals) == len(run.game.scenario.actors[res.actor].objectives.goals or [])
    assert [res.actor for res in report.results] == ["AZ", "RU", "KZ"]
    assert [res.verdict.level for res in report.results] == [
        "marginal gain", "marginal gain", "held"]
    assert report.results[1].why == (
        "Russia: marginal gain — 37.4 points, 3.2 below par (-0.2 sd); goals 3 of 3: "
        "✔ north–south trade 58% (goal over 52%); ✔ sway over Kazakhstan 58% (goal over 57%); "
        "✔ no armed clash; raised from held: every goal met")
    assert report.results[2].why.endswith(
        "✘ Port Aktau expansion: 1 of 2 stages invested (goal complete); ✘ Middle Corridor "
        "1.68 Mt/yr (goal over 3); ✘ Russia's sway 58% (goal under 57%); lowered from "
        "marginal gain: no goal met")
    assert report.ending == "The game ran its full 4 turns."


@pytest.mark.parametrize(("text", "outcome", "expected"), [
    ("KZ trade AZ middle-corridor 0.25", "declined",
     "Kazakhstan offered Azerbaijan 0.25 Mt/yr of trade on the Middle Corridor (Aktau–Baku), "
     "and Azerbaijan turned it down."),
    ("RU drill middle", "backfires",
     "Russia held a naval drill in the Middle Caspian; it backfired."),
    ("AZ summit KZ", "", "Azerbaijan hosted a summit with Kazakhstan."),
    ("AZ pass", "", "Azerbaijan passed, saving its capital."),
    ("RU blockade middle-corridor middle", "fizzles: the corridor is already closed",
     "Russia's order (RU blockade middle-corridor middle) fell through: the corridor is "
     "already closed."),
])
def test_plain_words_lead_of_each_move(tutorial: tuple[Run, Report], text: str, outcome: str,
                                       expected: str) -> None:
    run, _ = tutorial
    res = Resolution(turn=1, step="move", actor=text.split()[0], text=text, outcome=outcome)
    assert lead(run.game.scenario, res) == expected


@pytest.mark.parametrize(("text", "outcome", "expected"), [
    ("AF trade TR lapis-lazuli 0.25", "accepted",
     "Afghanistan offered Turkey 0.25 Mt/yr of trade on the Lapis Lazuli corridor, and Turkey "
     "accepted. The route crosses Turkmenistan and Azerbaijan between them, which gain sway "
     "over both."),
    ("KZ trade TR middle-corridor 0.5", "accepted (umpire override)",
     "Kazakhstan offered Turkey 0.5 Mt/yr of trade on the Middle Corridor (Trans-Caspian route "
     "via Aktau and Kuryk), and Turkey accepted. The route crosses Azerbaijan between them, "
     "which gains sway over both."),
    ("KZ trade TR middle-corridor 0.5", "declined",
     "Kazakhstan offered Turkey 0.5 Mt/yr of trade on the Middle Corridor (Trans-Caspian route "
     "via Aktau and Kuryk), and Turkey turned it down."),
    ("AZ trade KZ middle-corridor 0.5", "accepted",
     "Azerbaijan offered Kazakhstan 0.5 Mt/yr of trade on the Middle Corridor (Trans-Caspian "
     "route via Aktau and Kuryk), and Kazakhstan accepted. Its cargo goes on to Turkey, which "
     "gains sway over both."),
    ("AF trade TM lapis-lazuli 0.25", "accepted",
     "Afghanistan offered Turkmenistan 0.25 Mt/yr of trade on the Lapis Lazuli corridor, and "
     "Turkmenistan accepted. Its cargo goes on to Azerbaijan and Turkey, which gain sway over "
     "both."),
    ("AF trade AZ lapis-lazuli 0.25", "accepted",
     "Afghanistan offered Azerbaijan 0.25 Mt/yr of trade on the Lapis Lazuli corridor, and "
     "Azerbaijan accepted. The route crosses Turkmenistan between them, and its cargo goes on "
     "to Turkey, which gain sway over both."),
    ("AZ trade TR middle-corridor 0.5", "accepted",
     "Azerbaijan offered Turkey 0.5 Mt/yr of trade on the Middle Corridor (Trans-Caspian route "
     "via Aktau and Kuryk), and Turkey accepted."),
])
def test_a_deals_lead_names_who_gains_on_its_route(text: str, outcome: str,
                                                   expected: str) -> None:
    """A deal that crosses a state between its parties, or whose cargo goes on to states
    beyond them, says who gains by it (caspian-2021 sets `transit_influence_per_mt` and
    `onward_influence_per_mt`); a deal between a route's last two members, and a refused
    deal, name no one."""
    res = Resolution(turn=1, step="move", actor=text.split()[0], text=text, outcome=outcome)
    assert lead(shipped_scenario("caspian-2021"), res) == expected


def test_sparkline_shows_each_rows_own_trend() -> None:
    assert sparkline([1.0, 2.0, 3.0]) == "▁▅█"
    assert sparkline([2.0, 2.0]) == "▄▄"


def test_report_of_another_scenario_version_is_refused(tmp_path: Path) -> None:
    text = resolve_replay("tutorial-demo").read_text(encoding="utf-8")
    recorded = load_replay("tutorial-demo").scenario.hash
    assert recorded is not None
    stale = tmp_path / "stale.yaml"
    stale.write_text(text.replace(recorded, "ab" * 32), encoding="utf-8")
    result = _cli("report", str(stale))
    assert result.exit_code == 1
    assert "scenario hash differs" in result.output
    assert isinstance(result.exception, SystemExit)  # a located error, not a crash


@pytest.mark.parametrize(("content", "message"), [
    (None, "stale.yaml:1:1: error: file not found"),
    ("format: caspian-replay\nversion: 1\nturns: [\n", "stale.yaml:4:1: error: invalid YAML"),
    ("just some text\n", "top level must be a mapping"),
])
def test_missing_or_corrupt_replay_is_a_clear_error(tmp_path: Path, content: str | None,
                                                    message: str) -> None:
    path = tmp_path / "stale.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = _cli("report", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert isinstance(result.exception, SystemExit)  # a located error, not a crash


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("", encoding="utf-8")
    result = _cli("report", "tutorial-demo", "-o", str(blocker / "report.md"))
    assert result.exit_code == 1
    assert "cannot write" in result.output
    assert isinstance(result.exception, SystemExit)  # a located error, not a crash
