#!/usr/bin/env bash
# Create or refresh .venv from the committed lock file (idempotent). Used by the other scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${MISSIO_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "missio demande Python 3.11 ou plus récent.")'
stamp="$VENV/.lock-sha"
want="$(sha256sum requirements.lock pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "Installation de l'environnement ($VENV)…" >&2
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
fi
