#!/usr/bin/env bash
# Install (first run only) and run missio on the bundled example: summary, then the acts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/missio evaluate examples/caesm-montmagny.json
echo
.venv/bin/missio render examples/caesm-montmagny.json --out sortie/caesm-montmagny "$@"
