"""One autosave file per game: listed, found by id, locked by the process playing it, and
never replaced by another game."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import caspian_tabletop
from caspian_tabletop import files, games, paths, saves
from caspian_tabletop.cli import main
from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.locks import GameLock, GameOpenError, LockFileError
from caspian_tabletop.replay import load_replay
from caspian_tabletop.session import Session
from shipped import scenario

SEATS = {"RU": Seat("ai", "easy"), "AZ": Seat("human", "Team Baku"), "KZ": Seat("ai", "easy")}
TUTORIAL = paths.resolve_scenario("tutorial")

# A second process that opens a game by id, says how that went, then holds it until killed.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from caspian_tabletop import games
    from caspian_tabletop.domain.errors import CaspianError
    try:
        session = games.resume_session(sys.argv[1])
    except CaspianError as exc:
        print("refused:", exc, flush=True)
        sys.exit(0)
    print("opened", flush=True)
    time.sleep(120)
    """
)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(saves.HOME_ENV, str(tmp_path))


def _new(seed: int = 4) -> Session:
    return games.new_session(scenario("tutorial"), TUTORIAL, SEATS, seed=seed)


def _holder(game_id: str, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, saves.HOME_ENV: str(tmp_path)}
    return subprocess.Popen([sys.executable, "-c", HOLDER, game_id], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_each_new_game_gets_its_own_file(tmp_path: Path) -> None:
    first, second = _new(), _new()
    assert first.autosave_path != second.autosave_path
    assert first.autosave_path is not None and second.autosave_path is not None
    assert first.autosave_path.parent == second.autosave_path.parent == tmp_path / "games"
    name = first.autosave_path.name
    assert name.startswith(f"tutorial-{time.strftime('%Y%m%d')}-") and name.endswith(".yaml")
    assert len(saves.game_id(first.autosave_path)) == saves.ID_LENGTH
    assert {g.path for g in saves.list_games()} == {first.autosave_path, second.autosave_path}


def test_the_list_says_what_each_game_is(tmp_path: Path) -> None:
    session = _new()
    session.run_ai_until_human()
    session.play(parse_move("AZ summit KZ"))
    session.run_ai_until_human()
    [game] = saves.list_games()
    assert (game.scenario, game.turn, game.date, game.humans) == ("tutorial", 2, "2021 Q2",
                                                                  ("AZ Team Baku",))
    assert not game.finished and game.problem is None
    assert game.open_by == os.getpid()  # this process holds it
    session.close()
    assert saves.list_games()[0].open_by is None


def test_resume_takes_the_newest_unfinished_game_or_the_one_named() -> None:
    older, newer = _new(seed=1), _new(seed=2)
    for session in (older, newer):
        session.close()
    assert older.autosave_path is not None and newer.autosave_path is not None
    os.utime(older.autosave_path, (time.time() - 60, time.time() - 60))
    assert games.resume_session().game.seed == 2
    wanted = saves.game_id(older.autosave_path)
    resumed = games.resume_session(wanted[:3])
    assert resumed.game.seed == 1 and resumed.autosave_path == older.autosave_path


def test_a_wrong_or_ambiguous_id_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = iter("aaaaab aaaaac".split())
    monkeypatch.setattr(saves, "new_game_path", lambda scenario_id, now=None: (
        saves.games_dir() / f"{scenario_id}-20261201-0900-{next(ids)}.yaml"))
    _new().close()
    _new().close()
    with pytest.raises(ReplayError, match="'aaaaa' could be any of aaaaab, aaaaac"):
        games.resume_session("aaaaa")
    with pytest.raises(ReplayError, match="no saved game 'zzz'"):
        games.resume_session("zzz")


def test_a_game_open_in_another_process_is_refused_there(tmp_path: Path) -> None:
    session = _new()
    assert session.autosave_path is not None
    wanted = saves.game_id(session.autosave_path)
    holder = _holder(wanted, tmp_path)
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline()
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert line.startswith("refused: ") and "this game is open in another window" in line
    assert f"(pid {os.getpid()})" in line


def test_two_processes_play_two_games_and_both_survive(tmp_path: Path) -> None:
    mine, theirs = _new(seed=1), _new(seed=2)
    theirs.close()
    assert theirs.autosave_path is not None and mine.autosave_path is not None
    holder = _holder(saves.game_id(theirs.autosave_path), tmp_path)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "opened\n"
        with pytest.raises(GameOpenError, match=rf"\(pid {holder.pid}\)"):
            games.resume_session(saves.game_id(theirs.autosave_path))
        mine.run_ai_until_human()
        mine.play(parse_move("AZ summit KZ"))
        listed = {g.id: g for g in saves.list_games()}
        assert listed[saves.game_id(theirs.autosave_path)].open_by == holder.pid
        with pytest.raises(ReplayError, match="every unfinished game is open in another "
                                              "window"):
            games.resume_session()  # mine is open here, theirs there
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert load_replay(theirs.autosave_path).seed == 2
    assert load_replay(mine.autosave_path).turns[0].steps[-1].move == "AZ summit KZ"
    assert games.resume_session(saves.game_id(theirs.autosave_path)).game.seed == 2


def test_the_single_autosave_of_earlier_versions_becomes_a_game(tmp_path: Path) -> None:
    legacy = tmp_path / "saves" / "autosave.yaml"
    legacy.parent.mkdir()
    legacy.write_bytes((paths.scenarios_dir() / "replays" / "tutorial-demo.yaml").read_bytes())
    [game] = saves.list_games()
    assert not legacy.exists() and game.path.parent == tmp_path / "games"
    assert game.path.name.startswith("autosave-") and game.scenario == "tutorial"


def test_leftover_temporary_files_are_removed_unless_in_use(tmp_path: Path) -> None:
    open_game = _new()
    assert open_game.autosave_path is not None
    games_dir = open_game.autosave_path.parent
    crashed = games_dir / f"{files.temp_prefix('tutorial-20261201-0900-abcdef.yaml')}0123abcd.tmp"
    in_use = games_dir / f"{files.temp_prefix(open_game.autosave_path.name)}9876fedc.tmp"
    older_version = games_dir / ".tutorial-20261201-0900-abcdef.yaml.k3j4.tmp"
    fresh_export = tmp_path / "saves" / ".report.md.q1w2.tmp"
    old_export = tmp_path / "saves" / ".old.md.z9z9.tmp"
    fresh_export.parent.mkdir(exist_ok=True)
    for temp in (crashed, in_use, older_version, fresh_export, old_export):
        temp.write_text("half a file", encoding="utf-8")
    os.utime(old_export, (time.time() - 2 * saves.LEFTOVER_AGE,) * 2)
    assert sorted(p.name for p in saves.clean_leftovers()) == sorted([crashed.name,
                                                                       old_export.name])
    assert in_use.exists() and fresh_export.exists() and older_version.exists()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario_id=st.from_regex(r"[a-z][a-z0-9-]{0,39}", fullmatch=True))
def test_the_temp_file_of_a_held_game_is_kept_whatever_its_name(tmp_path: Path,
                                                               scenario_id: str) -> None:
    """Temporary names are cut to fit, but still tell whose they are: a live game's is
    never removed, however long its scenario id, and a dead one's always is."""
    held = saves.new_game_path(scenario_id)
    dead = saves.new_game_path(scenario_id)
    held.parent.mkdir(exist_ok=True)
    lock = saves.lock_game(held)
    assert lock is not None
    try:
        dead.with_name(dead.name + ".lock").touch()  # played once, closed since
        temps = [files._create_temp(path, path) for path in (held, dead)]
        for fd, _ in temps:
            os.close(fd)
        assert saves.clean_leftovers() == [temps[1][1]]
        assert temps[0][1].exists()
    finally:
        lock.release()
        for path in tmp_path.glob("games/*"):
            path.unlink()


def test_the_saves_command_lists_games_and_problems(tmp_path: Path) -> None:
    runner = CliRunner()
    assert "No saved games" in runner.invoke(main, ["saves"]).output
    session = _new()
    session.run_ai_until_human()
    session.close()
    (tmp_path / "games" / "broken-20261201-0900-zzzzzz.yaml").write_text("seed: [", "utf-8")
    result = runner.invoke(main, ["saves"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert lines[0].split() == ["Id", "Scenario", "Turn", "Players", "Last", "played", "Status"]
    mine = next(line for line in lines if line.startswith(saves.game_id(session.autosave_path
                                                                         or Path())))
    assert "tutorial" in mine and "1 (2021 Q1)" in mine and "AZ Team Baku" in mine
    assert mine.rstrip().endswith("unfinished")
    broken = next(line for line in lines if line.startswith("zzzzzz"))
    assert "unreadable: line 1: invalid YAML" in broken


def test_a_symlinked_lock_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    """A link planted at a game's lock must not get the file it points at truncated."""
    session = _new()
    session.close()
    assert session.autosave_path is not None
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock = session.autosave_path.with_name(session.autosave_path.name + ".lock")
    lock.unlink()
    lock.symlink_to(victim)
    with pytest.raises(LockFileError, match="is a symbolic link, not a regular file") as err:
        games.resume_session(saves.game_id(session.autosave_path))
    with pytest.raises(LockFileError):
        GameLock(session.autosave_path).acquire()
    assert str(err.value).startswith(f"{lock}: error: ")
    assert victim.read_text(encoding="utf-8") == "precious\n" and lock.is_symlink()
    [game] = saves.list_games()
    assert game.problem == "its lock file is a symbolic link, not a regular file"


def test_a_hard_linked_lock_is_not_written(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    save = tmp_path / "games" / "g-20261201-0900-abcdef.yaml"
    save.parent.mkdir()
    os.link(victim, save.with_name(save.name + ".lock"))
    with pytest.raises(LockFileError, match="has other names"):
        GameLock(save).acquire()
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_lock_neither_hangs_saves_nor_resume(tmp_path: Path) -> None:
    """Run in a child process with a timeout: a blocking open would hang it forever."""
    session = _new()
    session.close()
    assert session.autosave_path is not None
    lock = session.autosave_path.with_name(session.autosave_path.name + ".lock")
    lock.unlink()
    os.mkfifo(lock)
    env = {**os.environ, saves.HOME_ENV: str(tmp_path),
           "PYTHONPATH": str(Path(caspian_tabletop.__file__).parents[1])}
    code = "import sys; from caspian_tabletop.cli import main; sys.exit(main())"
    for args in (["saves"], ["play", "--resume", saves.game_id(session.autosave_path)]):
        done = subprocess.run([sys.executable, "-c", code, *args], env=env, timeout=60,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert "Traceback" not in done.stderr
        assert "lock file is a named pipe (FIFO), not a regular file" in (done.stdout
                                                                          + done.stderr)
    assert stat.S_ISFIFO(os.lstat(lock).st_mode)


def test_a_load_refused_for_its_seats_leaves_no_game(tmp_path: Path) -> None:
    """`play --load FILE` with a seat it then refuses: no autosave, no lock, nothing to
    resume."""
    session = _new()
    session.close()
    assert session.autosave_path is not None
    loaded = tmp_path / "loaded.yaml"
    loaded.write_bytes(session.autosave_path.read_bytes())
    before = sorted(p.name for p in (tmp_path / "games").iterdir())
    result = CliRunner().invoke(main, ["play", "--load", str(loaded), "--actor", "XX"])
    assert result.exit_code == 2 and "--actor XX: not in this scenario" in result.output
    ai_only = games.new_session(scenario("tutorial"), TUTORIAL,
                                {a: Seat("ai", "easy") for a in SEATS}, seed=4)
    ai_only.close()
    assert ai_only.autosave_path is not None
    seatless = tmp_path / "ai-only.yaml"
    ai_only.autosave_path.rename(seatless)
    ai_only.autosave_path.with_name(ai_only.autosave_path.name + ".lock").unlink()
    result = CliRunner().invoke(main, ["play", "--load", str(seatless)])
    assert result.exit_code == 2 and "nobody to play" in result.output, result.output
    assert sorted(p.name for p in (tmp_path / "games").iterdir()) == before
