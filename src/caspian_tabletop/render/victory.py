"""Victory levels and goals in plain words, the same in the end screen, `play`, the goals
panel and the after-action report.

A goal's status names the measured figure and the goal beside it ("Middle Corridor 2.4 Mt/yr
(goal over 2)"); a verdict gives the level, the margin against par and every goal met or
missed.
"""

from __future__ import annotations

from caspian_tabletop.domain.figures import figure, ordinal, tenths
from caspian_tabletop.engine.goals import Reading
from caspian_tabletop.engine.victory import LEVELS, Standard, Verdict
from caspian_tabletop.scenario.judging import (
    AssetOnline,
    NoClash,
    PatronShare,
    Relation,
    Sway,
    Tension,
    Throughput,
    TradeShare,
)
from caspian_tabletop.scenario.schema import Scenario

MET, MISSED = "✔", "✘"


def short_name(name: str) -> str:
    """A display name without its parenthesis or a closing 'corridor': 'Middle Corridor
    (Trans-Caspian route)' → 'Middle Corridor', 'Lapis Lazuli corridor' → 'Lapis Lazuli'."""
    return name.split(" (")[0].removesuffix(" corridor")


def _trim(text: str) -> str:
    """'2.40' → '2.4', '57.00' → '57', '+35' as it is."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def _apart(value: float, bound: float, places: int, scale: float = 1.0,
           signed: bool = False) -> tuple[str, str]:
    """The value and the bound to `places` decimals (trailing zeros dropped), with more
    while the two would read the same: a share of 0.5698 against a goal of 0.57 shows as
    56.98 against 57, never as 57 against 57."""
    for extra in range(4):
        shown = [figure(x * scale, f".{places + extra}f", signed) for x in (value, bound)]
        if shown[0] != shown[1]:
            break
    return _trim(shown[0]), _trim(shown[1])


def _status(what: str, reading: Reading, places: int, unit: str = "", scale: float = 1.0,
            signed: bool = False) -> str:
    """'{what} {value}{unit} (goal over {bound}{unit})' for a threshold goal."""
    condition = reading.goal.condition
    assert not isinstance(condition, AssetOnline | NoClash)
    value, bound = _apart(reading.value, condition.bound, places, scale, signed)
    side = "over" if condition.above is not None else "under"
    return f"{what} {value}{unit} (goal {side} {bound}{unit})"


def goal_status(scenario: Scenario, owner: str, reading: Reading) -> str:
    """Where one goal of `owner` stands, in words."""
    condition = reading.goal.condition
    name = {a: model.name for a, model in scenario.actors.items()}
    if isinstance(condition, AssetOnline):
        asset = scenario.assets[condition.asset]
        if reading.met:
            return f"{short_name(asset.name)} complete"
        return (f"{short_name(asset.name)}: {reading.value:.0f} of {asset.stages} stages "
                "invested (goal complete)")
    if isinstance(condition, NoClash):
        return "no armed clash" if reading.met else "armed clash"
    if isinstance(condition, Throughput):
        routes = " + ".join(short_name(scenario.corridors[k].name) for k in condition.corridors)
        return _status(routes, reading, 2, " Mt/yr").replace(" Mt/yr)", ")")
    if isinstance(condition, TradeShare):
        return _status(f"{condition.orientation.replace('-', '–')} trade", reading, 0, "%", 100)
    if isinstance(condition, Sway):
        holder = condition.actor or owner
        whose = "sway" if holder == owner else f"{name[holder]}'s sway"
        return _status(f"{whose} over {name[condition.over]}", reading, 0, "%", 100)
    if isinstance(condition, PatronShare):
        over = condition.over or owner
        where = "" if over == owner else f" over {name[over]}"
        return _status(f"{name[reading.patron or over]}'s sway{where}", reading, 0, "%", 100)
    if isinstance(condition, Tension):
        return _status("tension", reading, 1)
    assert isinstance(condition, Relation)
    return _status(f"relations with {name[condition.partner]}", reading, 0, signed=True)


def marked(scenario: Scenario, owner: str, reading: Reading) -> str:
    """A goal's status behind ✔ (met) or ✘ (missed)."""
    return f"{MET if reading.met else MISSED} {goal_status(scenario, owner, reading)}"


def margin_words(v: Verdict) -> str:
    """'34.1 points, 2.2 above par (+0.4 sd)'."""
    gap = v.score - v.par
    if tenths(abs(gap)) == tenths(0.0):
        where = "at par"
    else:
        where = f"{tenths(abs(gap))} {'above' if gap > 0 else 'below'} par"
    return f"{tenths(v.score)} points, {where} ({figure(v.margin, '.1f', signed=True)} sd)"


def adjustment(v: Verdict) -> str:
    """Why the goals moved the level, or '' when they did not."""
    if v.level == v.base_level:
        return ""
    reason = "every goal met" if v.met == len(v.goals) else "no goal met"
    way = "raised" if LEVELS.index(v.level) > LEVELS.index(v.base_level) else "lowered"
    return f"{way} from {v.base_level}: {reason}"


def goals_words(scenario: Scenario, v: Verdict) -> str:
    """'goals 2 of 3: ✔ ...; ✘ ...', or '' for an actor without goals."""
    if not v.goals:
        return ""
    return (f"goals {v.met} of {len(v.goals)}: "
            + "; ".join(marked(scenario, v.actor, r) for r in v.goals))


def verdict_line(scenario: Scenario, v: Verdict) -> str:
    """'Kazakhstan: marginal gain — 34.1 points, 2.2 above par (+0.4 sd); goals 2 of 3: ...'"""
    parts = [margin_words(v), goals_words(scenario, v), adjustment(v)]
    return (f"{scenario.actors[v.actor].name}: {v.level} — "
            + "; ".join(part for part in parts if part))


def standing_line(v: Verdict) -> str:
    """The level a game in progress would give now: 'held if it ended now (−0.2 sd)'."""
    return f"{v.level} if it ended now ({figure(v.margin, '.1f', signed=True)} sd)"


def judging_text(std: Standard) -> str:
    """How levels are decided in this scenario, in a sentence or three."""
    base = ("par and sd are calibrated in bot games (the scenario's victory block)"
            if std.calibrated else "this scenario is not calibrated: par is the opening "
            f"score and sd is {std.sd[0]:g} points")
    return (f"Each actor is judged by its margin, (score − par) ÷ sd, in its own spread of "
            f"scores; {base}. Held within {std.marginal:g} sd of par, a marginal gain or loss "
            f"beyond it, decisive beyond {std.decisive:g} sd. Every goal met raises the level "
            "a step, no goal met lowers it a step. The ranking is by level, then margin.")


def achievement(scenario: Scenario, judged: list[Verdict], actor: str) -> str:
    """One human seat's result in plain words, from the ranking `judged` (best first):
    'Kazakhstan: marginal gain, 2nd of 7 by level — 34.1 points, 2.2 above par (+0.4 sd);
    goals 2 of 3 met.'"""
    place = next(i for i, v in enumerate(judged) if v.actor == actor)
    v = judged[place]
    goals = f"; goals {v.met} of {len(v.goals)} met" if v.goals else ""
    return (f"{scenario.actors[actor].name}: {v.level}, {ordinal(place + 1)} of {len(judged)} "
            f"by level — {margin_words(v)}{goals}.")


def comparison_words(better_than: float, games: int) -> str:
    """'Better than 78 % of 2,000 games with normal bots in every seat, from the same start.'"""
    return (f"Better than {better_than:.0f} % of {games:,} games with normal bots in every "
            "seat, from the same start.")
