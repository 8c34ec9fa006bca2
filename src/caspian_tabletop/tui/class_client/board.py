"""The public board every role sees, drawn from a server view: status line, teams, scores,
tension and what the last reveal resolved."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

View = dict[str, Any]
PHASES = {"orders": "orders open", "answers": "answering offers", "over": "game over"}


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def status_line(view: View, remaining: float | None) -> Text:
    """Turn, date, phase, the timer and anything holding the class up."""
    text = Text()
    text.append(f"{view['title']}", style="bold")
    text.append(f"   turn {min(view['turn'], view['turns'])}/{view['turns']} · {view['date']}"
                f" · {PHASES.get(view['phase'], view['phase'])}")
    if remaining is not None:
        text.append(f" · time {clock(remaining)}",
                    style="bold red" if remaining <= 0 else "bold")
        if remaining <= 0:
            text.append(" (time is up)", style="red")
    if view["paused"]:
        text.append("  PAUSED", style="bold reverse")
    if not view.get("facilitator_connected", True):
        text.append("  waiting for the facilitator", style="italic")
    return text


def teams_table(view: View) -> Table:
    table = Table(title="Teams", expand=True, show_edge=False)
    table.add_column("team")
    table.add_column("name")
    table.add_column("order")
    for team in view["teams"]:
        table.add_row(team["actor"], Text(team["name"]),
                      Text("sealed", style="green") if team["submitted"]
                      else Text("waiting", style="yellow"))
    return table


def scores_table(view: View) -> Table:
    table = Table(title=f"Scores · tension {view['tension']:.1f}/10", expand=True,
                  show_edge=False)
    table.add_column("actor")
    table.add_column("score", justify="right")
    for actor, score in sorted(view["scores"].items(), key=lambda kv: -kv[1]):
        table.add_row(actor, f"{score:.1f}")
    return table


def revealed_text(view: View) -> Text:
    """The last reveal, a line per step; before any, what the board is waiting for."""
    if not view["revealed"]:
        return Text("Nothing revealed yet this game." if view["turn"] == 1
                    else "Orders are sealed until the facilitator reveals them.",
                    style="italic")
    text = Text()
    for step in view["revealed"]:
        who = f"{step['actor']}: " if step["actor"] else ""
        text.append(f"T{step['turn']} {who}{step['text']}")
        if step["outcome"]:
            text.append(f" — {step['outcome']}", style="italic")
        text.append("\n")
    return text
