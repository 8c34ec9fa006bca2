"""Golden error texts: `validate` on each invalid fixture prints exactly its `.expected` file.

Regenerate on purpose only, and say why in the commit:
    .venv/bin/python -m pytest tests/golden/test_scenario_errors.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main
from golden_files import Golden

HERE = Path(__file__).parent / "scenario_errors"
REGISTER = "../../fixtures/register.yaml"
CASES = sorted(HERE.glob("*.yaml"))


def _validate(name: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", name, "--register", REGISTER])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 14


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_validate_output(case: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden) -> None:
    monkeypatch.chdir(HERE)
    code, output = _validate(case.name)
    assert code == 1
    golden(case.with_suffix(".expected"), output)


def test_file_over_5_mib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.yaml").write_bytes(b"#" * (5 * 1024 * 1024) + b"\nid: big\n")
    monkeypatch.chdir(HERE)
    code, output = _validate(str(tmp_path / "big.yaml"))
    assert code == 1
    assert (
        output == f"{tmp_path / 'big.yaml'}:1:1: error: file is larger than 5 MiB (5242889 bytes)\n"
    )


def test_missing_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    assert _validate("no-such-file.yaml") == (1, "no-such-file.yaml:1:1: error: file not found\n")


def test_all_problems_of_several_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)
    code, output = _validate("nan.yaml")
    both = CliRunner().invoke(main, ["validate", "nan.yaml", "inf.yaml", "--register", REGISTER])
    assert code == both.exit_code == 1
    assert both.output == output + (HERE / "inf.expected").read_text(encoding="utf-8")
