"""The turn timer counts down per turn, pauses, and only ever announces that time is up."""

from __future__ import annotations

from caspian_tabletop.tui.timer import TurnTimer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_counts_down_pauses_and_restarts_each_turn() -> None:
    clock = Clock()
    timer = TurnTimer(clock)
    assert timer.label() == "" and not timer.just_expired()
    timer.set(2, turn=1)
    assert timer.label() == "⏱ 02:00"
    clock.now += 30
    timer.pause()
    clock.now += 600
    assert timer.label() == "⏸ 01:30 paused" and not timer.just_expired()
    timer.resume()
    clock.now += 90
    assert timer.label() == "⏱ time up"
    assert timer.just_expired() and not timer.just_expired()
    timer.start_turn(1)
    assert timer.label() == "⏱ time up"
    timer.start_turn(2)
    assert timer.label() == "⏱ 02:00"
    timer.set(0, turn=2)
    assert timer.label() == "" and not timer.running
