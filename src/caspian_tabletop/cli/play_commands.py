"""The `play` command: a headless text session until the TUI drives `Session` instead.

AI seats move by themselves; the human seat types moves in notation, or `moves`, `undo`,
`help`, `quit`.  Every committed action is autosaved, so `play --resume` continues.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from caspian_tabletop import paths, saves
from caspian_tabletop.ai.protocol import STRENGTHS
from caspian_tabletop.cli.ranges import SEED
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import ORDERS, Move, parse_move
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import Replay, Seat, load_replay
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.session import Session

HELP = """\
Type a move in notation, e.g. `AZ trade KZ middle-corridor 0.5` (the actor may be left out).
  moves   list your legal moves        score   show tension, capital and scores
  undo    take back your last move      quit    stop (the game is autosaved)"""


@click.command()
@click.option("--scenario", "scenario_name", default=None, help="Scenario name or file.")
@click.option("--seed", type=SEED, default=None,
              help="Seed for chance (default: a random one, printed).")
@click.option("--actor", default=None, help="The seat you play (the others are AI).")
@click.option("--difficulty", type=click.Choice(STRENGTHS), default="normal",
              help="Strength of the AI seats.")
@click.option("--order", type=click.Choice(ORDERS), default="sequential")
@click.option("--resume", is_flag=True, help="Continue the autosaved game.")
@click.option("--load", "load_path", default=None, help="Open a saved game or replay file.")
def play(scenario_name: str | None, seed: int | None, actor: str | None, difficulty: str,
         order: str, resume: bool, load_path: str | None) -> None:
    """Play in the terminal against AI opponents (a text session for now)."""
    if resume and load_path is not None:
        raise click.UsageError("use either --resume or --load FILE, not both")
    autosave = saves.autosave_path()
    if resume:
        session = _continue(saves.load_autosave(autosave), actor, difficulty, autosave)
    else:
        moved = saves.set_aside_unreadable(autosave)
        if moved is not None:
            click.echo(f"note: the old autosave could not be read; kept it as {moved}", err=True)
        if load_path is not None:
            session = _continue(load_replay(load_path), actor, difficulty, autosave)
        else:
            session = _new(scenario_name, seed, actor, difficulty, order, autosave)
    _loop(session)


def _seats(actors: Iterable[str], human: str, difficulty: str) -> dict[str, Seat]:
    return {a: Seat("human", "player") if a == human else Seat("ai", difficulty) for a in actors}


def _new(name: str | None, seed: int | None, actor: str | None, difficulty: str, order: str,
         autosave: Path) -> Session:
    path = paths.resolve_scenario(name)
    scenario = load_scenario(path, source=name or str(path))
    actors = list(scenario.initiative)
    human = actor or actors[0]
    if human not in actors:
        raise click.UsageError(f"--actor {human}: not in this scenario ({', '.join(actors)})")
    chosen = secrets.randbelow(1_000_000) if seed is None else seed
    bundled = paths.bundled_scenarios().get(scenario.id) == path
    return Session.start(scenario, _seats(actors, human, difficulty), chosen, order, "solo",
                         autosave, ask=_ask, scenario_file=None if bundled else
                         str(path.resolve()))


def _continue(replay: Replay, actor: str | None, difficulty: str, autosave: Path) -> Session:
    session = Session.from_replay(replay, autosave, ask=_ask)
    if actor is not None:
        actors = session.game.compiled.actors
        if actor not in actors:
            raise click.UsageError(f"--actor {actor}: not in this scenario ({', '.join(actors)})")
        session.set_seats(_seats(actors, actor, difficulty))
    if not session.humans:
        raise click.UsageError("nobody to play: this file has no human seat; choose one "
                               "with --actor ID")
    session.autosave()
    return session


def _loop(session: Session) -> None:
    game = session.game
    seats = ", ".join(f"{a} {s.text()}" for a, s in session.seats.items())
    click.echo(f"{game.scenario.title} — seed {game.seed}, {game.order} orders")
    click.echo(f"Seats: {seats}. Type `help` for commands.")
    shown = game.turn
    click.echo(_status(game))
    while True:
        _show(session.run_ai_until_human())
        if game.is_over:
            scores = game.scores()
            click.echo("Game over. Final scores: "
                       + ", ".join(f"{a} {v:.1f}" for a, v in scores.items()))
            return
        if game.turn != shown:
            shown = game.turn
            click.echo(_status(game))
        actor = session.awaiting
        assert actor is not None  # AI seats have moved, so a human must be due
        line = _read(f"{actor} ({session.seats[actor].detail}) > ")
        if line is None or line == "quit":
            click.echo("Saved; continue with `caspian-tabletop play --resume`.")
            return
        try:
            _command(session, actor, line)
        except CaspianError as exc:
            click.echo(f"error: {exc}")


def _command(session: Session, actor: str, line: str) -> None:
    game = session.game
    if line in ("", "help"):
        click.echo(HELP)
    elif line == "moves":
        click.echo("\n".join(f"  {m.notation()}" for m in game.legal_moves(actor)))
    elif line == "score":
        click.echo(_status(game))
    elif line == "undo":
        session.undo()
        click.echo(f"Undone. {_status(game)}")
    else:
        _show(session.play(_parse(game, actor, line)))


def _parse(game: Game, actor: str, line: str) -> Move:
    """Notation, with the actor optional: `pass` means `AZ pass` for AZ."""
    first = line.split()[0]
    return parse_move(line if first in game.compiled.actors else f"{actor} {line}")


def _status(game: Game) -> str:
    scores = ", ".join(f"{a} {v:.1f}" for a, v in game.scores().items())
    capital = ", ".join(f"{a} {c:.1f}" for a, c in zip(game.compiled.actors,
                                                      game.state.capital[0], strict=True))
    return (f"Turn {min(game.turn, game.compiled.turns)} — {game.date}: tension "
            f"{float(game.state.tension[0]):.1f}; capital {capital}; scores {scores}")


def _show(resolutions: list[Resolution]) -> None:
    for res in resolutions:
        click.echo(f"  {res.sentence()}")


def _read(prompt: str) -> str | None:
    click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        click.echo()
        return None
    return line.strip()


def _ask(game: Game, move: Move) -> bool:
    """Ask the human partner; anything but yes or no asks again (end of input: no)."""
    prompt = f"{move.actor} offers `{move.notation()}` to {move.partner}: accept? [y/n] "
    while (answer := _read(prompt)) is not None:
        if answer.lower() in ("y", "yes", "n", "no"):
            return answer.lower().startswith("y")
        click.echo("Please answer y or n.")
    return False


COMMANDS = [play]
