"""The log: one line per resolution (its sentence), expandable to the full record.

Umpire actions (a resolution with a facilitator's reason) and notes stand out, so the class
can tell a ruling from the dice.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree

from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.tui.text import resolution_lines

UMPIRE = Style(color="magenta", bold=True)


class EventLog(Tree[Resolution]):
    """Mirrors a game's explanations; Enter or space on a line shows its full record."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("log", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._shown: list[Resolution] = []

    def show(self, explanations: list[Resolution], colours: dict[str, str]) -> None:
        """Add new entries; rebuild when the history was cut back (undo)."""
        if explanations[: len(self._shown)] != self._shown:
            self.clear()
            self._shown = []
        added = len(explanations) > len(self._shown)
        for res in explanations[len(self._shown):]:
            label = Text(f"T{res.turn} ", Style(dim=True))
            sentence = res.sentence().strip("[]")
            if res.step == "note":
                label.append(f"✎ note: {res.facilitator}", UMPIRE)
                self.root.add_leaf(label, data=res)
                self._shown.append(res)
                continue
            if res.facilitator is not None:
                label.append("⚖ umpire: ", Style(color="magenta", bold=True, reverse=True))
                label.append(" ")
            if res.actor and sentence.startswith(res.actor):
                label.append(res.actor, Style(color=colours.get(res.actor), bold=True))
                sentence = sentence[len(res.actor):]
            label.append(sentence, UMPIRE if res.facilitator is not None else None)
            node = self.root.add(label, data=res)
            for line in resolution_lines(res):
                node.add_leaf(line)
            self._shown.append(res)
        if not self.root.children:
            return
        last = self.root.children[-1]
        if added or self.cursor_node is not last or self.scroll_y != self.max_scroll_y:
            self.move_cursor(last)
            self.scroll_end(animate=False)
