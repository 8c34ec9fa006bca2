"""A Static that skips work: no repaint for unchanged text, no layout for an unchanged shape."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


class TextPanel(Static):
    """Shows rich Text; `show_text` lays the screen out again only when the line count changes.

    Panels sized by their CSS (a fixed width or height) need no new layout when only their
    words change, and a layout of the whole screen costs far more than a repaint.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._text: Text | None = None

    def show_text(self, text: Text) -> None:
        if self._text is not None and text == self._text and text.style == self._text.style:
            return
        self.update(text, layout=not self._same_shape(text))
        self._text = text

    def _same_shape(self, text: Text) -> bool:
        """As many lines as the text shown, none of them wrapped: the size cannot change."""
        if self._text is None:
            return False
        width = self.content_size.width
        new, old = text.plain.split("\n"), self._text.plain.split("\n")
        return len(new) == len(old) and all(cell_len(line) <= width for line in new + old)
