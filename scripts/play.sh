#!/usr/bin/env bash
# Installs the project into .venv and starts the game on the bundled default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/caspian-tabletop "$@"
