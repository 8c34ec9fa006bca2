"""The key bar at the foot of every screen, drawn as one line of text.

Textual's Footer mounts a widget per key and rebuilds them all whenever the screen's
bindings may have changed (every focus change, every enabled/disabled toggle); on the game
screen that was a fifth of the time to show a move.  This footer is one widget: it redraws
its line only when what it shows changes, and a click on a key presses that key, as the
stock footer does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

Shown = tuple[tuple[str, str, str, bool], ...]


class CaspianFooter(Widget):
    """Each shown binding as ` key description`, the command palette key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"caspian-footer--key",
                                             "caspian-footer--description"}
    DEFAULT_CSS = """
    CaspianFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .caspian-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .caspian-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Shown, Shown] = ((), ())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._shown = self._bindings_shown()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            shown = self._bindings_shown()
            if shown != self._shown:
                self._shown = shown
                self.refresh()

    def _bindings_shown(self) -> tuple[Shown, Shown]:
        """(keys on the left, the command palette key) as (key, display, label, enabled)."""
        app = self.app
        left: list[tuple[str, str, str, bool]] = []
        actions: set[str] = set()
        palette: Shown = ()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == app.COMMAND_PALETTE_BINDING:
                if app.ENABLE_COMMAND_PALETTE:
                    palette = (self._entry(binding, enabled),)
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                left.append(self._entry(binding, enabled))
        return tuple(left), palette

    def _entry(self, binding: Binding, enabled: bool) -> tuple[str, str, str, bool]:
        return binding.key, self.app.get_key_display(binding), binding.description, enabled

    def render(self) -> Text:
        key_style = self.get_component_rich_style("caspian-footer--key")
        label_style = self.get_component_rich_style("caspian-footer--description")
        left, palette = self._shown
        room = self.size.width - (self._key(palette[0], key_style, label_style).cell_len + 1
                                  if palette else 0)
        line = self._line(left, key_style, label_style, room)
        if palette:
            right = Text("▏").append_text(self._key(palette[0], key_style, label_style))
            line.pad_right(max(1, self.size.width - line.cell_len - right.cell_len))
            line.append_text(right)
        return line

    def _line(self, left: Shown, key_style: Style, label_style: Style, room: int) -> Text:
        """The keys on the left within `room` cells: where all of them do not fit with their
        labels, the labels go from the right (the key stays, and Help lists them all)."""
        labelled = len(left)
        while True:
            line = Text(no_wrap=True, overflow="crop", end="")
            for i, (key, display, description, enabled) in enumerate(left):
                shown = description if i < labelled else ""
                line.append_text(self._key((key, display, shown, enabled), key_style,
                                           label_style))
            if line.cell_len <= room or labelled == 0:
                return line
            labelled -= 1

    @staticmethod
    def _key(entry: tuple[str, str, str, bool], key_style: Style, label_style: Style) -> Text:
        """One key and its label; clicking it presses the key (a disabled key is dimmed)."""
        key, display, description, enabled = entry
        click = Style.from_meta({"@click": f"app.simulate_key({key!r})"}) if enabled else None
        dim = Style(dim=True) if not enabled else Style()
        text = Text.assemble((f" {display} ", key_style + dim),
                             (f"{description} " if description else "", label_style + dim))
        if click is not None:
            text.stylize(click)
        return text
