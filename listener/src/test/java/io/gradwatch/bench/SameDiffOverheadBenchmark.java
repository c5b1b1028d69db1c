package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.ReferenceMlp;
import io.gradwatch.testing.SameDiffMlp;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Training overhead of gradwatch on the reference MLP written in SameDiff, against no listener and
 * against a listener that does nothing (SameDiff's own cost of having a listener), interleaved in one
 * JVM like {@link OverheadBenchmark}: per-round ratios to the no-listener block, then the median.
 *
 * <pre>OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.SameDiffOverheadBenchmark [-Dexec.args="rounds block"]</pre>
 */
public final class SameDiffOverheadBenchmark {

    private record Config(String name, Supplier<Listener> listener) {
    }

    private static volatile StepReport lastReport;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String threads = System.getenv("OMP_NUM_THREADS");
        System.out.printf("gradwatch SameDiff overhead benchmark: reference MLP 784-512-256-128-64-32-16-10 sigmoid in "
                + "SameDiff, batch 128, SGD 0.1; OMP_NUM_THREADS=%s; %d rounds x %d iterations per configuration%n",
                threads, rounds, block);
        if (!"1".equals(threads)) {
            System.out.println("WARNING: set OMP_NUM_THREADS=1; with 2 OpenMP threads these machines are ~3x slower and noisy");
        }
        List<Config> configs = List.of(
                new Config("no listener", () -> null),
                new Config("a listener that does nothing", SameDiffOverheadBenchmark::noOp),
                new Config("gradwatch default (every 10, histograms every 100)", () -> GradWatch.builder().build()),
                new Config("gradwatch everything every iteration", () -> GradWatch.builder().every(1).histogramsEvery(1)
                        .onReport(r -> lastReport = r).build()));
        List<DataSet> data = ReferenceMlp.randomBatches(7, 20, 128);
        List<SameDiff> graphs = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (Config c : configs) {
            SameDiff sd = SameDiffMlp.build(ReferenceMlp.Init.XAVIER, SameDiffMlp.Activation.SIGMOID, new Sgd(0.1), 0,
                    42);
            Listener l = c.listener().get();
            if (l != null) {
                sd.addListeners(l);
            }
            graphs.add(sd);
            listeners.add(l);
        }
        for (int i = 0; i < configs.size(); i++) { // warm-up: JIT, workspaces, first-report set-up
            train(graphs.get(i), data, 2 * block);
        }
        double[][] msPerIteration = new double[configs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = (k + r) % configs.size();
                long t0 = System.nanoTime();
                train(graphs.get(i), data, block);
                if (listeners.get(i) instanceof GradWatchListener g) {
                    g.flush(); // the analysis thread's backlog counts against its own configuration
                }
                msPerIteration[i][r] = (System.nanoTime() - t0) / 1e6 / block;
            }
        }
        System.out.printf("%n| configuration | ms/iteration (median) | ratio to no listener (median of rounds) |%n");
        System.out.printf("|---|---|---|%n");
        for (int i = 0; i < configs.size(); i++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = msPerIteration[i][r] / msPerIteration[0][r];
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.3fx |%n", configs.get(i).name(), median(msPerIteration[i]),
                    median(ratios));
        }
        StepReport last = lastReport;
        if (last != null) {
            System.out.printf(Locale.ROOT, "%ngradwatch's self-reported cost, everything every iteration: %.3f ms on the "
                            + "training thread per report (%.1f%% of wall time), %.2f ms on its analysis thread%n",
                    last.overhead().trainingThreadMillis(), 100 * last.overhead().overheadFraction(),
                    last.overhead().analysisMillis());
        }
        for (Listener l : listeners) {
            if (l instanceof GradWatchListener g) {
                g.close();
            }
        }
    }

    private static Listener noOp() {
        return new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return operation == Operation.TRAINING;
            }
        };
    }

    private static void train(SameDiff sd, List<DataSet> data, int iterations) {
        for (int i = 0; i < iterations; i++) {
            sd.fit(data.get(i % data.size()));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
