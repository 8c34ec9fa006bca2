#!/usr/bin/env bash
# Installs the project with its test, research and scale extras into .venv, then runs lint, types and
# the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,rl,openspiel,scale]'
.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest -n 2 "$@"
