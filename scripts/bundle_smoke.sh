#!/usr/bin/env bash
# The built bundle's test (CI, and the release checklist): the app's smoke test, then the
# frozen command line. Fails on the first thing missing. Usage: bash scripts/bundle_smoke.sh [dist/jamsos]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:-dist/jamsos}
export QT_QPA_PLATFORM=offscreen
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' jamsos_desktop/__init__.py)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

out=$("$bundle/jamsos-desktop" --smoke-test 2>&1) || { echo "$out"; echo "bundle smoke test: FAILED" >&2; exit 1; }
echo "$out"
grep -q "^JAMSOS SMOKE TEST OK" <<<"$out" || { echo "bundle smoke test: no OK marker" >&2; exit 1; }

got=$("$bundle/jamsos" --version)
[ "$got" = "jamsos $version" ] || { echo "jamsos --version said '$got', not 'jamsos $version'" >&2; exit 1; }
echo "$got"
# The command line on a real (temporary) data folder: init, then doctor's integrity check.
export JAMSOS_PASSWORD=smoke-test-123 JAMSOS_HEAD_PASSWORD=smoke-test-123
"$bundle/jamsos" --data-dir "$data" init --village 32.04.05.2005 --head "Hj. Siti Smoke" >/dev/null
"$bundle/jamsos" --data-dir "$data" doctor
echo "bundle smoke test: OK ($bundle)"
