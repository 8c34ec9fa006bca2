"""Seat policies for batched runs, chosen by name per actor (`--policy AZ=normal`).

Besides the bots there are the agency checks' yardsticks: `pass` never moves, and
`trade-only` (and the like for every other kind) always plays that kind where it can.
"""

from __future__ import annotations

from collections.abc import Iterable

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.kind_policies import SINGLE_KINDS, KindPolicy, PassPolicy
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.engine.batch import BatchPolicy, RandomPolicy
from caspian_tabletop.engine.compiled import Compiled

ONLY = {f"{kind.value}-only": kind for kind in SINGLE_KINDS}
POLICY_NAMES = ("random", "normal", "pass", *ONLY)


def parse_assignments(texts: Iterable[str], c: Compiled) -> dict[str, str]:
    """`ACTOR=NAME` pairs, checked against the scenario's actors and the known policies."""
    chosen: dict[str, str] = {}
    for text in texts:
        actor, sep, name = text.partition("=")
        if not sep or not actor or not name:
            raise CaspianError(f"error: --policy {text!r}: expected ACTOR=POLICY, e.g. AZ=normal")
        check_actor(c, f"--policy {text!r}", actor)
        check_name(f"--policy {text!r}", name, POLICY_NAMES, "policy")
        chosen[actor] = name
    return chosen


def check_actor(c: Compiled, option: str, actor: str) -> None:
    """A clear error, naming `option` (the flag and its text), unless `actor` is in `c`."""
    if actor not in c.actors:
        raise CaspianError(f"error: {option}: no actor {actor!r} in this scenario "
                           f"(actors: {', '.join(c.actors)})")


def check_name(option: str, name: str, known: Iterable[str], what: str) -> None:
    """A clear error, naming `option`, unless `name` is one of the `known` names of a `what`."""
    names = list(known)
    if name not in names:
        raise CaspianError(f"error: {option}: unknown {what} {name!r} "
                           f"(known: {', '.join(names)})")


def seat_policies(c: Compiled, chosen: dict[str, str], default: str = "random",
                  ) -> list[BatchPolicy]:
    """One policy per actor in scenario order; unnamed seats get `default`."""
    made: dict[str, BatchPolicy] = {}

    def make(name: str) -> BatchPolicy:
        if name not in made:
            made[name] = named_policy(c, name)
        return made[name]

    return [make(chosen.get(actor, default)) for actor in c.actors]


def named_policy(c: Compiled, name: str) -> BatchPolicy:
    """A fresh policy of one of POLICY_NAMES."""
    if name == "normal":
        return GreedyPolicy.for_scenario(c)
    if name == "pass":
        return PassPolicy()
    if name in ONLY:
        return KindPolicy.for_scenario(c, ONLY[name])
    return RandomPolicy.for_scenario(c)
