"""The launch-time workarounds that still pay for themselves, in one place.

Measured with `benchmarks/startup.py` (figures in the README):

- The garbage collector is paused from launch until the modules a game needs are loaded:
  importing Textual, pydantic and numpy makes a great many objects, none of them garbage, and
  collecting them kept the start screen's first frame above 1.5× a minimal Textual app.  It
  is resumed, with the loaded objects frozen out of later collections, once the start
  screen's warm-up has loaded them.
- numpy's BLAS gets one thread unless the user chose otherwise: the game's matrices are
  small, and a thread pool per core only slows importing numpy.
- Modules a screen does not need to appear are imported where first used (the command
  families of the CLI, the game screen's modules behind the start screen, the YAML writer
  behind the first autosave).

Tried and dropped, because they no longer moved either target (the start screen's first
frame, the board after New game): pausing the collector again while the game screen is
built, and a disk cache of checked scenarios (the scenario is read behind the start screen).
"""

from __future__ import annotations

import gc
import os


def prepare_process() -> None:
    """Call before Textual or numpy is imported: pause the collector, one BLAS thread."""
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def resume_collector() -> None:
    """The launch's imports are done: keep their objects out of collections, collect again."""
    gc.freeze()
    gc.enable()
