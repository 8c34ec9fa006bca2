"""Headless bot games and mirrored-seat duels between two strengths.

A duel asks, for one actor and one seed: does strength A in that actor's seat end with a
higher score than strength B in the same seat, against the same opposition (B in every other
seat) and the same game seed?  Holding the opposition fixed isolates the seat being compared,
and one all-B game per seed serves as the B side of every actor's comparison, so a duel of N
seeds over all actors costs N × (actors + 1) games rather than 2 × N × actors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from caspian_tabletop.ai.factory import bot_seed, make_bot
from caspian_tabletop.ai.protocol import Bot
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.scenario.schema import Scenario


def seat_bots(c: Compiled, seed: int, strengths: Mapping[str, str]) -> dict[str, Bot]:
    """One bot per listed seat, each seeded from the game seed and its seat."""
    return {actor: make_bot(strengths[actor], bot_seed(seed, i))
            for i, actor in enumerate(c.actors) if actor in strengths}


def play_bots(scenario: Scenario, seed: int, strengths: Mapping[str, str],
              compiled: Compiled | None = None) -> Game:
    """A whole sequential game with a bot of the given strength in every seat."""
    c = compiled or compile_scenario(scenario)
    bots = seat_bots(c, seed, strengths)

    def respond(game: Game, move: Move) -> bool:
        return bots[str(move.partner)].answer(game, move)

    game = Game(scenario, seed=seed, compiled=c, responder=respond)
    while not game.is_over:
        actor = str(game.to_move)
        game.play(bots[actor].choose(game, actor))
    return game


@dataclass(frozen=True)
class Bout:
    """One mirrored comparison: the actor's final score with strength A, then with B."""

    seed: int
    actor: str
    score_a: float
    score_b: float

    @property
    def result(self) -> str:
        if self.score_a > self.score_b + 1e-9:
            return "win"
        if self.score_a < self.score_b - 1e-9:
            return "loss"
        return "tie"


def duel(scenario: Scenario, strength_a: str, strength_b: str, seeds: range,
         actors: list[str] | None = None, compiled: Compiled | None = None,
         progress: Callable[[int], None] | None = None) -> list[Bout]:
    """Bouts of A against B for every seed and every listed actor (default: all);
    `progress` is told of each game played."""
    c = compiled or compile_scenario(scenario)
    tick = progress or (lambda games: None)
    chosen = list(c.actors) if actors is None else actors
    bouts = []
    for seed in seeds:
        field = dict.fromkeys(c.actors, strength_b)
        baseline = play_bots(scenario, seed, field, c).scores()
        tick(1)
        for actor in chosen:
            game = play_bots(scenario, seed, {**field, actor: strength_a}, c)
            tick(1)
            bouts.append(Bout(seed, actor, game.scores()[actor], baseline[actor]))
    return bouts


def win_rate(bouts: list[Bout]) -> float:
    """Share of bouts A wins, ties counting half."""
    if not bouts:
        return 0.0
    points = sum(1.0 if b.result == "win" else 0.5 if b.result == "tie" else 0.0 for b in bouts)
    return points / len(bouts)
