"""A sweep's runs, each the scenario with one figure at one value (or as it is), played in
this process or spread over a Dask cluster (extra `[scale]`).

A run is the unit of work: its games, seed and seats are the same wherever it runs, and its
chunks draw their generators from the run's seed in order (`simulate.run_outcomes`), so a
sweep on a cluster gives exactly the figures of a sweep on one machine.  Workers get the
scenario as its JSON, never a file name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from caspian_tabletop.analysis.policies import seat_policies
from caspian_tabletop.analysis.sensitivity import with_value
from caspian_tabletop.analysis.simulate import Summary, run_outcomes, summarise
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.scenario.schema import Scenario

CONNECT_TIMEOUT = "10s"
# A host name or an address (urlsplit has taken the brackets off an IPv6 one).
_HOST = re.compile(r"[A-Za-z0-9._:-]+")


@dataclass(frozen=True)
class Run:
    """One run of a sweep: the figure at `path` set to `value` (None: the scenario as is)."""

    path: str | None
    value: float | None


@dataclass(frozen=True)
class Plan:
    """What every run shares."""

    games: int
    seed: int
    chosen: dict[str, str]
    default: str


class Interrupted(Exception):
    """Ctrl+C during a sweep: the runs finished before it, in order."""

    def __init__(self, done: list[tuple[Run, Summary]]) -> None:
        super().__init__(f"interrupted after {len(done)} run(s)")
        self.done = done


def play_run(scenario_json: str, run: Run, plan: Plan) -> Summary:
    """The summary of one run (module level, so that a Dask worker can unpickle it)."""
    scenario = Scenario.model_validate_json(scenario_json)
    if run.path is not None and run.value is not None:
        scenario = with_value(scenario, run.path, run.value)
    c = compile_scenario(scenario)
    policies = seat_policies(c, plan.chosen, plan.default)
    return summarise(c, run_outcomes(c, plan.games, plan.seed, policies))


def play_runs(scenario: Scenario, runs: Sequence[Run], plan: Plan, workers: str | None,
              progress: Callable[[int], None] | None = None) -> list[tuple[Run, Summary]]:
    """Every run's summary, in the order given; `workers`: None (this process), `local:N`
    (a Dask LocalCluster of N processes) or `dask://HOST:PORT` (a running scheduler)."""
    text = scenario.model_dump_json(exclude_unset=True)
    done: list[tuple[Run, Summary]] = []
    if workers is None:
        try:
            for run in runs:
                done.append((run, play_run(text, run, plan)))
                if progress is not None:
                    progress(1)
        except KeyboardInterrupt:
            raise Interrupted(done) from None
        return done
    with _client(workers) as client:
        futures = client.map(play_run, [text] * len(runs), list(runs), [plan] * len(runs),
                             pure=False)
        try:
            for run, future in zip(runs, futures, strict=True):
                done.append((run, future.result()))
                if progress is not None:
                    progress(1)
        except KeyboardInterrupt:
            client.cancel(futures)
            raise Interrupted(done) from None
    return done


def cpu_limit() -> int:
    """How many processes `local:N` may start: one per CPU this process may run on (more
    only compete for the same cores, and each holds a copy of the engine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_workers(workers: str) -> int | str:
    """The number of local worker processes for `local:N` (1 <= N <= cpu_limit()), or the
    scheduler's tcp:// address for `dask://HOST:PORT`; ValueError saying why otherwise."""
    kind, _, rest = workers.partition(":")
    if kind == "local" and rest.isdigit():
        count, limit = int(rest), cpu_limit()
        if not 1 <= count <= limit:
            raise ValueError(f"N must be from 1 to {limit}, the CPUs of this machine")
        return count
    if kind == "dask" and rest.startswith("//"):
        return _scheduler_address(rest[2:])
    raise ValueError("expected local:N or dask://HOST:PORT")


def _scheduler_address(place: str) -> str:
    """tcp://HOST:PORT for `place`, a host name or address (IPv6 in brackets) and a port."""
    try:
        parts = urlsplit(f"tcp://{place}")
        port = parts.port
    except ValueError:  # an unclosed [, a port that is no number or out of range
        port = None
    else:
        plain = not (parts.path or parts.query or parts.fragment or parts.username)
        if plain and parts.hostname and _HOST.fullmatch(parts.hostname) and port:
            return f"tcp://{place}"
    raise ValueError(f"expected dask://HOST:PORT, a host name or address and a port, got "
                     f"dask://{place}")


def _client(workers: str) -> Any:
    """A Dask client for `local:N` or `dask://HOST:PORT`; a one-line error otherwise."""
    try:
        target = parse_workers(workers)
    except ValueError as exc:
        raise CaspianError(f"error: --workers {workers}: {exc}") from None
    try:
        from distributed import Client
    except ImportError:
        raise CaspianError(f"error: --workers {workers}: Dask is not installed (install "
                           "the `scale` extra: pip install 'caspian-tabletop[scale]')") from None
    if isinstance(target, int):
        # Mutual TLS with temporary credentials: the scheduler listens on loopback, and no
        # other process on the machine may join it or hand it work.  The client owns the
        # cluster, so closing it stops the workers.
        return Client(n_workers=target, threads_per_worker=1, processes=True,
                      dashboard_address=None, security=True, host="127.0.0.1")
    try:
        return Client(target, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise CaspianError(f"error: --workers {workers}: cannot reach a Dask scheduler "
                           f"at {target} ({type(exc).__name__})") from None
