"""The model checks' targets, in one table: what each check expects and which claim of the
source register (seeds/sources.yaml) it tests.

Change a bound here and `check-model` follows; the measurements (analysis/model_metrics.py)
hold no figures of their own.  `SUBJECTS` names the actors, corridor and asset the source's
claims are about; a scenario that lacks some of them has those checks reported as not
applicable.
"""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.domain.moves import MoveKind


@dataclass(frozen=True)
class Target:
    """A bound on a measured value: `low` and/or `high`, both inclusive unless `strict`.

    `unit` says how values are shown: "%" (a share, shown times 100), "pp" (a difference of
    shares, in percentage points), "sd" (standard deviations), or a unit name ("Mt/yr",
    "points")."""

    low: float | None = None
    high: float | None = None
    strict: bool = False
    unit: str = "%"

    def met(self, value: float) -> bool:
        return self.margin(value) > 0 if self.strict else self.margin(value) >= 0

    def margin(self, value: float) -> float:
        """How far inside the bounds `value` lies (negative: outside)."""
        inside = [value - self.low] if self.low is not None else []
        inside += [self.high - value] if self.high is not None else []
        return min(inside, default=float("inf"))


@dataclass(frozen=True)
class Spec:
    """One check: its group, its target (None: reported only), what it means and the claims
    of the register it tests."""

    group: str
    target: Target | None
    meaning: str
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subjects:
    """Who and what the source's claims are about."""

    coercers: tuple[str, ...] = ("RU", "IR")  # dislike east–west routes; drill to signal
    early_turns: int = 2  # "early" blockade: in these first turns
    turkic: tuple[str, ...] = ("TR", "AZ")  # whose sway grows in Central Asia
    central_asia: tuple[str, ...] = ("KZ", "TM")
    corridor: str = "middle-corridor"  # the east–west route the source is about
    funder: str = "KZ"
    asset: str = "aktau-expansion"  # "possibly the most important development"
    # Move kinds that must not be dead; a pass is the fallback, not a move the design wants.
    live_kinds: tuple[MoveKind, ...] = (MoveKind.TRADE, MoveKind.DRILL, MoveKind.BLOCKADE,
                                        MoveKind.INVEST, MoveKind.SUMMIT, MoveKind.DEMAND)


SUBJECTS = Subjects()

CHECKS: dict[str, Spec] = {
    "winner-share": Spec(
        "balance", Target(0.08, 0.25),
        "every actor is the winner (the highest victory level, then the largest margin over "
        "its par in its own spread) in this share of games "
        "(shown: the worst actor)"),
    "armed-clash": Spec(
        "balance", Target(0.01, 0.08),
        "share of games ended by an armed clash: rare, since no one is about to use force",
        ("EDM-22",)),
    "drill-share": Spec(
        "coercion", Target(low=0.08),
        "share of Russia's and Iran's moves that are naval drills (their signal)",
        ("EDM-19", "EDM-20", "EDM-21", "EDM-25")),
    "drills-over-blockades": Spec(
        "coercion", Target(low=0.0, strict=True, unit="pp"),
        "Russia's and Iran's drill share minus their blockade share: they signal more than "
        "they block", ("EDM-22", "EDM-25")),
    "early-blockade": Spec(
        "coercion", Target(high=0.15, strict=True),
        f"share of games with a blockade (by anyone) in the first {SUBJECTS.early_turns} turns",
        ("EDM-22",)),
    "blockade-games": Spec(
        "coercion", None,
        "share of games with a blockade by anyone at any turn, by blockader in the detail "
        "(reported, no target: force is rare in the article's reading, and the checks above "
        "bound only its timing and its share against drills)", ("EDM-22",)),
    "turkic-sway": Spec(
        "alignment", Target(low=0.0, strict=True, unit="points"),
        "mean change over the game of Turkey's and Azerbaijan's sway over Kazakhstan and "
        "Turkmenistan, over the four pairs", ("EDM-04", "EDM-07", "EDM-14", "EDM-28")),
    "turkic-sway-pairs": Spec(
        "alignment", Target(low=0.0, strict=True, unit="points"),
        "the same change for each pair (shown: the smallest)",
        ("EDM-04", "EDM-07", "EDM-14", "EDM-28")),
    "corridor-throughput": Spec(
        "alignment", Target(low=0.0, strict=True, unit="Mt/yr"),
        "the Middle Corridor's median open throughput at the end minus its volume at the "
        "start (in caspian-2021 the 2021 volume, 0.6 Mt/yr, below 2020's 0.78)",
        ("EDM-05", "EDM-15")),
    "aktau-funded": Spec(
        "aktau", Target(low=0.5),
        "share of games in which Kazakhstan invests in the Aktau expansion at least once",
        ("EDM-15",)),
    "aktau-completed": Spec(
        "aktau", None,
        "share of games that end with the Aktau expansion complete (reported, no target)",
        ("EDM-15",)),
    "agency-vs-pass": Spec(
        "agency", Target(low=0.5, unit="sd"),
        "normal bot's mean final score minus an always-pass seat's, in standard deviations "
        "of the actor's score, for every actor (shown: the smallest)"),
    "agency-vs-random": Spec(
        "agency", Target(low=0.5, unit="sd"),
        "the same against a seat playing uniformly random legal moves"),
    "agency-vs-single-kind": Spec(
        "agency", Target(low=0.0, unit="sd"),
        "the same against the best always-one-kind seat (trade, drill, blockade, invest or "
        "summit where legal, else pass): none may beat the normal bot"),
    "dead-moves": Spec(
        "dead-moves", Target(low=0.02),
        "for each move kind, the larger of the two shares below: a kind is alive if normal "
        "or hard bots choose it where it is legal (shown: the smallest)"),
    "dead-moves-normal": Spec(
        "dead-moves", None,
        "for each move kind, the share of decisions where it was legal in which normal bots "
        "chose it (reported, no target; shown: the smallest)"),
    "dead-moves-hard": Spec(
        "dead-moves", None,
        "the same for hard bots, at decision points sampled from normal-bot games (reported, "
        "no target)"),
}

# Checks that must also hold with every ranged figure at its low and at its high end.
ROBUST = ("drill-share", "drills-over-blockades", "early-blockade", "turkic-sway",
          "turkic-sway-pairs", "corridor-throughput")


def band(name: str) -> tuple[float, float]:
    """The bounds of a check whose target has both (the `balance` command's defaults)."""
    target = CHECKS[name].target
    if target is None or target.low is None or target.high is None:
        raise ValueError(f"check {name!r} has no two-sided target")
    return target.low, target.high
