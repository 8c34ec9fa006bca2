"""Where saves live, and keeping a damaged autosave safe instead of overwriting it.

Saves go to the user data folder (platformdirs), or under `$CASPIAN_TABLETOP_HOME` when set
(tests, portable installs).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import platformdirs

from caspian_tabletop import replay
from caspian_tabletop.domain.errors import CaspianError, ReplayError

HOME_ENV = "CASPIAN_TABLETOP_HOME"


def saves_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    base = Path(home) if home else platformdirs.user_data_path("caspian-tabletop")
    return base / "saves"


def autosave_path() -> Path:
    return saves_dir() / "autosave.yaml"


def load_autosave(path: Path | None = None) -> replay.Replay:
    """The autosaved game; a missing or damaged file is an error and is left untouched."""
    target = autosave_path() if path is None else path
    if not target.is_file():
        raise ReplayError(f"{target}: error: no autosaved game to resume "
                          "(start one with `caspian-tabletop play`)")
    return replay.load_replay(target)


def set_aside_unreadable(path: Path) -> Path | None:
    """Before a new game autosaves to `path`: move an unreadable old file aside, not over it.

    Returns where it went (`autosave.corrupt-<timestamp>.yaml`), or None if nothing moved.
    """
    if not path.exists():
        return None
    try:
        replay.load_replay(path)
    except CaspianError:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
        count = 1
        while target.exists():
            count += 1
            target = path.with_name(f"{path.stem}.corrupt-{stamp}-{count}{path.suffix}")
        os.replace(path, target)
        return target
    return None
