"""The command line imports a command family only when one of its commands is used."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

from click.testing import CliRunner

from caspian_tabletop.cli import _FAMILIES, main

HEAVY = ("numpy", "caspian_tabletop.engine", "caspian_tabletop.ai", "caspian_tabletop.analysis",
         "caspian_tabletop.replay", "caspian_tabletop.scenario", "pydantic", "textual")


def test_families_list_exactly_the_commands_of_their_modules() -> None:
    for module, names in _FAMILIES.items():
        commands = importlib.import_module(f"caspian_tabletop.cli.{module}").COMMANDS
        assert tuple(c.name for c in commands) == names, module


def test_importing_the_cli_stays_light() -> None:
    code = ("import sys, caspian_tabletop.cli; "
            f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("Commands:\n")[1].splitlines()]
    assert listed == sorted(n for names in _FAMILIES.values() for n in names)


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["nosuch"])
    assert result.exit_code == 2
    assert "No such command 'nosuch'" in result.output


def test_the_tui_launch_pauses_collection_and_keeps_a_chosen_blas_thread_count() -> None:
    code = ("import gc, os; from caspian_tabletop.startup import prepare_process, "
            "resume_collector; prepare_process(); a = gc.isenabled(); resume_collector(); "
            "print(a, os.environ['OPENBLAS_NUM_THREADS'], gc.isenabled())")
    for chosen, shown in ((None, "False 1 True"), ("4", "False 4 True")):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        if chosen is not None:
            env["OPENBLAS_NUM_THREADS"] = chosen
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, check=True)
        assert done.stdout.strip() == shown
