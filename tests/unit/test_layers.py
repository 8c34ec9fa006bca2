"""Layer rules, checked by what importing each package pulls into a fresh interpreter: the
domain needs only the standard library, the scenario reader no engine, the engine nothing
above it, replays no AI, and only the TUI imports textual or rich."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

# What importing every module of a package may not bring in: other packages of the project
# (the second part of a module's name) and third-party libraries.
PULLED = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    base = importlib.import_module("caspian_tabletop." + sys.argv[1])
    names = [base.__name__]
    if hasattr(base, "__path__"):
        names += [i.name for i in pkgutil.walk_packages(base.__path__, base.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    project = sorted({m.split(".")[1] for m in sys.modules if m.startswith("caspian_tabletop.")})
    outside = {m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names)
    third = sorted(m for m in outside if not m.startswith("_") and m not in
                   ("caspian_tabletop", "cython_runtime"))
    print(json.dumps({"modules": len(names), "project": project, "third": third}))
    """
)
ABOVE_ENGINE = {"replay", "ai", "analysis", "session", "tui", "cli", "classroom", "render"}


@pytest.mark.parametrize(("package", "forbidden_project", "third_party_allowed"), [
    ("domain", {"engine", "scenario", "replay", "ai", "analysis", "tui", "cli"}, False),
    ("scenario", {"engine", *ABOVE_ENGINE}, True),
    ("engine", ABOVE_ENGINE, True),
    ("replay", {"ai", "analysis", "session", "tui", "cli", "classroom"}, True),
])
def test_each_layer_imports_only_what_lies_below_it(package: str, forbidden_project: set[str],
                                                    third_party_allowed: bool) -> None:
    done = subprocess.run([sys.executable, "-c", PULLED, package], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    pulled = json.loads(done.stdout)
    assert pulled["modules"] >= 2
    assert not forbidden_project & set(pulled["project"]), pulled["project"]
    if not third_party_allowed:
        assert pulled["third"] == [] and pulled["project"] == [package], pulled
    assert not {"textual", "rich"} & set(pulled["third"])

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
