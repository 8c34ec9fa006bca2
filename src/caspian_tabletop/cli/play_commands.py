"""The `play` command: a headless text session until the TUI drives `Session` instead.

AI seats move by themselves; the human seat types moves in notation, or `moves`, `undo`,
`help`, `quit`.  Every committed action is autosaved, so `play --resume` continues.
"""

from __future__ import annotations

import secrets
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import click

from caspian_tabletop import games, paths
from caspian_tabletop.analysis.comparison import COMPARE_GAMES, compare_with_bots
from caspian_tabletop.cli.progress import with_progress
from caspian_tabletop.cli.ranges import REPORT_GAMES, SEED
from caspian_tabletop.cli.render import table
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.domain.moves import ORDERS, Move, parse_move
from caspian_tabletop.domain.seats import STRENGTHS, Seat
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.victory import Verdict
from caspian_tabletop.keys import class_key
from caspian_tabletop.render.offers import outcome_lines
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.render.transcript import scores_text
from caspian_tabletop.render.victory import (
    achievement,
    comparison_words,
    marked,
    standing_line,
    verdict_line,
)
from caspian_tabletop.saves import SavedGame, game_id
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.session import Session

HELP = """\
Type a move in notation, e.g. `AZ trade KZ middle-corridor 0.5` (the actor may be left out).
  moves   list your legal moves        score   show tension, capital and scores
  goals   where your goals stand        undo    take back your last move
  quit    stop (the game is autosaved)"""


KEY_FILE = click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help="Class key that signs the saves (default: "
                        "$CASPIAN_TABLETOP_KEY if set).")


@click.command()
@click.option("--scenario", "scenario_name", default=None, help="Scenario name or file.")
@click.option("--seed", type=SEED, default=None,
              help="Seed for chance (default: a random one, printed).")
@click.option("--actor", default=None, help="The seat you play (the others are AI).")
@click.option("--difficulty", type=click.Choice(STRENGTHS), default="normal",
              help="Strength of the AI seats.")
@click.option("--order", type=click.Choice(ORDERS), default="sequential")
@click.option("--resume", "resume", is_flag=False, flag_value="", default=None, metavar="[ID]",
              help="Continue a saved game: the most recent unfinished one, or the one with "
                   "this id (see `caspian-tabletop saves`).")
@click.option("--load", "load_path", default=None,
              help="Open a save or replay file and play on in a new game (the file is not "
                   "changed).")
@click.option("--compare-games", type=REPORT_GAMES, default=COMPARE_GAMES, show_default=True,
              help="At the end, normal-bot games from the same start to compare your result "
                   "with (0 skips them).")
@KEY_FILE
def play(scenario_name: str | None, seed: int | None, actor: str | None, difficulty: str,
         order: str, resume: str | None, load_path: str | None, compare_games: int,
         key_file: Path | None) -> None:
    """Play in the terminal against AI opponents (a text session for now).

    Every game autosaves to a file of its own after each move; `caspian-tabletop saves`
    lists them."""
    if resume is not None and load_path is not None:
        raise click.UsageError("use either --resume or --load FILE, not both")
    key = class_key(key_file)
    if resume is not None:
        session = games.resume_session(resume or None, key=key, ask=_ask)
        _take_seat(session, actor, difficulty)
    elif load_path is not None:
        # Seats are settled before the game gets a file: a refused one leaves no game.
        session = games.load_session(load_path, autosave=False, key=key, ask=_ask)
        _take_seat(session, actor, difficulty, loaded=True)
        games.save_in_new_file(session)
    else:
        session = _new(scenario_name, seed, actor, difficulty, order, key)
    for warning in session.warnings:
        click.echo(warning, err=True)
    try:
        _loop(session, compare_games)
    finally:
        session.close()


@click.command()
def saves() -> None:
    """List the autosaved games, the most recently played first."""
    from caspian_tabletop import saves as saved

    games.prepare()
    found = saved.list_games()
    if not found:
        click.echo(f"No saved games in {saved.games_dir()}.")
        return
    rows = [(g.id, g.scenario, f"{g.turn} ({g.date})" if g.turn else "–",
             "–" if g.problem else ", ".join(g.humans) or "AI only",
             time.strftime("%Y-%m-%d %H:%M", time.localtime(g.last_played)), _save_status(g))
            for g in found]
    lines = table(("Id", "Scenario", "Turn", "Players", "Last played", "Status"), rows)
    click.echo("\n".join([*lines, "", f"In {saved.games_dir()}. Continue one with "
                          "`caspian-tabletop play --resume ID`."]))


def _tell_result(session: Session, judged: list[Verdict], compare_games: int) -> None:
    """What each human seat achieved, in plain words, and how that compares with normal-bot
    games from the same start (simulated now, with a progress bar in a terminal)."""
    game = session.game
    click.echo("")
    for actor in session.humans:
        click.echo(f"You played {achievement(game.scenario, judged, actor)}")
    if not compare_games or not session.humans:
        return
    compared = with_progress(compare_games, lambda bar: compare_with_bots(
        game.compiled, game.scores(), game.seed, compare_games, bar))
    for actor in session.humans:
        click.echo(f"  {actor}: {comparison_words(compared.better_than[actor], compared.games)}")


def _save_status(game: SavedGame) -> str:
    if game.problem is not None:
        return f"unreadable: {game.problem}"
    status = "finished" if game.finished else "unfinished"
    if game.open_by is not None:
        status += f", open in another window (pid {game.open_by})" if game.open_by else \
            ", open in another window"
    return status


def _seats(actors: Iterable[str], human: str, difficulty: str) -> dict[str, Seat]:
    return {a: Seat("human", "player") if a == human else Seat("ai", difficulty) for a in actors}


def _new(name: str | None, seed: int | None, actor: str | None, difficulty: str, order: str,
         key: bytes | None) -> Session:
    path = paths.resolve_scenario(name)
    scenario = load_scenario(path, source=name or str(path))
    actors = list(scenario.initiative)
    human = actor or actors[0]
    if human not in actors:
        raise click.UsageError(f"--actor {human}: not in this scenario ({', '.join(actors)})")
    chosen = secrets.randbelow(1_000_000) if seed is None else seed
    return games.new_session(scenario, path, _seats(actors, human, difficulty), seed=chosen,
                             order=order, key=key, ask=_ask)


def _take_seat(session: Session, actor: str | None, difficulty: str,
               loaded: bool = False) -> None:
    """`--actor`: play that seat, the AI the others; else the file's own seats, and a
    `loaded` file with several human seats (a class's game, a scripted replay's branch)
    says so, since its teams now share this one prompt."""
    if actor is not None:
        actors = session.game.compiled.actors
        if actor not in actors:
            session.close()
            raise click.UsageError(f"--actor {actor}: not in this scenario ({', '.join(actors)})")
        session.set_seats(_seats(actors, actor, difficulty))
        session.autosave()
    if not session.humans:
        session.close()
        raise click.UsageError("nobody to play: this file has no human seat; choose one "
                               "with --actor ID")
    if loaded and actor is None and len(session.humans) > 1:
        click.echo(f"note: this file's seats are {len(session.humans)} teams "
                   f"({', '.join(session.humans)}): you type each team's order in turn. To "
                   "play one seat against the AI, add --actor ID.", err=True)


def _loop(session: Session, compare_games: int) -> None:
    game = session.game
    seats = ", ".join(f"{a} {s.text()}" for a, s in session.seats.items())
    click.echo(f"{game.scenario.title} — seed {game.seed}, {game.order} orders")
    click.echo(f"Seats: {seats}. Type `help` for commands.")
    shown = game.turn
    click.echo(_status(game))
    _show(_events_of(game, game.turn))  # this turn's events came before anyone moved
    saving = _report_saving(session, None)
    while True:
        _show(session.run_ai_until_human())
        saving = _report_saving(session, saving)
        if game.is_over:
            click.echo(f"Game over. Final scores: {scores_text(game.scores())}")
            click.echo("Result, best first (level by the margin against par in each actor's "
                       "own spread, and its goals):")
            judged = game.verdicts()
            for v in judged:
                click.echo(f"  {verdict_line(game.scenario, v)}")
            _tell_result(session, judged, compare_games)
            return
        if game.turn != shown:
            shown = game.turn
            click.echo(_status(game))
        actor = session.awaiting
        assert actor is not None  # AI seats have moved, so a human must be due
        line = _read(f"{actor} ({session.seats[actor].detail}) > ")
        if line is None or line == "quit":
            if session.save_problem is None and session.autosave_path is not None:
                click.echo("Saved; continue with `caspian-tabletop play --resume "
                           f"{game_id(session.autosave_path)}`.")
            else:
                click.echo("warning: this game was not saved.", err=True)
            return
        try:
            _command(session, actor, line)
        except CaspianError as exc:
            click.echo(f"error: {exc}")
        saving = _report_saving(session, saving)


def _report_saving(session: Session, shown: str | None) -> str | None:
    """Say when autosaving starts to fail, and when it works again; returns what is shown."""
    problem = session.save_problem
    if problem != shown:
        click.echo(f"warning: {problem}" if problem else "note: autosave works again",
                   err=True)
    return problem


def _command(session: Session, actor: str, line: str) -> None:
    game = session.game
    if line in ("", "help"):
        click.echo(HELP)
    elif line == "moves":
        click.echo("\n".join(f"  {m.notation()}" for m in game.legal_moves(actor)))
    elif line == "score":
        click.echo(_status(game))
    elif line == "goals":
        click.echo(_goals(game, actor))
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
    capital = {a: game.capital(a) for a in game.compiled.actors}
    return (f"Turn {min(game.turn, game.compiled.turns)} — {game.date}: tension "
            f"{tenths(game.tension)}; capital {scores_text(capital)}; "
            f"scores {scores_text(game.scores())}")


def _goals(game: Game, actor: str) -> str:
    """The actor's goals as they stand, and the level if the game ended now."""
    verdict = game.verdict(actor)
    lines = [f"{actor}: {standing_line(verdict)}"]
    lines += [f"  {marked(game.scenario, actor, r)}" for r in verdict.goals]
    return "\n".join(lines)


def _events_of(game: Game, turn: int) -> list[Resolution]:
    """The events (drawn, scheduled or injected) of `turn` so far."""
    return [r for r in game.explanations if r.turn == turn and r.step in ("event", "inject")]


def _show(resolutions: list[Resolution]) -> None:
    for res in resolutions:
        click.echo(f"  {sentence(res)}")


def _read(prompt: str) -> str | None:
    click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        click.echo()
        return None
    return line.strip()


def _ask(game: Game, move: Move) -> bool:
    """Ask the human partner, showing what each answer would do to it; anything but yes or
    no asks again (end of input: no)."""
    click.echo(f"{move.actor} offers `{move.notation()}` to {move.partner}; by the end of "
               "the turn:")
    for line in outcome_lines(game.offer_outcomes(move)):
        click.echo(f"  {line}")
    prompt = f"{move.partner}: accept? [y/n] "
    while (answer := _read(prompt)) is not None:
        if answer.lower() in ("y", "yes", "n", "no"):
            return answer.lower().startswith("y")
        click.echo("Please answer y or n.")
    return False


COMMANDS = [play, saves]
