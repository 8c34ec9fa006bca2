"""A grid of styled characters that is turned into one rich Text (one line per row)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text


class Canvas:
    """Cells addressed by (x, y); writes outside the grid are silently clipped."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(width, 1)
        self.height = max(height, 1)
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles = [[Style()] * self.width for _ in range(self.height)]

    def has(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    def put(self, x: int, y: int, char: str, style: Style | None = None) -> None:
        if self.has(x, y):
            self.chars[y][x] = char
            if style is not None:
                self.styles[y][x] = self.styles[y][x] + style

    def paint(self, x: int, y: int, style: Style) -> None:
        """Change a cell's style only (e.g. a background)."""
        if self.has(x, y):
            self.styles[y][x] = self.styles[y][x] + style

    def write(self, x: int, y: int, text: str, style: Style | None = None) -> None:
        for i, char in enumerate(text):
            self.put(x + i, y, char, style)

    def to_text(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for y in range(self.height):
            row_chars, row_styles = self.chars[y], self.styles[y]
            start = 0
            for x in range(1, self.width + 1):
                if x == self.width or row_styles[x] != row_styles[start]:
                    text.append("".join(row_chars[start:x]), row_styles[start])
                    start = x
            if y < self.height - 1:
                text.append("\n")
        return text
