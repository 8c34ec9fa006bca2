"""The end screen: final scores, the turn-by-turn influence shift, and saving the replay."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from caspian_tabletop import saves
from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.engine.scoring import SCORE_TERMS
from caspian_tabletop.session import Session
from caspian_tabletop.tui.screens.dialogs import save_with_prompt
from caspian_tabletop.tui.screens.save_name import save_in_folder
from caspian_tabletop.tui.served import served_of
from caspian_tabletop.tui.text import seat_label
from caspian_tabletop.tui.widgets.footer import CaspianFooter


class EndScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "save", "Save replay"),
        Binding("escape,b", "back", "Back to the board"),
        Binding("n", "app.new_game", "New game"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end-body"):
            yield Static(self._body(), id="end-report")
        yield CaspianFooter()

    def _body(self) -> RenderableType:
        game = self.session.game
        colours = {a: m.colour for a, m in game.scenario.actors.items()}
        scores = game.scores()
        title = Text(f"{game.scenario.title}: final position after {game.date}\n",
                     Style(bold=True))
        if game.clash:
            title.append("ARMED CLASH: tension reached the threshold and the game ended.\n",
                         Style(bold=True, color="red"))
        ranking = Table(title="Final scores", expand=False)
        for column in ("#", "actor", "seat", "score", *SCORE_TERMS):
            ranking.add_column(column, justify="right" if column not in ("actor", "seat")
                               else "left")
        terms = game.score_terms()
        for place, (actor, score) in enumerate(sorted(scores.items(), key=lambda kv: -kv[1])):
            ranking.add_row(str(place + 1), Text(actor, Style(color=colours[actor], bold=True)),
                            seat_label(self.session.seats[actor]), tenths(score),
                            *(tenths(terms[actor][t]) for t in SCORE_TERMS))
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
        hint = Text("\ns: save the replay · b: back to the board · n: new game · q: quit",
                    Style(dim=True))
        return Group(title, ranking, Text(""), table, hint)

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
