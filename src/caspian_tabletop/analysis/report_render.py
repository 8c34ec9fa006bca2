"""The after-action report as Markdown or as one self-contained, printable HTML page.

Both renderers walk the same sections and share the tables below, so the two formats cannot
tell a class different things; only the charts differ (sparklines versus inline SVG).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from caspian_tabletop.analysis.charts import Line, line_chart, sparkline
from caspian_tabletop.analysis.report import Report, TurningPoint
from caspian_tabletop.domain.figures import figure, tenths
from caspian_tabletop.engine.scoring import SCORE_TERMS

Table = tuple[tuple[str, ...], ...]

NO_RULINGS = "The facilitator made no overrides, adjustments or injected events."
TURNING_INTRO = ("Each actor's largest score change from a single step (upkeep left out), "
                 "and what caused it.")
TENSION_COLOUR = "#b22222"
AGREES = {True: "this game agrees.", False: "this game does not."}


def _signed(x: float) -> str:
    return tenths(x, signed=True)


def _points(x: float) -> str:
    """One decimal, never '-0.0' (a rounding artefact that reads as a loss)."""
    return f"{x:.1f}".replace("-0.0", "0.0")


def results_table(r: Report) -> Table:
    """Per actor, best first: the final score against the start and against par, the margin
    in the actor's own spread (sd), goals met, and the level."""
    rows = []
    for res in r.results:
        v = res.verdict
        rows.append((f"{res.name} ({res.actor})", ", ".join(res.targets), _points(res.start),
                     _points(v.score), _signed(v.score - res.start), _points(v.par),
                     _points(v.sd), figure(v.margin, ".1f", signed=True),
                     f"{v.met} of {len(v.goals)}" if v.goals else "–", v.level))
    return (("Actor", "Targets", "Start", "Score", "Change", "Par", "sd", "Margin (sd)",
             "Goals met", "Level"), *rows)


def terms_table(r: Report) -> Table:
    """Points each objective term contributes, with the actor's weight on it."""
    header = ("Actor", *SCORE_TERMS, "Total")
    rows = [(res.actor, *(_points(res.terms[t]) + (f" (w {res.weights[t]:g})" if t in
                                                    res.weights else "")
                          for t in SCORE_TERMS), _points(res.final)) for res in r.results]
    return (header, *rows)


def series_table(labels: Sequence[str], rows: dict[str, tuple[float, ...]], form: str) -> Table:
    """One row per series, one column per snapshot, and a sparkline of the row's own trend."""
    return (("", *labels, "trend"),
            *((name, *(format(v, form) for v in values), sparkline(values))
              for name, values in rows.items()))


def turning_point_text(r: Report, p: TurningPoint) -> tuple[str, str]:
    """(who and when, what happened) for one turning point."""
    who = f"{r.actors[p.actor]} ({p.actor}), turn {p.turn} ({p.date})"
    return who, (f"{_signed(p.total)} points, mostly {p.term} {_signed(p.term_change)}: "
                 f"{p.cause}")


def chart_tables(r: Report) -> list[tuple[str, Table]]:
    s = r.series
    return [
        ("Score", series_table(s.labels, s.scores, ".1f")),
        ("Mean influence share over targets", series_table(s.labels, s.influence, ".1%")),
        (f"Tension (armed clash at {r.clash_threshold:g})",
         series_table(s.labels, {"tension": s.tension}, ".2f")),
    ]


# ----- Markdown -------------------------------------------------------------------------------

def _md_table(table: Table) -> list[str]:
    header, *rows = table
    cell = [" | ".join(c.replace("|", "/") for c in row) for row in table]
    return [f"| {cell[0]} |", "|" + "---|" * len(header),
            *(f"| {c} |" for c in cell[1:len(rows) + 1]), ""]


def to_markdown(r: Report) -> str:
    lines = [f"# After-action report: {r.title}", "", r.subtitle, ""]
    if r.description:
        lines += [r.description, ""]
    lines += [r.ending, "", "## Timeline", ""]
    for story in r.turns:
        lines += [f"### Turn {story.turn} — {story.date}", ""]
        for entry in story.entries:
            if entry.kind == "note":
                cites = f" (sources: {', '.join(entry.cites)})" if entry.cites else ""
                lines.append(f"- *Note:* {entry.lead}{cites}")
            else:
                lines.append(f"- {entry.lead} {entry.mechanics}")
        lines += ["", f"Influence shift this turn: {story.shift}", ""]
    lines += ["## Facilitator rulings", ""]
    lines += ([f"- Turn {x.turn} ({x.date}): {x.what} Reason: {x.reason}" for x in r.rulings]
              if r.rulings else [NO_RULINGS])
    lines.append("")
    lines += ["## Turning points", "", TURNING_INTRO, ""]
    for p in r.turning_points:
        who, what = turning_point_text(r, p)
        lines.append(f"- **{who}**: {what}")
    lines += ["", "## Results against objectives", "", r.ending, "", r.judging, ""]
    lines += _md_table(results_table(r))
    lines += [f"- {res.why}" for res in r.results]
    lines.append("")
    lines += ["Points per objective term (w = the actor's weight on it):", ""]
    lines += _md_table(terms_table(r))
    lines += ["## Model and source", "", r.source.intro, ""]
    for f in r.source.findings:
        lines += [f"### {f.question}", "", f"- *This game:* {f.this_game}",
                  f"- *The article:* {f.expected} ({', '.join(f.claims)}) — "
                  f"{AGREES[f.agrees]}"]
        lines += [f"- *Simulated:* {f.simulated}"] if f.simulated else []
        lines.append("")
    lines += ["## Charts", ""]
    for title, table in chart_tables(r):
        lines += [f"### {title}", "", *_md_table(table)]
    if r.sources:
        lines += ["## Sources cited", ""]
        lines += [f"- {cite}: {text}" for cite, text in r.sources]
        lines.append("")
    return "\n".join(lines)


# ----- HTML -----------------------------------------------------------------------------------

_STYLE = ("body{font-family:Georgia,serif;max-width:56rem;margin:2rem auto;color:#111;"
          "line-height:1.4}"
          "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
          "th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}"
          "th{background:#eee}h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}"
          "h3{font-size:1.05rem}.mech{color:#555;font-size:.9em}.note{font-style:italic}"
          ".cites{font-style:normal;color:#555;font-size:.9em}.ending{font-weight:bold}"
          "figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.25rem}"
          "figure,table,tr,li{page-break-inside:avoid;break-inside:avoid}"
          "h2,h3{page-break-after:avoid;break-after:avoid}"
          "@media print{body{max-width:none;margin:0}a{color:inherit}}")


def _html_table(table: Table) -> str:
    e = html.escape
    header, *rows = table
    return ("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                      for row in rows) + "</table>")


def _charts(r: Report) -> list[tuple[str, str]]:
    s = r.series
    tension = [Line("tension", TENSION_COLOUR, s.tension),
               Line("clash", "#555", (r.clash_threshold,) * len(s.labels), dashed=True)]
    return [
        ("Score per actor", line_chart("Score per actor", s.labels, [
            Line(r.actors[a], r.colours[a], v) for a, v in s.scores.items()], "score (points)")),
        ("Mean influence share over each actor's targets", line_chart(
            "Mean influence share", s.labels,
            [Line(r.actors[a], r.colours[a], v) for a, v in s.influence.items()], "share of sway",
            (0.0, 1.0), ".0%")),
        (f"Tension (armed clash at {r.clash_threshold:g})", line_chart(
            "Tension", s.labels, tension, "tension",
            (0.0, max(r.clash_threshold, *s.tension)))),
    ]


def to_html(r: Report) -> str:
    """One self-contained page: inline style and SVG, no scripts, nothing fetched."""
    e = html.escape
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
             f"<title>After-action report: {e(r.title)}</title><style>{_STYLE}</style>"
             "</head><body>", f"<h1>After-action report: {e(r.title)}</h1>",
             f"<p>{e(r.subtitle)}</p>"]
    if r.description:
        parts.append(f"<p>{e(r.description)}</p>")
    parts += [f'<p class="ending">{e(r.ending)}</p>', "<h2>Timeline</h2>"]
    for story in r.turns:
        parts.append(f'<section class="turn"><h3>Turn {story.turn} — {e(story.date)}</h3><ul>')
        for entry in story.entries:
            if entry.kind == "note":
                cites = (f' <span class="cites">(sources: {e(", ".join(entry.cites))})</span>'
                         if entry.cites else "")
                parts.append(f'<li class="note">Note: {e(entry.lead)}{cites}</li>')
            else:
                parts.append(f'<li>{e(entry.lead)} <span class="mech">{e(entry.mechanics)}'
                             "</span></li>")
        parts.append(f"</ul><p>Influence shift this turn: {e(story.shift)}</p></section>")
    parts.append("<section><h2>Facilitator rulings</h2>")
    if r.rulings:
        parts.append("<ul>" + "".join(
            f"<li>Turn {x.turn} ({e(x.date)}): {e(x.what)} <b>Reason:</b> {e(x.reason)}</li>"
            for x in r.rulings) + "</ul>")
    else:
        parts.append(f"<p>{NO_RULINGS}</p>")
    parts.append(f"</section><section><h2>Turning points</h2><p>{TURNING_INTRO}</p><ul>")
    for p in r.turning_points:
        who, what = turning_point_text(r, p)
        parts.append(f"<li><b>{e(who)}</b>: {e(what)}</li>")
    parts += ["</ul></section>", "<section><h2>Results against objectives</h2>",
              f"<p>{e(r.ending)}</p>", f"<p>{e(r.judging)}</p>",
              _html_table(results_table(r)),
              "<ul>" + "".join(f"<li>{e(res.why)}</li>" for res in r.results) + "</ul>",
              "<p>Points per objective term (w = the actor's weight on it):</p>",
              _html_table(terms_table(r)), "</section>",
              f"<section><h2>Model and source</h2><p>{e(r.source.intro)}</p>"]
    for f in r.source.findings:
        simulated = f"<li><i>Simulated:</i> {e(f.simulated)}</li>" if f.simulated else ""
        parts.append(f"<h3>{e(f.question)}</h3><ul><li><i>This game:</i> {e(f.this_game)}</li>"
                     f"<li><i>The article:</i> {e(f.expected)} ({e(', '.join(f.claims))}) — "
                     f"{e(AGREES[f.agrees])}</li>{simulated}</ul>")
    parts += ["</section>", "<h2>Charts</h2>"]
    for (caption, svg), (_, table) in zip(_charts(r), chart_tables(r), strict=True):
        parts.append(f"<figure><figcaption>{e(caption)}</figcaption>{svg}"
                     f"{_html_table(table)}</figure>")
    if r.sources:
        parts.append("<section><h2>Sources cited</h2><ul>" + "".join(
            f"<li>{e(cite)}: {e(text)}</li>" for cite, text in r.sources) + "</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
