"""Textual's Footer, made cheap to refresh.

The stock footer rebuilds all its keys whenever the screen's bindings may have changed
(every focus change, every enabled/disabled toggle), and each new key restyles itself
twice while it mounts.  This one rebuilds only when what it shows has changed, and mounts
its keys already in the footer's style, so it looks exactly the same for far less work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[object, ...]


class CaspianFooter(Footer):
    """A Footer that recomposes only when the bindings it shows change."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: Shown | None = None

    def _bindings_shown(self) -> Shown:
        """Everything `Footer.compose` reads from the screen's bindings."""
        shown = tuple(
            (binding.key, binding.key_display, binding.action, binding.description,
             binding.group, enabled, tooltip, binding.tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING)
        return (self.compact, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE,
                shown)

    def compose(self) -> Iterator[Widget]:
        self._shown = self._bindings_shown() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A key bound to the footer's `compact` starts with its value: no restyle on
                # mount and again when the binding sets it.  (The palette key is not bound.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._bindings_shown() != self._shown:
            await self.recompose()
