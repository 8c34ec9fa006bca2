"""The move builder: a move type, then each parameter, from the engine's legal moves only.

Every list offered is computed from `game.legal_moves(actor)`; a type with no legal option
is still listed and, when chosen, shows the engine's reasons (`game.why_illegal`).  Before
committing, the preview shows the odds and both outcomes (`game.preview`).  A move can also
be typed in notation.  The chosen move goes up in a `Chosen` message.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import KIND_ORDER, MOVE_KINDS, Field, Move, MoveKind, parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.tui.text import describe_move, preview_text

COMMIT = "commit"
MAX_REASONS = 3


def _fields(kind: MoveKind) -> tuple[Field, ...]:
    """The fields chosen one by one for `kind`, in notation order."""
    return MOVE_KINDS[kind].fields


class Choices(OptionList):
    """The builder's list, refilled at every step.  Textual pages by the line positions of
    the last layout, which a list refilled since a layout left it empty does not have yet
    (a page key in that frame raised KeyError): until it has, page to the first or last."""

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()
        else:
            self.action_first()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()
        else:
            self.action_last()


class MoveBuilder(Vertical):
    """Builds one move for `actor`; call `start` each time a human seat is to move."""

    BINDINGS = [Binding("escape", "back", "Back", show=True, id="builder.back")]

    class Chosen(Message):
        def __init__(self, move: Move) -> None:
            self.move = move
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.game: Game | None = None
        self.actor: str | None = None
        self.kind: MoveKind | None = None
        self.picks: list[object] = []
        self.final: Move | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="builder-title")
        yield Choices(id="choices")
        yield Static("", id="preview")
        yield Input(placeholder="or type a move, e.g. RU drill north", id="notation")

    # ----- driven by the screen -------------------------------------------------------
    def start(self, game: Game, actor: str) -> None:
        self.game, self.actor = game, actor
        self.disabled = False
        self._reset()
        self.query_one(OptionList).focus()

    def wait(self, message: str) -> None:
        """No human to move: show why (an AI thinking, the game over) and lock the panel."""
        self.game, self.actor = None, None
        self.query_one("#builder-title", Static).update(Text(message, Style(italic=True)))
        self.query_one(OptionList).clear_options()
        self.query_one("#preview", Static).update("")
        self.disabled = True

    def choose(self, move: Move) -> None:
        """Jump to the confirm step for `move` (from the advisor or typed notation)."""
        if self.game is None:
            return
        why = (f"this panel plays {self.actor}" if move.actor != self.actor
               else self.game.why_illegal(move))
        if why is not None:
            self._show_reason(f"{move.notation()}: {why}")
            return
        self.kind, self.final = move.kind, move
        self.picks = [getattr(move, f.name) for f in _fields(move.kind)]
        self._render_step()

    # ----- steps ------------------------------------------------------------------------
    def _reset(self) -> None:
        self.kind, self.picks, self.final = None, [], None
        self._render_step()

    def _legal(self) -> list[Move]:
        assert self.game is not None and self.actor is not None
        return self.game.legal_moves(self.actor)

    def _candidates(self) -> list[Move]:
        assert self.kind is not None
        moves = [m for m in self._legal() if m.kind is self.kind]
        for field, value in zip(_fields(self.kind), self.picks, strict=False):
            moves = [m for m in moves if getattr(m, field.name) == value]
        return moves

    def _render_step(self) -> None:
        if self.game is None or self.actor is None:
            return
        options = self.query_one(OptionList)
        options.clear_options()
        self.query_one("#preview", Static).update("")
        capital = self.game.capital(self.actor)
        crumbs = " › ".join([self.kind.value, *(f.label(v) for f, v in zip(
            _fields(self.kind), self.picks, strict=False))]) if self.kind else "choose a move type"
        title = Text(f"{self.actor} to move", Style(bold=True))
        title.append(f" · capital {capital:.1f} · {crumbs}", Style(dim=True))
        self.query_one("#builder-title", Static).update(title)
        self.refresh_bindings()
        if self.kind is None:
            legal = self._legal()
            for kind in KIND_ORDER:
                count = sum(1 for m in legal if m.kind is kind)
                cost = self.game.cost(kind)
                label = Text(f"{kind.value:<9}", Style(bold=count > 0))
                label.append(f" cost {cost:g} · {count} option{'s' * (count != 1)}"
                             if count else f" cost {cost:g} · not possible now",
                             Style(dim=True))
                options.add_option(Option(label, id=kind.value))
        elif self.final is not None:
            options.add_option(Option(Text(f"✔ commit: {self.final.notation()}",
                                           Style(bold=True, color="green")), id=COMMIT))
            self._preview(self.final)
        else:
            field = _fields(self.kind)[len(self.picks)]
            values = list(dict.fromkeys(getattr(m, field.name) for m in self._candidates()))
            for i, value in enumerate(values):
                options.add_option(Option(f"{field.name}: {field.label(value)}", id=str(i)))
        options.highlighted = 0 if options.option_count else None
        if self.has_focus_within or self.screen.focused is None:
            options.focus()

    def _preview(self, move: Move) -> None:
        assert self.game is not None
        head = Text(f"{move.notation()}\n", Style(bold=True))
        head.append(describe_move(move) + "\n", Style(italic=True))
        head.append_text(preview_text(self.game.preview(move)))
        self.query_one("#preview", Static).update(head)

    def _show_reason(self, reason: str) -> None:
        self.query_one("#preview", Static).update(
            Text(f"✖ not allowed: {reason}", Style(color="red", bold=True)))

    def _illegal_reasons(self, kind: MoveKind) -> list[str]:
        """The engine's reasons why no move of `kind` is possible, most common first."""
        assert self.game is not None and self.actor is not None
        reasons: dict[str, int] = {}
        for move in (m for m in self.game.moves_of(self.actor) if m.kind is kind):
            why = self.game.why_illegal(move)
            if why is not None:
                reasons[why] = reasons.get(why, 0) + 1
        return sorted(reasons, key=lambda r: -reasons[r])[:MAX_REASONS]

    # ----- events ----------------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.game is None or self.kind is None or self.final is not None:
            return
        fields = _fields(self.kind)
        if len(self.picks) == len(fields) - 1 and event.option.id is not None:
            field = fields[-1]
            values = list(dict.fromkeys(getattr(m, field.name) for m in self._candidates()))
            index = int(event.option.id)
            if index < len(values):
                moves = [m for m in self._candidates()
                         if getattr(m, field.name) == values[index]]
                if len(moves) == 1:
                    self._preview(moves[0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.game is None:
            return
        option_id = event.option.id or ""
        if self.kind is None:
            kind = MoveKind(option_id)
            if not any(m.kind is kind for m in self._legal()):
                reasons = "; ".join(self._illegal_reasons(kind)) or "no such move"
                self._show_reason(f"no {kind.value} is possible now: {reasons}")
                return
            self.kind = kind
        elif self.final is not None:
            self.post_message(self.Chosen(self.final))
            return
        else:
            field = _fields(self.kind)[len(self.picks)]
            values = list(dict.fromkeys(getattr(m, field.name) for m in self._candidates()))
            self.picks.append(values[int(option_id)])
        if len(self.picks) == len(_fields(self.kind)):
            moves = self._candidates()
            self.final = moves[0] if len(moves) == 1 else None
        self._render_step()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.game is None:
            return
        try:
            move = parse_move(event.value)
        except CaspianError as exc:
            self._show_reason(str(exc))
            return
        self.choose(move)
        if self.final == move:
            event.input.value = ""
            self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back is offered (and shown in the footer) only when there is a step to go back
        to: at the first step Escape would do nothing."""
        if action == "back":
            return self.kind is not None or bool(self.picks)
        return True

    def action_back(self) -> None:
        if self.final is not None and self.kind is not None:
            self.final = None
            self.picks = self.picks[:-1] if self.picks else []
            if not _fields(self.kind):
                self.kind = None
        elif self.picks:
            self.picks.pop()
        else:
            self.kind = None
        self._render_step()
