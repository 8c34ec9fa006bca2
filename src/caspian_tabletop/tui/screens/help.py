"""Help: the keys, then the rulebook (docs/rules.md, which the wheel carries as data)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from caspian_tabletop.paths import rulebook_path
from caspian_tabletop.tui.widgets.footer import CaspianFooter

KEYS = """\
# Keys

| Key | Where | What |
|---|---|---|
| ↑ ↓ Enter | lists | move, choose |
| Escape | move builder | one step back; closes dialogs |
| Tab / Shift+Tab | anywhere | next / previous panel |
| m | game | move builder |
| t | game | notation input: type a move such as `RU drill north` |
| a | game | advisor: the three best moves and why |
| u | game | undo your last move |
| p | game | profile of the highlighted actor (or Enter in the table) |
| l | game | log; Enter on a line opens its full record |
| s | game, end | save the game as a replay file |
| F2 / f | game | umpire panel (passphrase; solo: asks first): odds, rulings, events, undo, timer |
| Enter | privacy screen | the team called to the keyboard is ready |
| Ctrl+E / F3 | start | watch a replay: → ← step, PgDn PgUp turn, g go to turn, b branch |
| F9 | anywhere | projector theme (high contrast, bold) on and off |
| ? / F1 | anywhere | this help |
| Ctrl+P | anywhere | command palette (advisor, undo, save, theme…) |
| Ctrl+Q | anywhere | quit (the game is autosaved after every move) |

"""


def rules_text() -> str:
    return rulebook_path().read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it is slow to import: only when shown

        with VerticalScroll(id="help-body"):
            yield Markdown(KEYS + rules_text())
        yield CaspianFooter()

    def action_close(self) -> None:
        self.dismiss(None)
