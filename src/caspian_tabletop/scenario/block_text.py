"""Replacing one top-level block of a scenario file's text, leaving the rest byte for byte.

Tools that write a block into a scenario (`calibrate --write`) must keep every comment and
the layout an author chose elsewhere, so the file is edited as text, not dumped from data.
The block runs from its key's line to the next top-level key, less the comments and blank
lines at column 0 just before that key (they belong to what follows).
"""

from __future__ import annotations

from caspian_tabletop.scenario.yaml_loader import Document


def replace_block(text: str, document: Document, key: str, block: str) -> str:
    """`text` (the file `document` was read from) with top-level `key`'s block replaced by
    `block`, or with `block` appended when there is none.  `block` starts with `key:`."""
    lines = text.splitlines(keepends=True)
    if (key,) not in document.keys:
        ending = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{ending}\n{block}"
    start = document.keys[(key,)][0] - 1
    later = [line - 1 for (name, *rest), (line, _) in document.keys.items()
             if not rest and line - 1 > start]
    end = min(later, default=len(lines))
    while end > start + 1 and _belongs_to_next(lines[end - 1]):
        end -= 1
    return "".join(lines[:start]) + block + "".join(lines[end:])


def _belongs_to_next(line: str) -> bool:
    """A blank line, or a comment at column 0: part of what follows, not of the block."""
    return not line.strip() or line.startswith("#")
