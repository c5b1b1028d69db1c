package io.gradwatch.bench;

import io.gradwatch.stats.Statistics;

import java.util.Locale;
import java.util.Random;

/**
 * Cost of gradwatch's statistics pass over an array the size of the reference MLP's whole gradient
 * (575,050 values), with and without the histogram. Not a test: prints milliseconds per pass.
 *
 * <pre>mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.StatisticsBenchmark</pre>
 */
public final class StatisticsBenchmark {

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) {
        float[] values = new float[575_050];
        Random r = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextGaussian() * Math.pow(10, -3 - r.nextInt(5)));
        }
        double sink = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int reps = 200;
            for (int i = 0; i < reps; i++) {
                sink += Statistics.analyse(values, 0, values.length, 1f / 128, false).stats().rms();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += Statistics.analyse(values, 0, values.length, 1f / 128, true).histogram().finiteCount();
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: statistics %.3f ms/pass, statistics + histogram %.3f ms/pass "
                    + "(575,050 values)%n", round, (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps);
        }
        System.out.println(sink > 0 ? "" : " ");
    }
}
