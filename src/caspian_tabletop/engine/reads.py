"""A game's figures by name: what screens, the CLI and reports read, as plain numbers.

The rules keep a game in batch arrays indexed by position (`state.capital[0, i]`); readers
ask for "AZ's capital" instead, so they never depend on how the arrays are laid out.
"""

from __future__ import annotations

from caspian_tabletop.domain.moves import KIND_ORDER, Move, MoveKind
from caspian_tabletop.engine import victory
from caspian_tabletop.engine.compiled import TERMS, Compiled
from caspian_tabletop.engine.navy import naval_strengths
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.victory import Verdict
from caspian_tabletop.scenario.schema import Scenario

INFLUENCE = TERMS.index("influence")


class GameReads:
    """The read API of `Game` (mixed into it): every figure of the current state by name."""

    scenario: Scenario
    compiled: Compiled
    state: BatchState

    @property
    def turn(self) -> int:
        return int(self.state.turn[0])

    @property
    def is_over(self) -> bool:
        return bool(self.state.over[0])

    @property
    def clash(self) -> bool:
        """Whether the game ended in an armed clash."""
        return bool(self.state.clash[0])

    @property
    def date(self) -> str:
        """The calendar label of the current turn (the last one once the game is over)."""
        return self.scenario.calendar.label(min(self.turn, self.compiled.turns))

    def digest(self) -> str:
        """The content hash of the current position that saves and replays seal turns with."""
        return self.state.digest(self.compiled)

    @property
    def tension(self) -> float:
        return float(self.state.tension[0])

    def capital(self, actor: str) -> float:
        return float(self.state.capital[0, self._actor(actor)])

    def revenue(self, actor: str) -> float:
        """The actor's income at the last upkeep."""
        return float(self.state.revenue[0, self._actor(actor)])

    def relation(self, a: str, b: str) -> float:
        """Relations between two actors, -100..100 (the same both ways)."""
        return float(self.state.relations[0, self._actor(a), self._actor(b)])

    def influence(self, a: str, b: str) -> float:
        """`a`'s sway over `b`, 0..100."""
        return float(self.state.influence[0, self._actor(a), self._actor(b)])

    def influence_share(self, actor: str) -> float:
        """The actor's mean share of the sway over its targets: its influence term, 0..1."""
        i = self._actor(actor)
        return float(term_values(self.compiled, self.state)[0, i, INFLUENCE])

    def throughput(self, corridor: str) -> float:
        """Mt/yr carried on the corridor when it is open."""
        return float(self.state.throughput[0, self._corridor(corridor)])

    def capacity(self, corridor: str) -> float:
        return float(self.state.capacity[0, self._corridor(corridor)])

    def blocked_turns(self, corridor: str) -> int:
        """Turns of blockade left on the corridor (0: open)."""
        return int(self.state.blocked[0, self._corridor(corridor)])

    def is_closed(self, corridor: str) -> bool:
        return self.blocked_turns(corridor) > 0

    def naval_strength(self, actor: str) -> float:
        """The actor's whole Caspian navy now, as the scenario's formula rates it."""
        return float(naval_strengths(self.compiled, self.state.hulls)[0, self._actor(actor)])

    def zone_strength(self, actor: str, zone: str) -> float:
        """The part of the actor's navy present in `zone` now."""
        return float(self.state.zone_strength[0, self._actor(actor), self._zone(zone)])

    def drill_turns(self, actor: str, zone: str) -> int:
        """Turns left of the actor's drill bonus in `zone` (0: none)."""
        return int(self.state.drill[0, self._actor(actor), self._zone(zone)])

    def verdicts(self) -> list[Verdict]:
        """Every actor's victory level and goals as they stand (at the end, the result),
        best first."""
        return victory.verdicts(self.compiled, self.state)

    def verdict(self, actor: str) -> Verdict:
        """One actor's victory level and goals as they stand."""
        self._actor(actor)
        return next(v for v in self.verdicts() if v.actor == actor)

    def moves_of(self, actor: str) -> list[Move]:
        """Every move the scenario offers `actor`, possible now or not."""
        c = self.compiled
        return [c.move_of(m) for m in c.actions_of(self._actor(actor))]

    def cost(self, kind: MoveKind) -> float:
        """Capital a move of `kind` costs in this scenario."""
        return float(self.compiled.kind_cost[KIND_ORDER.index(kind)])

    def _actor(self, actor: str) -> int:
        return _position(self.compiled.actors, actor, "actor")

    def _corridor(self, corridor: str) -> int:
        return _position(self.compiled.corridors, corridor, "corridor")

    def _zone(self, zone: str) -> int:
        return _position(self.compiled.zones, zone, "zone")


def _position(names: tuple[str, ...], name: str, what: str) -> int:
    if name not in names:
        raise KeyError(f"no {what} {name!r} in this scenario")
    return names.index(name)
