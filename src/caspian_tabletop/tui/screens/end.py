"""The end screen: each actor's level and why (margin against par, goals met and missed),
the final scores, the turn-by-turn influence shift, and saving the replay."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from caspian_tabletop import saves
from caspian_tabletop.analysis.comparison import COMPARE_GAMES, Comparison, compare_with_bots
from caspian_tabletop.domain.figures import figure, tenths
from caspian_tabletop.engine.scoring import SCORE_TERMS
from caspian_tabletop.engine.victory import Verdict, standard
from caspian_tabletop.render.victory import (
    achievement,
    comparison_words,
    judging_text,
    verdict_line,
)
from caspian_tabletop.session import Session
from caspian_tabletop.tui.screens.dialogs import save_with_prompt
from caspian_tabletop.tui.screens.save_name import save_in_folder
from caspian_tabletop.tui.served import served_of
from caspian_tabletop.tui.text import seat_label
from caspian_tabletop.tui.widgets.footer import CaspianFooter

LEVEL_STYLES = {
    "decisive loss": Style(color="red", bold=True), "marginal loss": Style(color="red"),
    "held": Style(), "marginal gain": Style(color="green"),
    "decisive gain": Style(color="green", bold=True),
}


class _Left(Exception):
    """The player left the end screen before the comparison was done."""


def compare_games_of(app: App[Any]) -> int:
    """How many simulated games the end screen compares with (the app's setting)."""
    games = getattr(app, "compare_games", None)
    return games if isinstance(games, int) else COMPARE_GAMES


class EndScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "save", "Save replay", id="end.save"),
        Binding("escape,b", "back", "Back to the board", id="end.back"),
        Binding("n", "app.new_game", "New game", id="end.new"),
        Binding("q", "app.quit", "Quit", id="end.quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end-body"):
            if self.session.humans:
                yield Static(self._yours(None), id="end-yours")
            yield Static(self._body(), id="end-report")
        yield CaspianFooter()

    def on_mount(self) -> None:
        """The comparison with simulated games takes seconds on the full scenario: it runs
        behind the screen, which is shown at once and filled in when it is done."""
        games = compare_games_of(self.app)
        if self.session.humans and games:
            self.run_worker(partial(self._compare, games), thread=True, exclusive=True,
                            group="compare")

    def _compare(self, games: int) -> None:
        worker = get_current_worker()

        def stop_if_left(_: int) -> None:
            if worker.is_cancelled:
                raise _Left

        game = self.session.game
        try:
            compared = compare_with_bots(game.compiled, game.scores(), game.seed, games,
                                         stop_if_left)
        except _Left:
            return
        self.app.call_from_thread(self._show_comparison, compared)

    def _show_comparison(self, compared: Comparison) -> None:
        self.query_one("#end-yours", Static).update(self._yours(compared))

    def _yours(self, compared: Comparison | None) -> Text:
        """Each human seat's result in plain words, and, once simulated, how it compares
        with normal-bot games from the same start."""
        game = self.session.game
        judged = game.verdicts()
        text = Text("Your result\n", Style(bold=True))
        games = compare_games_of(self.app)
        for actor in self.session.humans:
            colour = game.scenario.actors[actor].colour
            text.append(f"{achievement(game.scenario, judged, actor)}\n",
                        Style(color=colour, bold=True))
            if compared is not None:
                text.append(f"  {comparison_words(compared.better_than[actor], compared.games)}"
                            "\n")
            elif games:
                text.append(f"  comparing with {games:,} games with normal bots from the "
                            "same start…\n", Style(dim=True))
        return text

    def _body(self) -> RenderableType:
        game = self.session.game
        colours = {a: m.colour for a, m in game.scenario.actors.items()}
        title = Text(f"{game.scenario.title}: final position after {game.date}\n",
                     Style(bold=True))
        if game.clash:
            title.append("ARMED CLASH: tension reached the threshold and the game ended.\n",
                         Style(bold=True, color="red"))
        judged = game.verdicts()
        hint = Text("\ns: save the replay · b: back to the board · n: new game · q: quit",
                    Style(dim=True))
        return Group(title, self._results(judged, colours), Text(""),
                     self._why(judged, colours), Text(""), self._terms(colours), Text(""),
                     self._shifts(colours), hint)

    def _results(self, judged: list[Verdict], colours: dict[str, str]) -> Table:
        """The ranking: level first, then the margin in the actor's own spread."""
        ranking = Table(title="Result (best first)", expand=False)
        for column in ("#", "actor", "seat", "level", "score", "par", "margin", "goals"):
            ranking.add_column(column, justify="left" if column in ("actor", "seat", "level")
                               else "right")
        for place, v in enumerate(judged):
            ranking.add_row(str(place + 1), Text(v.actor, Style(color=colours[v.actor],
                                                                bold=True)),
                            seat_label(self.session.seats[v.actor]),
                            Text(v.level, LEVEL_STYLES[v.level]), tenths(v.score),
                            tenths(v.par), f"{figure(v.margin, '.1f', signed=True)} sd",
                            f"{v.met}/{len(v.goals)}" if v.goals else "–")
        return ranking

    def _why(self, judged: list[Verdict], colours: dict[str, str]) -> Text:
        """Each actor's level in words: the margin against par and every goal met or
        missed."""
        scenario = self.session.game.scenario
        text = Text(judging_text(standard(self.session.game.compiled)) + "\n",
                    Style(dim=True))
        for v in judged:
            text.append("\n• ")
            text.append(verdict_line(scenario, v), Style(color=colours[v.actor]))
        return text

    def _terms(self, colours: dict[str, str]) -> Table:
        game = self.session.game
        terms = game.score_terms()
        table = Table(title="Points per score term", expand=False)
        for column in ("actor", "score", *SCORE_TERMS):
            table.add_column(column, justify="left" if column == "actor" else "right")
        for actor, score in game.scores().items():
            table.add_row(Text(actor, Style(color=colours[actor], bold=True)), tenths(score),
                          *(tenths(terms[actor][t]) for t in SCORE_TERMS))
        return table

    def _shifts(self, colours: dict[str, str]) -> Table:
        game = self.session.game
        shifts = game.turn_shifts()
        table = Table(title="Influence shift by turn (score change per actor)", expand=False)
        table.add_column("turn")
        for actor in game.compiled.actors:
            table.add_column(Text(actor, Style(color=colours[actor])), justify="right")
        table.add_column("largest move of the turn", overflow="fold")
        for turn in sorted(shifts):
            row = shifts[turn]
            totals = [sum(row.get(a, {}).values()) for a in game.compiled.actors]
            biggest = max(((abs(v), a, t) for a, ts in row.items() for t, v in ts.items()),
                          default=None)
            note = "" if biggest is None else (
                f"{biggest[1]} {tenths(row[biggest[1]][biggest[2]], signed=True)} {biggest[2]}")
            table.add_row(f"{turn} · {game.scenario.calendar.label(turn)}",
                          *(tenths(v, signed=True) for v in totals), note)
        return table

    def action_back(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        game = self.session.game
        default = saves.saves_dir() / f"{game.scenario.id}-seed{game.seed}-final.yaml"
        served = served_of(self.app)
        if served is None:
            save_with_prompt(self, self.session, "Save the replay", default)
        else:
            save_in_folder(self, served, self.session, "Save the replay", default)
