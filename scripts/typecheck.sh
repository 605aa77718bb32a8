#!/usr/bin/env bash
# mypy (strict) on the core: the import package `missio` is the folder core/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/typecheck
ln -sfn ../../core build/typecheck/missio
"${MYPY:-.venv/bin/mypy}" "$@"
