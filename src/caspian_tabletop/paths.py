"""Where the bundled scenarios and the source register live, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DEFAULT_SCENARIO = "caspian-2021"


@cache
def data_root() -> Path:
    """The folder holding `scenarios/`, `seeds/` and `docs/rules.md`.

    A wheel carries them inside the package as `_data/`; a source checkout (editable
    install, tests) has them at the repository root.  The package's folder is the one
    `importlib.resources.files` would give, taken from `__file__`: the start screen is
    drawn without importing zipfile and the resource readers (`startup`).
    """
    bundled = Path(__file__).parent / "_data"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2]


def scenarios_dir() -> Path:
    return data_root() / "scenarios"


def rulebook_path() -> Path:
    """The rulebook (docs/rules.md), which the TUI's help screen shows."""
    return data_root() / "docs" / "rules.md"


def register_path() -> Path:
    return data_root() / "seeds" / "sources.yaml"


def bundled_scenarios() -> dict[str, Path]:
    """Bundled scenario names mapped to their files."""
    return {p.stem: p for p in sorted(scenarios_dir().glob("*.yaml"))}


def resolve_scenario(name_or_path: str | None) -> Path:
    """A path as given if it exists, else a bundled scenario by name (default when None)."""
    if name_or_path is None:
        return scenarios_dir() / f"{DEFAULT_SCENARIO}.yaml"
    candidate = Path(name_or_path)
    if candidate.exists():
        return candidate
    bundled = bundled_scenarios()
    if name_or_path in bundled:
        return bundled[name_or_path]
    return candidate
