"""The class client app: asks for a code, joins, then shows the screen of its role and keeps
it current from the server's views, reconnecting by itself if the link drops.

In a browser tab (`served`: the class's tab server runs this process on the host) the keys
are a remote client's, so no typed path is ever used: an export goes to the browser.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.drivers.web_driver import WebDriver
from textual.widgets import Static

from caspian_tabletop.classroom.client import Connection, Joined, JoinError, join
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.tui.class_client.screens import (
    CodeScreen,
    FacilitatorScreen,
    ProjectorScreen,
    RoleScreen,
    TeamScreen,
)
from caspian_tabletop.tui.served import JOINED_META, LEFT_META, Served

Message = dict[str, Any]


class ClassClientApp(App[None]):
    CSS_PATH = "client.tcss"
    TITLE = "Caspian Tabletop class"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, address: str, code: str | None = None,
                 served: Served | None = None) -> None:
        super().__init__()
        self.address = address
        self.code = code
        self.served = served
        self.joined: Joined | None = None
        self.connection: Connection | None = None
        self.view: Message | None = None
        self.status = "connecting"
        self._offset = 0.0  # server clock minus ours
        self._on_export: Callable[[str], None] | None = None  # what the next export is for

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        if self.code:
            self._join(self.code)
        else:
            self._ask_code()

    # ----- joining ----------------------------------------------------------------------
    def _ask_code(self, problem: str | None = None) -> None:
        def typed(code: str | None) -> None:
            self._join(code)

        self.push_screen(CodeScreen(self.address, problem), typed)

    @work(exclusive=True, group="join")
    async def _join(self, code: str | None) -> None:
        if not code:
            return
        try:
            self.joined = await join(self.address, code)
        except JoinError as exc:
            self._ask_code(str(exc))
            return
        screens = {"team": TeamScreen, "projector": ProjectorScreen,
                   "facilitator": FacilitatorScreen}
        self._report(JOINED_META)
        await self.push_screen(screens[self.joined.role]())
        self.connection = Connection(self.address, self.joined.token, self._received,
                                     self._status)
        self._run_connection()

    def _report(self, meta: str) -> None:
        """In a browser tab, tell the tab server a code was accepted (`JOINED_META`) or the
        token refused (`LEFT_META`): it closes tabs that do not join in time, so that typing
        nothing cannot hold one of the class's tabs."""
        driver = self._driver
        if self.served is not None and isinstance(driver, WebDriver):
            driver.write_meta({"type": meta})

    def _join_again(self, problem: str) -> None:
        """The server refused this device's token (a resume without --keep-tokens revoked
        it): back to the code screen, saying why."""
        self.joined, self.connection, self.view = None, None, None
        self._report(LEFT_META)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._ask_code(problem)

    @work(exclusive=True, group="connection")
    async def _run_connection(self) -> None:
        assert self.connection is not None
        await self.connection.run()

    # ----- from the server --------------------------------------------------------------
    def _received(self, message: Message) -> None:
        kind = message.get("type")
        if kind == "view":
            self.view = message
            self._offset = float(message.get("now", time.time())) - time.time()
            screen = self.screen
            if isinstance(screen, RoleScreen):
                screen.show(message)
        elif kind == "error":
            self.notify(str(message.get("message")), severity="error", timeout=6)
        elif kind == "export":
            done, self._on_export = self._on_export, None
            if done is not None:
                done(str(message.get("text", "")))

    def _status(self, status: str) -> None:
        self.status = status
        if status.startswith("refused"):
            self._join_again(f"The class refused this device ({status[9:]}).")
            return
        self._tick()

    def remaining(self) -> float | None:
        """Seconds left on the turn's timer, by the server's clock; None with no timer."""
        deadline = self.view.get("deadline") if self.view else None
        return None if deadline is None else float(deadline) - (time.time() + self._offset)

    def _tick(self) -> None:
        screen = self.screen
        if isinstance(screen, RoleScreen):
            screen.tick()
            label = {"connected": f"connected to {self.address}",
                     "reconnecting": "connection lost: reconnecting..."}.get(self.status,
                                                                             self.status)
            for line in screen.query("#connection").results(Static):  # absent mid-teardown
                line.update(label)

    # ----- to the server ----------------------------------------------------------------
    def request(self, message: Message) -> None:
        self._send(message)

    @work(group="send")
    async def _send(self, message: Message) -> None:
        if self.connection is None or not await self.connection.send(message):
            self.notify("Not connected: the request was not sent. Try again in a moment.",
                        severity="warning")

    def export_to(self, file: str) -> None:
        """Ask for the game; it is written to `file` on this computer, never over an existing
        file. In a browser tab `file` was typed by a remote client and names nothing on the
        host: the game goes to the browser instead (`export_to_browser`)."""
        if self.served is not None:
            self.export_to_browser()
            return
        if not file:
            self.notify("Name a file to export to.", severity="warning")
            return
        path = Path(file).expanduser()
        self._on_export = lambda text: self._write_export(path, text)
        self.request({"type": "export"})

    def export_to_browser(self) -> None:
        """Served: ask for the game; it is kept under a name of ours in the tab's own folder
        (the server chose it) and handed to the browser as a download."""
        self._on_export = self._deliver_export
        self.request({"type": "export"})

    def _write_export(self, path: Path, text: str) -> None:
        from caspian_tabletop import files

        try:
            files.write_text(path, text)
        except (CaspianError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
        else:
            self.notify(f"Exported the class's game to {path}")

    def _deliver_export(self, text: str) -> None:
        from caspian_tabletop import files

        assert self.served is not None
        path = self.served.new_file(f"class-game-{time.strftime('%Y%m%d-%H%M')}")
        try:
            files.write_text(path, text, make_parents=True)
        except (CaspianError, OSError) as exc:
            self.notify(f"Could not export the class's game: {exc}", severity="error",
                        timeout=8)
            return
        self.deliver_text(path, save_filename=path.name)
        self.notify(f"Exported the class's game as {path.name}: your browser downloads it "
                    "(a copy stays in this browser's folder on the class's computer).")

    async def action_quit(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        self.exit()
