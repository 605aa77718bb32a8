#!/usr/bin/env bash
# Install (first run only) and run missio on the bundled example: summary, then the acts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/missio evaluate examples/caesm-montmagny.json --policy plugins/collectivite_custom/politiques/caesm.yaml
echo
.venv/bin/missio render examples/caesm-montmagny.json --policy plugins/collectivite_custom/politiques/caesm.yaml --out sortie/caesm-montmagny "$@"
