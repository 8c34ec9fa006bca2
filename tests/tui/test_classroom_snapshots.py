"""Snapshots of the classroom screens at a fixed size and seed, animation off.

Regenerate on purpose only: `pytest tests/tui/test_classroom_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from classroom_helpers import (
    SIZE,
    classroom_app,
    give_order,
    hand_over,
    open_panel,
    start_classroom,
)
from textual.pilot import Pilot
from tui_helpers import steady


def test_privacy_screen(snap_compare: Any) -> None:
    async def classroom(pilot: Pilot[None]) -> None:
        await start_classroom(pilot)
        await steady(pilot)

    assert snap_compare(classroom_app(), terminal_size=SIZE, run_before=classroom)


def test_facilitator_panel(snap_compare: Any) -> None:
    async def panel(pilot: Pilot[None]) -> None:
        await start_classroom(pilot)
        await hand_over(pilot, "Team RU")
        await give_order(pilot, "RU drill middle")
        await hand_over(pilot, "Team AZ")
        await open_panel(pilot)
        await steady(pilot)

    assert snap_compare(classroom_app(), terminal_size=SIZE, run_before=panel)
