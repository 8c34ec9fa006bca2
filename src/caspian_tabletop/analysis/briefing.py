"""Team briefings: one handout per actor, in Markdown or self-contained HTML.

A briefing tells a team its situation, objectives, capabilities (navy by class, each figure
with its sources) and the moves it may make.  The move list comes from the rules' own static
legality, so it can never offer a team a move the engine would refuse on principle.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.moves import KIND_ORDER, MoveKind
from caspian_tabletop.engine.compiled import DRILL, Compiled
from caspian_tabletop.engine.legality import static_legal
from caspian_tabletop.scenario.naval import naval_strength
from caspian_tabletop.scenario.register import Register
from caspian_tabletop.scenario.schema import Figure, Provenance, Scenario

TERM_WORDS = {
    "influence": "your share of the sway over your target states",
    "corridor": "trade carried on the corridors you prefer",
    "autonomy": "freedom from any single dominant patron",
    "revenue": "transit and project revenue",
    "tension": "a calm sea (tension costs you this much)",
}


GOALS_INTRO = ("What winning means for you, judged at the end of the game and shown on the "
               "game screen as it stands. Your level comes from your score against your par, "
               "in your own spread of scores; meet every goal and it rises a step, meet none "
               "and it falls a step.")

NEUTRAL_WORDS = ("Neutral: you join no bloc and take no part in pressure, so you make no "
                 "drill, blockade or demand, and no state can ask you to join one")


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Briefing:
    actor: str
    title: str
    sections: tuple[Section, ...]


def _figure(f: Figure, unit: str = "") -> str:
    text = f"{f.value:g}{unit}"
    if f.low is not None or f.high is not None:
        text += f" ({f.lo:g}–{f.hi:g})"
    return text


def _sources(p: Provenance, register: Register) -> str:
    titles = {c.id: f"article ¶{c.paragraph}" for c in register.claims}
    titles |= {r.id: f"{r.title} [{r.confidence}]" for r in register.references}
    cited = [f"{sid}: {titles.get(sid, sid)}" for sid in p.sources]
    if p.estimate is not None:
        cited.append(f"designer estimate — {p.estimate.rationale}")
    return "; ".join(cited)


def premium_reach(c: Compiled, actor: int) -> NDArray[np.bool_]:
    """[C] the routes `actor`'s drills can put its risk premium on: those that bypass it and
    cross by sea a zone it may drill in."""
    drills = np.flatnonzero(static_legal(c) & (c.act_kind == DRILL) & (c.act_actor == actor))
    zones = np.unique(c.act_zone[drills])
    reach: NDArray[np.bool_] = c.sea_zone[:, zones].any(axis=1) & c.rival[:, actor]
    return reach


def deterrence_words(c: Compiled, actor: str) -> tuple[str, ...]:
    """What a drill's premium does to the deals on the actor's routes, or on its rivals' (only
    where the scenario makes deals signed under a premium smaller)."""
    deters = c.rules.premium_deters
    if not deters:
        return ()
    a = c.actor_index(actor)
    cut = deters * c.rules.risk_premium
    lasts = c.rules.premium_turns
    words = []

    def named(routes: NDArray[np.bool_]) -> str:
        return ", ".join(c.scenario.corridors[c.corridors[k]].name for k in np.flatnonzero(routes))

    mine = premium_reach(c, a)
    if mine.any():
        routes = named(mine)
        words.append(f"Your drills put a risk premium on {routes} for {lasts} quarters: while "
                     f"it stands, deals signed on them are signed {cut:.0%} smaller, for good.")
    reaching = {b: premium_reach(c, b) & c.member[:, a] for b in range(len(c.actors)) if b != a}
    drillers = [b for b, routes in reaching.items() if routes.any()]
    if drillers:
        exposed = np.logical_or.reduce([reaching[b] for b in drillers])
        names = " and ".join(c.actors[b] for b in drillers)
        words.append(f"A drill by {names} puts a risk premium on {named(exposed)} for {lasts} "
                     f"quarters: a deal signed there while it stands is signed {cut:.0%} "
                     "smaller (more if two stand), for good. A deal can wait for it to lift.")
    return tuple(words)


def allowed_moves(c: Compiled, actor: str) -> dict[MoveKind, list[str]]:
    """Move kinds the actor can ever make, each with its possible targets."""
    a = c.actor_index(actor)
    ok = static_legal(c)
    options: dict[MoveKind, list[str]] = defaultdict(list)
    for action in c.actions_of(a):
        if not ok[action]:
            continue
        move = c.move_of(action)
        detail = {
            MoveKind.TRADE: f"with {move.partner} on {move.corridor}",
            MoveKind.DRILL: f"in the {move.zone} zone" + (f" with {move.partner}"
                                                           if move.partner else ""),
            MoveKind.BLOCKADE: f"{move.corridor} in the {move.zone} zone" + (
                f" with {move.partner}" if move.partner else ""),
            MoveKind.INVEST: f"in {move.target}",
            MoveKind.SUMMIT: f"with {move.partner}",
            MoveKind.DEMAND: f"a stake in {move.corridor}, of {move.partner}",
            MoveKind.PASS: "save your capital",
        }[move.kind]
        if detail not in options[move.kind]:
            options[move.kind].append(detail)
    return {kind: options[kind] for kind in KIND_ORDER if options[kind]}


def build_briefing(scenario: Scenario, c: Compiled, register: Register, actor: str) -> Briefing:
    model = scenario.actors[actor]
    a = c.actor_index(actor)
    rules = scenario.rules
    strength = naval_strength(model, scenario.naval_formula)
    patrons = sorted(((c.influence0[x, a], c.actors[x]) for x in range(len(c.actors))
                      if x != a), reverse=True)[:3]
    situation = (
        model.briefing,
        f"The game opens in {scenario.calendar.label(1)} and lasts {scenario.calendar.turns} "
        f"quarters. Tension starts at {scenario.initial.tension.value:g} of "
        f"{rules.clash_threshold:g}; at {rules.clash_threshold:g} an armed clash ends the game "
        f"and costs everyone, the escalators most.",
        "Strongest sway over you at the start: "
        + ", ".join(f"{name} {value:g}" for value, name in patrons) + ".",
    )
    objectives = [(term, f"{getattr(model.objectives, term):g}", words)
                  for term, words in TERM_WORDS.items() if getattr(model.objectives, term) > 0]
    targets = ", ".join(model.objectives.targets)
    navy = tuple((v.name, v.role.value, _figure(v.count), _figure(v.displacement_t, " t"),
                  v.strike.value, _sources(v.provenance, register)) for v in model.navy)
    member_of = [scenario.corridors[k].name for i, k in enumerate(c.corridors)
                 if c.member[i, a]]
    capabilities = (
        f"Capital: {rules.capital_start:g} to start, {model.capital_per_turn:g} per quarter plus "
        f"revenue (at most {rules.capital_max:g}).",
        f"Derived naval strength {strength.value:.1f} (range {strength.low:.1f}–"
        f"{strength.high:.1f})." if model.littoral else
        "Not a littoral state: the 2018 Caspian Convention bars your forces from the sea.",
        "Presence: " + (", ".join(f"{z} {s:.0%}" for z, s in model.presence.items())
                        or "none") + ".",
        "Corridors you belong to: " + (", ".join(member_of) or "none") + ".",
        *((NEUTRAL_WORDS + f" (sources: {', '.join(model.neutral.cites)}).",)
          if model.neutral is not None else ()),
        *deterrence_words(c, actor),
    )
    moves = allowed_moves(c, actor)
    costs = dict(zip(KIND_ORDER, c.kind_cost, strict=True))
    move_rows = tuple((kind.value, f"{costs[kind]:g}", "; ".join(options))
                      for kind, options in moves.items())
    goals = tuple((goal.text, ", ".join(goal.cites) or (goal.rationale or ""))
                  for goal in model.objectives.goals or [])
    sections = (
        Section("Situation", situation),
        Section("Objectives", (f"Targets: {targets}. Your score weighs:",),
                (("term", "weight", "what it rewards"), *objectives)),
        *((Section("Goals", (GOALS_INTRO,), (("goal", "sources"), *goals)),) if goals else ()),
        Section("Capabilities", capabilities,
                (("class", "role", "count", "displacement", "strike", "sources"), *navy)
                if navy else ()),
        Section("Allowed moves", ("One main move per quarter; see the rulebook for effects.",),
                (("move", "cost", "options"), *move_rows)),
    )
    return Briefing(actor, f"{model.name} ({actor}) — {scenario.title}", sections)


def to_markdown(b: Briefing) -> str:
    lines = [f"# Team briefing: {b.title}", ""]
    for section in b.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.table:
            header, *rows = section.table
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |"
                      for row in rows]
            lines.append("")
    return "\n".join(lines)


_STYLE = ("body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;color:#111}"
          "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
          "th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}"
          "th{background:#eee}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}"
          "section{page-break-inside:avoid}")


def to_html(b: Briefing) -> str:
    """One self-contained page: inline style, no scripts, nothing fetched; prints well."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>{e(b.title)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>Team briefing: {e(b.title)}</h1>"]
    for section in b.sections:
        parts.append(f"<section><h2>{e(section.title)}</h2>")
        parts += [f"<p>{e(p)}</p>" for p in section.paragraphs]
        if section.table:
            header, *rows = section.table
            parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
            parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>"
                      for row in rows]
            parts.append("</table>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

