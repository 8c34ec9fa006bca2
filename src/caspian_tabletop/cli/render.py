"""Plain-text rendering of scenario summaries for the terminal (no rich: see the layer rule)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from caspian_tabletop.scenario.figures import show_value
from caspian_tabletop.scenario.schema import Scenario
from caspian_tabletop.scenario.summary import actor_rows, claim_rows


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Left-aligned columns sized to their widest cell."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    return [
        (
            indent + "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
        ).rstrip()
        for row in (headers, *rows)
    ]


def describe_lines(scenario: Scenario) -> list[str]:
    """The `describe` summary: calendar, actors with naval strength, corridors, assets, claims."""
    cal = scenario.calendar
    lines = [
        f"{scenario.title} ({scenario.id} v{scenario.version})",
        textwrap.fill(scenario.summary, width=100, initial_indent="  ", subsequent_indent="  "),
        f"Calendar: {cal.turns} turns of one quarter, {cal.label(1)} to {cal.label(cal.turns)}",
        "",
        "Actors",
    ]
    rows = actor_rows(scenario)
    lines += table(
        ("ID", "Name", "Littoral", "Orientation", "Naval strength (low–high)", "Capital/turn"),
        [
            (
                r.id,
                r.name,
                ("yes" if r.littoral else "no") + (", neutral" if r.neutral else ""),
                r.orientation,
                f"{r.strength.value:.1f} ({r.strength.low:.1f}–{r.strength.high:.1f})",
                f"{r.capital_per_turn:g}",
            )
            for r in rows
        ],
    )
    lines += ["", "Navy sources"]
    for r in rows:
        cited = ", ".join(r.navy_sources) or "none"
        estimate = " (includes designer estimates)" if r.navy_estimated else ""
        has_navy = r.navy_sources or r.navy_estimated
        lines.append(f"  {r.id}: {cited}{estimate}" if has_navy else f"  {r.id}: no navy")
    lines += ["", "Corridors"]
    lines += table(
        ("ID", "Name", "Orientation", "Members", "Capacity Mt", "Throughput Mt"),
        [
            (
                cid,
                c.name,
                c.orientation,
                ", ".join(c.members),
                show_value(c.capacity_mt),
                show_value(c.throughput_mt),
            )
            for cid, c in scenario.corridors.items()
        ],
    )
    lines += ["", "Assets"]
    lines += (
        table(
            ("ID", "Name", "Kind", "Owners", "Gain", "Stages"),
            [
                (
                    aid,
                    a.name,
                    a.kind + (f" on {a.corridor}" if a.corridor else ""),
                    ", ".join(a.owners),
                    f"{a.gain:g}",
                    str(a.stages),
                )
                for aid, a in scenario.assets.items()
            ],
        )
        if scenario.assets
        else ["  none"]
    )
    scheduled = sum(1 for e in scenario.events.values() if e.scheduled_turn is not None)
    lines += ["", f"Events: {len(scenario.events)} ({scheduled} scheduled)", "", "Claims"]
    for claim in claim_rows(scenario):
        lines.append(f"  {claim.id}: {claim.statement}: {'holds' if claim.holds else 'FAILS'}")
        lines += [f"    {failure}" for failure in claim.failures]
    if not scenario.claims:
        lines.append("  none")
    return lines
