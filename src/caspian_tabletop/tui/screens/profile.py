"""An actor's profile: briefing, objectives, and its navy by class with every figure's source."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from caspian_tabletop.engine.game import Game
from caspian_tabletop.scenario.figures import show_value
from caspian_tabletop.scenario.naval import class_strength, naval_strength
from caspian_tabletop.tui.provenance import cited, source_info
from caspian_tabletop.tui.widgets.footer import CaspianFooter


class ProfileScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,p", "close", "Close")]

    def __init__(self, game: Game, actor: str) -> None:
        super().__init__()
        self.game = game
        self.actor = actor

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile-body"):
            yield Static(self._body())
        yield CaspianFooter()

    def _body(self) -> RenderableType:
        scenario = self.game.scenario
        actor = scenario.actors[self.actor]
        formula = scenario.naval_formula
        strength = naval_strength(actor, formula)
        head = Text()
        head.append(f"{actor.name} ({self.actor})\n", Style(bold=True, color=actor.colour))
        littoral = "littoral" if actor.littoral else "not littoral (no Caspian navy allowed)"
        if actor.neutral is not None:
            littoral += " · neutral (no drill, blockade or demand, and joins none)"
        head.append(f"{littoral} · prefers {actor.orientation.value} routes · capital "
                    f"{actor.capital_per_turn:g}/turn · economy "
                    f"{show_value(actor.economy_bn_usd)} bn USD\n", Style(dim=True))
        now = self.game.naval_strength(self.actor)  # events add and remove hulls
        changed = f", {now:.1f} now" if abs(now - strength.value) >= 0.05 else ""
        head.append(f"naval strength {strength.value:.1f} (range {strength.low:.1f}–"
                    f"{strength.high:.1f}){changed}\n\n")
        head.append("Briefing\n", Style(bold=True, underline=True))
        head.append(" ".join(actor.briefing.split()) + "\n\n")
        obj = actor.objectives
        head.append("Objectives ", Style(bold=True, underline=True))
        head.append(f"(targets {', '.join(obj.targets) or 'none'}): influence {obj.influence:g},"
                    f" corridor {obj.corridor:g}, autonomy {obj.autonomy:g}, revenue "
                    f"{obj.revenue:g}, tension {obj.tension:g}\n")
        head.append(" ".join(obj.rationale.split()) + "\n", Style(italic=True, dim=True))
        navy = Table(title="Navy by class", expand=True, show_lines=False)
        for column in ("class", "role", "count", "tons", "strike", "strength", "sources"):
            navy.add_column(column, overflow="fold")
        ids: list[str] = []
        for vessel in actor.navy:
            cites, rationale = cited(vessel.provenance)
            ids += cites
            origin = ", ".join(cites) + (" (designer estimate)" if rationale else "")
            worth = class_strength(vessel, formula, vessel.count.value,
                                   vessel.displacement_t.value)
            navy.add_row(vessel.name, vessel.role.value, show_value(vessel.count),
                         show_value(vessel.displacement_t), vessel.strike.value,
                         f"{worth:.2f}", origin)
        if not actor.navy:
            navy.add_row("—", "no vessels on the Caspian", "", "", "", "", "")
        ids += cited(actor.provenance)[0]
        sources = Table(title="Sources", expand=True, show_header=True)
        sources.add_column("id", no_wrap=True)
        sources.add_column("title", overflow="fold", ratio=1)
        sources.add_column("confidence", no_wrap=True)
        for source_id in dict.fromkeys(ids):
            info = source_info(source_id, scenario)
            sources.add_row(info.id, info.title, info.confidence)
        hint = Text("\nEscape to close", Style(dim=True))
        return Group(head, navy, sources, hint)

    def action_close(self) -> None:
        self.dismiss(None)
