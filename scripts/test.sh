#!/usr/bin/env bash
# `npm test`: every check and every test, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== typecheck" && npm run --silent typecheck
echo "== lint" && npm run --silent lint
echo "== format" && npm run --silent format:check
echo "== unit and Node tests" && npx vitest run
echo "== browser tests (Chromium)" && npx playwright test
