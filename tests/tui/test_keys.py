"""Keys and focus: the footer fits every key in 80 columns, Escape is offered only where it
goes back, the advisor's move commits with Enter wherever the focus was, the command palette
finds what a player types, and keys can be remapped by id."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.widgets import OptionList
from tui_helpers import session_of, settle, start_tutorial, sync

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.keymap import KEY_IDS, load_keymap
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.widgets.event_log import EventLog
from caspian_tabletop.tui.widgets.footer import CaspianFooter
from caspian_tabletop.tui.widgets.move_builder import MoveBuilder

SMALL = (80, 24)


def _footer_text(app: CaspianApp) -> str:
    return app.screen.query_one(CaspianFooter).render().plain


@sync
async def test_at_80_columns_the_footer_shows_every_key() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SMALL) as pilot:
        await start_tutorial(pilot)
        shown = _footer_text(app)
        assert len(shown) <= 80
        for key in (" m ", " a ", " u ", " p ", " l ", " s ", " f2 ", " ? ", " ^q ", " f9 ",
                    " ^p "):
            assert key in shown, (key, shown)
        assert "m Move" in shown  # the first keys keep their labels


@sync
async def test_escape_is_offered_only_where_it_goes_back() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_tutorial(pilot)
        builder = app.screen.query_one(MoveBuilder)
        assert builder.kind is None and "Back" not in _footer_text(app)
        await pilot.press("m", "enter")  # a move type chosen: a step to go back to
        await pilot.pause()
        assert builder.kind is not None and "esc Back" in _footer_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert builder.kind is None and "Back" not in _footer_text(app)


@sync
async def test_the_advisors_move_commits_with_enter_even_from_the_log() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        await pilot.press("l")
        assert isinstance(app.screen.focused, EventLog)
        await pilot.press("a")
        await pilot.pause()
        advised = app.screen.advice[0].move  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("enter")
        await settle(pilot)
        played = [r.move for r in session.game.records if r.kind == "move"]
        assert played[0] == advised.notation()


async def _palette_hits(pilot: object, app: CaspianApp, query: str) -> list[str]:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    for _ in range(50):
        await asyncio.sleep(0.05)
        if isinstance(app.screen, CommandPalette):
            options = app.screen.query_one(OptionList)
            if options.option_count:
                return [str(options.get_option_at_index(i).prompt)
                        for i in range(options.option_count)]
    return []


@sync
async def test_the_command_palette_finds_start() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hits = await _palette_hits(pilot, app, "start")
        assert any("Start a new game" in hit for hit in hits), hits
        await pilot.press("escape")
        await start_tutorial(pilot)
        hits = await _palette_hits(pilot, app, "start")
        assert any("New game" in hit for hit in hits), hits  # by what it does


@sync
async def test_a_remapped_key_works_and_the_old_one_does_not() -> None:
    app = CaspianApp("tutorial", keymap={"game.advisor": "ctrl+a", "start.new": "f5"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)  # no advisor on a
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AdvisorScreen"


def test_a_keymap_file_is_read_and_a_bad_one_refused_with_its_place(tmp_path: Path) -> None:
    good = tmp_path / "keymap.yaml"
    good.write_text("game.advisor: ctrl+a\ngame.move: m, space\n")
    assert load_keymap(good) == {"game.advisor": "ctrl+a", "game.move": "m,space"}
    assert load_keymap(tmp_path / "absent.yaml") == {}
    bad = tmp_path / "bad.yaml"
    bad.write_text("game.advisr: ctrl+a\ngame.move: [1, 2]\n")
    with pytest.raises(CaspianError) as caught:
        load_keymap(bad)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{bad}:1:1: error: game.advisr: no key has this id (ids: ")
    assert lines[1] == (f"{bad}:2:12: error: game.move: expected keys such as `a`, `f2` or "
                        "`ctrl+n`, several separated by commas")
    with pytest.raises(CaspianError, match="not a regular file"):
        load_keymap(tmp_path)


@pytest.mark.parametrize(("value", "message"), [
    ("ctlr+a", "`ctlr+a`: `ctlr` is not a modifier (modifiers: ctrl, shift, alt, meta, "
               "super, hyper)"),
    ("banana", "`banana` is not a key name; expected keys such as `a`, `f2` or `ctrl+n`, "
               "several separated by commas"),
    ('"+"', "`+` joins a modifier to a key; write `plus` for the + key"),
    ('"ctrl+"', "`ctrl+` has no key after its last +"),
    ("m, F2", "`F2` is not a key name; expected keys such as `a`, `f2` or `ctrl+n`, "
              "several separated by commas"),
    ("ctrl+ctrl+a", "`ctrl+ctrl+a` names a modifier twice"),
    ('""', "expected keys such as `a`, `f2` or `ctrl+n`, several separated by commas"),
])
def test_a_key_textual_has_no_name_for_is_refused_with_its_line(
        tmp_path: Path, value: str, message: str) -> None:
    bad = tmp_path / "keymap.yaml"
    bad.write_text(f"game.help: f1\ngame.move: {value}\n")
    with pytest.raises(CaspianError) as caught:
        load_keymap(bad)
    assert str(caught.value) == f"{bad}:2:12: error: game.move: {message}"


@given(modifiers=st.lists(st.sampled_from(["ctrl", "shift", "alt", "meta", "super", "hyper"]),
                          unique=True, max_size=3),
       key=st.sampled_from(["a", "z", "5", "f2", "f12", "space", "left", "pageup",
                            "question_mark", "plus", "escape", "tab", "enter", "delete"]))
def test_textuals_own_key_names_are_taken(modifiers: list[str], key: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "keymap.yaml"
        name = "+".join([*modifiers, key])
        good.write_text(f"game.move: {name}, ?\n")
        assert load_keymap(good) == {"game.move": f"{name},?"}


def test_every_binding_id_in_the_app_is_documented() -> None:
    """Ids in the code and in KEY_IDS (which the errors list) are the same set."""
    from caspian_tabletop.tui.screens.end import EndScreen
    from caspian_tabletop.tui.screens.start import StartScreen

    found = {b.id for cls in (CaspianApp, StartScreen, GameScreen, EndScreen, MoveBuilder)
             for b in cls.BINDINGS if not isinstance(b, tuple) and b.id}
    assert found == set(KEY_IDS)


def test_the_app_does_not_start_with_a_bad_keymap(tmp_path: Path) -> None:
    """Exit 1 with the located problem, before any screen is drawn."""
    import os
    import subprocess
    import sys

    (tmp_path / "keymap.yaml").write_text("game.move: [1]\n")
    env = {**os.environ, "CASPIAN_TABLETOP_HOME": str(tmp_path)}
    command = [sys.executable, "-c", "from caspian_tabletop.cli import main; main()", "tui"]
    done = subprocess.run(command, env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert f"{tmp_path / 'keymap.yaml'}:1:12: error: game.move: expected keys" in done.stderr
    assert "Traceback" not in done.stderr
