"""The after-action report of a replayed game, as data; `report_render` turns it into pages.

Everything comes from the verified replay: the story from its items, the series from the
resolutions' exact deltas and influence shifts (so the charts cannot disagree with the
transcript), and the results from the final state against each actor's objectives.
"""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.analysis.narrative import lead
from caspian_tabletop.analysis.source_check import SourceSection
from caspian_tabletop.engine.compiled import TERMS
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.scoring import scores, term_values
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.engine.victory import Verdict, standard
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.render.transcript import shift_line
from caspian_tabletop.render.victory import judging_text, verdict_line
from caspian_tabletop.replay.runner import Item, Run
from caspian_tabletop.replay.schema import Replay
from caspian_tabletop.scenario.register import Register


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: a plain sentence, its bracketed mechanics, any citations."""

    kind: str  # note, or the resolution's step: move, event, upkeep, adjust, inject
    lead: str
    mechanics: str = ""
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class TurnStory:
    turn: int
    date: str
    entries: tuple[Entry, ...]
    shift: str


@dataclass(frozen=True)
class Ruling:
    """A facilitator intervention (override, adjustment or injected event) and its reason."""

    turn: int
    date: str
    what: str
    reason: str


@dataclass(frozen=True)
class TurningPoint:
    """An actor's largest single-step score change and the step that caused it."""

    actor: str
    turn: int
    date: str
    total: float
    term: str
    term_change: float
    cause: str


@dataclass(frozen=True)
class ActorResult:
    """An actor's result: its scores and terms, and its verdict (engine.victory)."""

    actor: str
    name: str
    targets: tuple[str, ...]
    weights: dict[str, float]
    start: float
    terms: dict[str, float]
    verdict: Verdict
    why: str  # the verdict in words (render.victory)

    @property
    def final(self) -> float:
        return self.verdict.score


@dataclass(frozen=True)
class Series:
    """Values at the start and at the end of every turn played, for the charts."""

    labels: tuple[str, ...]
    scores: dict[str, tuple[float, ...]]
    influence: dict[str, tuple[float, ...]]  # mean influence share over the actor's targets
    tension: tuple[float, ...]


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    description: str | None
    actors: dict[str, str]  # id -> name, in scenario order
    colours: dict[str, str]
    turns: tuple[TurnStory, ...]
    rulings: tuple[Ruling, ...]
    turning_points: tuple[TurningPoint, ...]
    results: tuple[ActorResult, ...]  # in ranking order, the winner first
    judging: str  # how the levels are decided
    ending: str
    series: Series
    clash_threshold: float
    source: SourceSection  # this game against the analysis the scenario models
    sources: tuple[tuple[str, str], ...]  # cited id, what it is


def build_report(replay: Replay, run: Run, register: Register,
                 source: SourceSection) -> Report:
    """The report of a replayed game; `register` names the sources its notes and its
    "Model and source" section (made by analysis.source_check) cite."""
    game = run.game
    scenario = game.scenario
    c = game.compiled
    label = scenario.calendar.label
    shifts = game.turn_shifts()
    turns = tuple(TurnStory(turn, label(turn), tuple(_entry(run, i) for i in items),
                            shift_line(shifts.get(turn, {}), c.actors))
                  for turn, items in _by_turn(run.items))
    resolutions = [i.resolution for i in run.items if i.resolution is not None]
    rulings = tuple(Ruling(r.turn, label(r.turn), lead(scenario, r), r.facilitator)
                    for r in resolutions if r.facilitator)
    start = scores(c, initial_state(c, 1))[0]
    terms = game.score_terms()
    models = scenario.actors
    results = tuple(
        ActorResult(v.actor, models[v.actor].name, tuple(models[v.actor].objectives.targets),
                    {t: float(getattr(models[v.actor].objectives, t)) for t in TERMS},
                    float(start[c.actor_index(v.actor)]), terms[v.actor], v,
                    verdict_line(scenario, v))
        for v in game.verdicts())
    cited = dict.fromkeys([*(cite for i in run.items for cite in i.cites),
                           *(cite for f in source.findings for cite in f.claims)])
    return Report(
        title=replay.title or scenario.title,
        subtitle=(f"{scenario.title} ({scenario.id}), seed {game.seed}, {game.order} orders, "
                  f"{replay.mode}"),
        description=replay.description,
        actors={a: scenario.actors[a].name for a in c.actors},
        colours={a: scenario.actors[a].colour for a in c.actors},
        turns=turns, rulings=rulings,
        turning_points=_turning_points(run, resolutions),
        results=results, judging=judging_text(standard(c)), ending=_ending(run),
        series=_series(run),
        clash_threshold=scenario.rules.clash_threshold, source=source,
        sources=tuple((cite, _source(register, cite)) for cite in cited))


def _by_turn(items: list[Item]) -> list[tuple[int, list[Item]]]:
    grouped: dict[int, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.turn, []).append(item)
    return sorted(grouped.items())


def _entry(run: Run, item: Item) -> Entry:
    res = item.resolution
    if res is None:
        return Entry("note", item.note or "", cites=item.cites)
    return Entry(res.step, lead(run.game.scenario, res), sentence(res))


def _turning_points(run: Run, resolutions: list[Resolution]) -> tuple[TurningPoint, ...]:
    """Per actor, the step (upkeep left out: it is bookkeeping) that moved its score most."""
    scenario = run.game.scenario
    steps = [r for r in resolutions if r.step != "upkeep"]
    out = []
    for actor in run.game.compiled.actors:
        moved = [r for r in steps if r.shift.get(actor)]
        if not moved:
            continue
        res = max(moved, key=lambda r: abs(r.total_shift(actor)))
        term, change = max(res.shift[actor].items(), key=lambda kv: (abs(kv[1]), kv[0]))
        out.append(TurningPoint(actor, res.turn, scenario.calendar.label(res.turn),
                                res.total_shift(actor), term, change, lead(scenario, res)))
    return tuple(sorted(out, key=lambda p: -abs(p.total)))


def _ending(run: Run) -> str:
    game = run.game
    if game.clash:
        return f"The game ended in an armed clash on turn {game.turn} ({game.date})."
    if game.is_over:
        return f"The game ran its full {game.compiled.turns} turns."
    return (f"The replay stops during turn {game.turn} ({game.date}); the game was not "
            f"finished, so these are standings, not final results.")


def _series(run: Run) -> Series:
    """Replays the resolutions' deltas and shifts from the opening, snapshotting each turn end.

    Influence and tension are rebuilt from the exact before/after deltas; the influence share is
    then the engine's own influence term, and scores are the opening plus every shift so far.
    """
    game = run.game
    c = game.compiled
    state = initial_state(c, 1)
    score = scores(c, state)[0].copy()
    index = {a: i for i, a in enumerate(c.actors)}
    labels, totals, shares, tension = ["start"], [score.copy()], [], []

    def snapshot() -> None:
        shares.append(term_values(c, state)[0, :, TERMS.index("influence")].copy())
        tension.append(float(state.tension[0]))

    snapshot()
    for turn, items in _by_turn(run.items):
        for item in items:
            res = item.resolution
            if res is None:
                continue
            for d in res.deltas:
                kind, *names = d.key.split(":")
                if kind == "tension":
                    state.tension[0] = d.after
                elif kind == "influence":
                    state.influence[0, index[names[0]], index[names[1]]] = d.after
            for actor, terms in res.shift.items():
                score[index[actor]] += sum(terms.values())
        labels.append(game.scenario.calendar.label(turn))
        totals.append(score.copy())
        snapshot()
    return Series(
        labels=tuple(labels),
        scores={a: tuple(float(s[i]) for s in totals) for a, i in index.items()},
        influence={a: tuple(float(s[i]) for s in shares) for a, i in index.items()},
        tension=tuple(tension))


def _source(register: Register, cite: str) -> str:
    for claim in register.claims:
        if claim.id == cite:
            return f"{register.article.publication}, ¶{claim.paragraph}: {claim.text}"
    for ref in register.references:
        if ref.id == cite:
            return ref.title
    return "not in the source register"
