"""Text of games outside the engine: shift lines, scores, sentences, with signed figures that
never show a negative zero."""

from __future__ import annotations

from caspian_tabletop.engine.explain import Delta, Resolution
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.render.transcript import scores_text, shift_line


def test_shift_line_names_each_actors_largest_term() -> None:
    shifts = {"RU": {"influence": 0.84, "tension": -0.3}, "AZ": {"corridor": -0.04}}
    assert shift_line(shifts, ("RU", "AZ", "KZ")) == (
        "RU +0.5 (influence +0.8), AZ +0.0 (corridor +0.0), KZ +0.0")


def test_scores_follow_the_given_order() -> None:
    assert scores_text({"RU": 47.84, "IR": -0.01}) == "RU 47.8, IR 0.0"


def test_a_sentence_has_the_odds_the_roll_the_outcome_and_each_change() -> None:
    res = Resolution(turn=2, step="move", actor="RU", text="RU blockade middle-corridor middle",
                     inputs={"strength": "7.9 vs 7.5"}, modifiers={"drill bonus": 0.15},
                     probability=0.51, roll=0.78, outcome="failure",
                     deltas=(Delta("tension", "tension", 2.35, 4.35),
                             Delta("relations:RU:AZ", "RU–AZ relations", 10.0, -2.5),
                             Delta("capital:RU", "RU capital", 4.0, 1.0)),
                     facilitator="a storm")
    assert sentence(res) == (
        "[RU blockade middle-corridor middle: p=0.51 (strength 7.9 vs 7.5; drill bonus +15%),"
        " roll 0.78 → failure; tension 2.35→4.35; RU–AZ relations -12.50; RU capital -3;"
        " facilitator: a storm]")


def test_a_change_too_small_for_two_decimals_is_shown_with_three() -> None:
    res = Resolution(turn=2, step="move", actor="RU", text="RU blockade middle-corridor middle",
                     deltas=(Delta("throughput:instc-east", "INSTC eastern land branch",
                                   0.05, 0.046),
                             Delta("throughput:instc-sea", "INSTC", 3.8, 3.42)))
    assert sentence(res) == ("[RU blockade middle-corridor middle; INSTC eastern land branch "
                             "0.050→0.046 Mt; INSTC 3.80→3.42 Mt]")
