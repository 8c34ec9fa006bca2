"""A resolution as one readable line, mechanics in brackets (logs, transcripts, reports)."""

from __future__ import annotations

from caspian_tabletop.domain.figures import figure
from caspian_tabletop.engine.explain import EPS, Delta, Resolution


def sentence(res: Resolution) -> str:
    """E.g. '[RU drill north: p=0.62, roll 0.31 → show of force lands; tension 3→3.5]'."""
    head = res.text
    if res.probability is not None:
        detail = ", ".join(_input_text(k, v) for k, v in res.inputs.items())
        mods = ", ".join(f"{k} {figure(v, '.0%', signed=True)}"
                         for k, v in res.modifiers.items() if v)
        inside = "; ".join(x for x in (detail, mods) if x)
        head += f": p={res.probability:.2f}" + (f" ({inside})" if inside else "")
        if res.roll is not None:
            head += f", roll {res.roll:.2f}"
        head += f" → {res.outcome}"
    elif res.outcome:
        detail = ", ".join(_input_text(k, v) for k, v in res.inputs.items())
        head += (f" ({detail})" if detail else "") + f": {res.outcome}"
    parts = [head, *(_delta_text(d) for d in res.deltas)]
    if res.facilitator:
        parts.append(f"facilitator: {res.facilitator}")
    return "[" + "; ".join(parts) + "]"


def _input_text(key: str, value: float | str) -> str:
    if key == "strength" and isinstance(value, str):
        return f"strength {value}"
    if isinstance(value, float):
        return f"{key} {value:.2f}"
    return f"{key} {value}"


def _whole(x: float) -> bool:
    return abs(x - round(x)) < EPS


def _signed(x: float) -> str:
    return figure(x, ".0f" if _whole(x) else ".2f", signed=True)


def _plain(x: float) -> str:
    return figure(x, ".0f" if _whole(x) else ".2f")


def _delta_text(d: Delta) -> str:
    kind = d.key.split(":", 1)[0]
    if kind == "blocked":
        return (f"{d.what} closed {int(d.after)} turns" if d.after > d.before
                else f"{d.what} reopens in {int(d.after)}")
    if kind == "disrupted":
        return f"{d.what} loses {figure(d.after, '.0%')} of this turn's trade"
    if kind in ("tension", "throughput", "capacity", "strength"):
        unit = " Mt" if kind in ("throughput", "capacity") else ""
        before, after = _plain(d.before), _plain(d.after)
        if before == after:  # a change below two decimals: show it, not "0.05→0.05"
            before, after = figure(d.before, ".3f"), figure(d.after, ".3f")
        return f"{d.what} {before}→{after}{unit}"
    if kind in ("online", "over", "clash"):
        return d.what
    return f"{d.what} {_signed(d.change)}"
