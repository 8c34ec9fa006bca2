"""Layer rule: only the TUI may import textual or rich (DESIGN.md §5)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import caspian_tabletop
    names = ["caspian_tabletop"]
    for info in pkgutil.walk_packages(caspian_tabletop.__path__, "caspian_tabletop."):
        if info.name == "caspian_tabletop.tui" or info.name.startswith("caspian_tabletop.tui."):
            continue
        names.append(info.name)
    for name in names:
        importlib.import_module(name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
    print(len(names), leaked)
    """
)


def test_headless_packages_do_not_import_textual_or_rich() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    count, leaked = done.stdout.split(" ", 1)
    assert int(count) >= 10
    assert leaked.strip() == "[]"


def test_rendering_lives_outside_the_engine_and_the_tui() -> None:
    check = ("import sys, caspian_tabletop.render.transcript, caspian_tabletop.engine.game; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')), "
             "'caspian_tabletop.render.resolution' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "True"]
    engine = subprocess.run(
        [sys.executable, "-c", "import sys, caspian_tabletop.engine.game; "
         "print(any(m.startswith('caspian_tabletop.render') for m in sys.modules))"],
        capture_output=True, text=True, check=False)
    assert engine.stdout.strip() == "False"


def test_the_replay_package_reads_seats_without_the_ai() -> None:
    check = ("import sys, caspian_tabletop.replay.schema, caspian_tabletop.replay.runner, "
             "caspian_tabletop.replay.capture, caspian_tabletop.domain.seats; "
             "print(sorted({m for m in sys.modules if m.startswith('caspian_tabletop.ai')}))")
    assert _printed(check) == "[]"


def test_the_replay_viewer_does_not_import_the_start_screen_setup() -> None:
    """game -> replay_viewer -> setup -> game was an import circle; seat choices now come
    from `domain.seats`."""
    check = ("import sys, caspian_tabletop.tui.screens.replay_viewer; "
             "print('caspian_tabletop.tui.setup' in sys.modules)")
    assert _printed(check) == "False"


def _printed(check: str) -> str:
    """What a fresh interpreter prints after running `check`."""
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
