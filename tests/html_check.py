"""A strict check of the HTML the project writes (reports, briefings): every tag closed in
order, nothing self-closed that HTML does not allow, no script and no remote reference.
The standard library's parser alone accepts any text; this collects what it saw."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr"}
SVG_EMPTY = {"line", "polyline", "circle", "rect", "path"}


class HtmlChecker(HTMLParser):
    """Collects unbalanced tags, scripts and remote references."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        for name, value in attrs:
            if name in ("src", "href") and (value or "").lower().startswith(("http:", "https:")):
                self.problems.append(f"remote {name}: {value}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag not in VOID | SVG_EMPTY:
            self.problems.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def checked(text: str) -> HtmlChecker:
    """`text` fed through a checker and closed: read `problems`, `stack` and `seen`."""
    checker = HtmlChecker()
    checker.feed(text)
    checker.close()
    return checker
