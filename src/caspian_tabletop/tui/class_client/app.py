"""The class client app: asks for a code, joins, then shows the screen of its role and keeps
it current from the server's views, reconnecting by itself if the link drops."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
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

Message = dict[str, Any]


class ClassClientApp(App[None]):
    CSS_PATH = "client.tcss"
    TITLE = "Caspian Tabletop class"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, address: str, code: str | None = None) -> None:
        super().__init__()
        self.address = address
        self.code = code
        self.joined: Joined | None = None
        self.connection: Connection | None = None
        self.view: Message | None = None
        self.status = "connecting"
        self._offset = 0.0  # server clock minus ours
        self._export_path: Path | None = None

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
        await self.push_screen(screens[self.joined.role]())
        self.connection = Connection(self.address, self.joined.token, self._received,
                                     self._status)
        self._run_connection()

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
            self._write_export(str(message.get("text", "")))

    def _status(self, status: str) -> None:
        self.status = status
        if status.startswith("refused"):
            self.notify(f"The class refused this device ({status[9:]}): join again with "
                        "your code.", severity="error")
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
        """Ask for the game; it is written to `file` (never over an existing file)."""
        if not file:
            self.notify("Name a file to export to.", severity="warning")
            return
        self._export_path = Path(file).expanduser()
        self.request({"type": "export"})

    def _write_export(self, text: str) -> None:
        from caspian_tabletop import files

        path, self._export_path = self._export_path, None
        if path is None:
            return
        try:
            files.write_text(path, text)
        except (CaspianError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
        else:
            self.notify(f"Exported the class's game to {path}")

    async def action_quit(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        self.exit()
