"""Loading a save made before the scenario was updated: the game opens, and the player is
told that it goes on under the new version."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input
from tui_helpers import settle, sync

from caspian_tabletop import paths
from caspian_tabletop.cli import main
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import PathDialog


def save_before_an_update(folder: Path) -> Path:
    """The tutorial demo sealed on a copy of the tutorial, whose Russian par then changes."""
    scenario = folder / "tut.yaml"
    scenario.write_text((paths.scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    save = folder / "save.yaml"
    demo = paths.scenarios_dir() / "replays" / "tutorial-demo.yaml"
    save.write_text(demo.read_text(encoding="utf-8").replace(
        "  id: tutorial\n", "  id: tutorial\n  file: tut.yaml\n"), encoding="utf-8")
    sealed = CliRunner().invoke(main, ["replay", str(save), "--rewrite-digests"])
    assert sealed.exit_code == 0, sealed.output
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("RU: {par: 40.6, sd: 13.2}", "RU: {par: 30.0, sd: 12.5}"),
                        encoding="utf-8")
    return save


@sync
async def test_a_save_from_before_an_update_opens_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path / "home"))
    save = save_before_an_update(tmp_path)
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#path", Input).value = str(save)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PathDialog)  # the game opened
        told = [n.message for n in app._notifications]
        assert any("goes on under the new version" in m for m in told), told
