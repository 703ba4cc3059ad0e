#!/usr/bin/env bash
# Runs Plenum's whole test suite: unit, property/fuzz (regression mode) and end-to-end browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
plenum_find_jdk
plenum_need_maven
plenum_need_chromium
plenum_need_axe
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mvn -B -ntp verify "$@"
