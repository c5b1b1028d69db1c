package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.StepReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Training overhead of gradwatch against no listener and DL4J's StatsListener, on a set of models, measured
 * in one JVM with the configurations interleaved: every round trains each configuration's own copy of a
 * model for a block of iterations, in rotating order, so drift and noise hit all alike. Ratios are per-round
 * ratios to the no-listener block of the same round, then the median. Prints ND4J's thread settings: run it
 * once with {@code OMP_NUM_THREADS=1} and once without (ND4J's default thread count).
 *
 * <pre>OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.OverheadBenchmark [-Dexec.args="rounds block [first-n-models]"]</pre>
 */
public final class OverheadBenchmark {

    private record Config(String name, Supplier<TrainingListener> listener) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.printf("gradwatch overhead benchmark: OMP_NUM_THREADS=%s, ND4J max master threads %d, "
                        + "%d cores; %d rounds x %d iterations per configuration and model%n",
                System.getenv("OMP_NUM_THREADS"), Nd4j.getEnvironment().maxMasterThreads(),
                Runtime.getRuntime().availableProcessors(), rounds, block);
        List<Config> configs = List.of(
                new Config("no listener", () -> null),
                new Config("gradwatch default", () -> GradWatch.builder().build()),
                new Config("gradwatch everything every iteration", () -> GradWatch.builder().every(1).histogramsEvery(1)
                        .onReport(OverheadBenchmark::keepLast).build()),
                new Config("StatsListener default", () -> new StatsListener(new InMemoryStatsStorage())));
        System.out.printf("%n| model | parameters | no listener ms/iteration | %s |%n",
                String.join(" | ", configs.subList(1, configs.size()).stream().map(Config::name).toList()));
        System.out.printf("|---|---|---|%s%n", "---|".repeat(configs.size() - 1));
        List<BenchModels.Bench> models = List.of(BenchModels.referenceMlp(), BenchModels.leNet(), BenchModels.alexNet(),
                BenchModels.residualGraph(), BenchModels.lstm());
        int count = args.length > 2 ? Integer.parseInt(args[2]) : models.size();
        for (BenchModels.Bench b : models.subList(0, count)) {
            run(b, configs, rounds, block);
        }
        StepReport last = lastReport;
        if (last != null) {
            System.out.printf(Locale.ROOT, "%ngradwatch's self-reported cost on the last model, everything every "
                            + "iteration: %.3f ms on the training thread per report (%.1f%% of wall time), %.2f ms "
                            + "on its analysis thread%n", last.overhead().trainingThreadMillis(),
                    100 * last.overhead().overheadFraction(), last.overhead().analysisMillis());
        }
    }

    private static void run(BenchModels.Bench b, List<Config> configs, int rounds, int block) {
        List<Model> nets = new ArrayList<>();
        List<TrainingListener> listeners = new ArrayList<>();
        for (Config c : configs) {
            Model net = b.model().get();
            TrainingListener l = c.listener().get();
            if (l != null) {
                net.addListeners(l);
            }
            nets.add(net);
            listeners.add(l);
        }
        for (Model net : nets) { // warm-up: JIT, workspaces, first-report set-up
            BenchModels.train(net, b.batch(), 2 * block);
        }
        double[][] msPerIteration = new double[configs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = (k + r) % configs.size();
                long t0 = System.nanoTime();
                BenchModels.train(nets.get(i), b.batch(), block);
                if (listeners.get(i) instanceof GradWatchListener g) {
                    g.flush(); // the analysis thread's backlog counts against its own configuration
                }
                msPerIteration[i][r] = (System.nanoTime() - t0) / 1e6 / block;
            }
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.2f |", b.name(),
                nets.get(0).numParams(), median(msPerIteration[0])));
        for (int i = 1; i < configs.size(); i++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = msPerIteration[i][r] / msPerIteration[0][r];
            }
            row.append(String.format(Locale.ROOT, " %.3fx |", median(ratios)));
        }
        System.out.println(row);
        System.out.flush();
        for (TrainingListener l : listeners) {
            if (l instanceof GradWatchListener g) {
                g.close();
            }
        }
    }

    private static volatile StepReport lastReport;

    private static void keepLast(StepReport r) {
        lastReport = r;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
