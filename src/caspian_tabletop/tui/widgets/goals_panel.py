"""A player's goals and how each stands now, with the level the game would give if it
ended now: redrawn after every move, so a player sees what winning means as they play."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from caspian_tabletop.engine.victory import Verdict
from caspian_tabletop.render.victory import MET, MISSED, goal_status, standing_line
from caspian_tabletop.scenario.schema import Scenario
from caspian_tabletop.tui.widgets.panel import TextPanel

MET_STYLE, MISSED_STYLE = Style(color="green", bold=True), Style(color="red", bold=True)


def goals_text(scenario: Scenario, verdict: Verdict, colour: str) -> Text:
    """'KZ: held if it ended now (+0.1 sd)', then one line per goal."""
    text = Text()
    text.append(f"{verdict.actor}: ", Style(color=colour, bold=True))
    text.append(standing_line(verdict), Style(dim=True))
    if not verdict.goals:
        text.append("\nno goals in this scenario: judged by score against par",
                    Style(dim=True))
    for reading in verdict.goals:
        mark = MET if reading.met else MISSED
        text.append(f"\n{mark} ", MET_STYLE if reading.met else MISSED_STYLE)
        text.append(goal_status(scenario, verdict.actor, reading))
    return text


class GoalsPanel(TextPanel):
    """The goals of the actor at the keyboard (or the first human seat)."""

    def show(self, scenario: Scenario, verdict: Verdict | None, colour: str) -> None:
        if verdict is None:
            self.show_text(Text("no human seat: nobody's goals to show", Style(dim=True)))
            return
        self.show_text(goals_text(scenario, verdict, colour))
