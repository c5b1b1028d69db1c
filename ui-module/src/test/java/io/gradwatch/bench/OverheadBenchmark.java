package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.StepReport;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Training overhead of gradwatch against no listener, a listener that does nothing and DL4J's StatsListener,
 * on a set of models, measured in one JVM with the configurations interleaved: every round trains each
 * configuration's own copy of a model for a block of iterations, in rotating order, so drift and noise hit
 * all alike. The timed part of a block is training; the analysis thread's backlog at its end (at most the
 * queue's few snapshots, which a run's close() waits for once) is then waited for outside it, so that it
 * neither counts nor slows the next configuration's block. Whatever the analysis costs training while it
 * runs (the training thread's copies, waiting for a queue slot, two threads sharing the machine) is timed.
 * Ratios are per-round ratios to the no-listener block of the same round; the table prints their median
 * and, in brackets, the quartiles.
 *
 * <p>The floor is the least any monitor that reports the gradient, the update and the weights of every iteration
 * must do: read each once, in bulk, where it exists (the gradient at onGradientCalculation, before the updater;
 * the update and the weights at iterationDone, after it), and nothing else. The team's budget for "everything
 * every iteration" is within {@value #FLOOR_BUDGET}x of it; the last column prints that ratio from the same
 * rounds.
 *
 * <p>Both gradwatch configurations publish what a user's one line does: DL4J's UI (Gradients page records and
 * DL4J-format records, served on a free port) and TensorBoard event files (in a temporary directory).
 *
 * <pre>mvn -B -q -pl ui-module -am test -DskipTests -Dbench=OverheadBenchmark [-Dbench.args="rounds block [first-n-models]"]
 * mvn -B -q -pl ui-module -am test -DskipTests -Dbench=OverheadBenchmark -Dbench.threads=2   # ND4J's default here</pre>
 */
public final class OverheadBenchmark {

    /** One configuration: the listener for a model (null: none), and every how many iterations it reports. */
    private record Config(String name, int reportEvery, Function<Path, TrainingListener> listener) {
    }

    private static final int EVERY_DEFAULT = 10;
    private static final String FLOOR = "floor: read gradient, update, weights";
    private static final String EVERYTHING = "gradwatch everything every iteration";
    private static final double FLOOR_BUDGET = 1.05;
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AtomicLong reports = new AtomicLong();
    private final AtomicReference<StepReport> lastEverything = new AtomicReference<>();

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (block % EVERY_DEFAULT != 0) {
            throw new IllegalArgumentException("block " + block + ": must be a multiple of " + EVERY_DEFAULT
                    + " so that every block holds the same number of sampled iterations");
        }
        System.out.printf("gradwatch overhead benchmark: OMP_NUM_THREADS=%s, ND4J max master threads %d, "
                        + "%d cores; %d rounds x %d iterations per configuration and model%n",
                System.getenv("OMP_NUM_THREADS"), Nd4j.getEnvironment().maxMasterThreads(),
                Runtime.getRuntime().availableProcessors(), rounds, block);
        List<BenchModels.Bench> models = List.of(BenchModels.referenceMlp(), BenchModels.leNet(), BenchModels.alexNet(),
                BenchModels.residualGraph(), BenchModels.lstm());
        int count = args.length > 2 ? Integer.parseInt(args[2]) : models.size();
        new OverheadBenchmark().runAll(models.subList(0, count), rounds, block);
    }

    private List<Config> configs() {
        return List.of(
                new Config("no listener", 0, dir -> null),
                new Config("a listener that does nothing", 0, dir -> new BaseTrainingListener() { }),
                new Config(FLOOR, 0, dir -> new FloorListener()),
                new Config("gradwatch default", EVERY_DEFAULT, dir -> GradWatch.builder().ui(0)
                        .tensorBoard(dir.resolve("default")).onReport(r -> reports.incrementAndGet()).build()),
                new Config("gradwatch default + recover()", EVERY_DEFAULT, dir -> GradWatch.builder().ui(0)
                        .tensorBoard(dir.resolve("recover")).recover().onReport(r -> reports.incrementAndGet())
                        .build()),
                new Config(EVERYTHING, 1, dir -> GradWatch.builder().every(1)
                        .histogramsEvery(1).ui(0).tensorBoard(dir.resolve("everything")).onReport(r -> {
                            lastEverything.set(r);
                            reports.incrementAndGet();
                        }).build()),
                new Config("StatsListener default", 0, dir -> new StatsListener(new InMemoryStatsStorage())));
    }

    private void runAll(List<BenchModels.Bench> models, int rounds, int block) throws IOException {
        List<String> names = configs().stream().map(Config::name).toList();
        System.out.printf("%n| model | parameters | no listener ms/iteration | %s | gradwatch training-thread "
                        + "ms/iteration, everything (ms waited for a queue slot, in all) | everything / floor "
                        + "(budget %.2fx) |%n",
                String.join(" | ", names.subList(1, names.size())), FLOOR_BUDGET);
        System.out.printf("|---|---|---|%s---|---|%n", "---|".repeat(names.size() - 1));
        for (BenchModels.Bench b : models) {
            run(b, rounds, block);
        }
        System.out.println("\nRatios: median over rounds of (configuration / no listener in the same round), "
                + "quartiles in brackets.");
    }

    private void run(BenchModels.Bench b, int rounds, int block) throws IOException {
        Path dir = Files.createTempDirectory("gradwatch-overhead");
        List<Config> configs = configs();
        List<Model> nets = new ArrayList<>();
        List<TrainingListener> listeners = new ArrayList<>();
        for (Config c : configs) {
            Model net = b.model().get();
            TrainingListener l = c.listener().apply(dir);
            if (l != null) {
                net.addListeners(l);
            }
            nets.add(net);
            listeners.add(l);
        }
        for (int i = 0; i < configs.size(); i++) { // warm-up: JIT, workspaces, first-report set-up
            trainBlock(nets.get(i), configs.get(i), b, 2 * block);
        }
        lastEverything.set(null);
        double[][] msPerIteration = new double[configs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = (k + r) % configs.size();
                msPerIteration[i][r] = trainBlock(nets.get(i), configs.get(i), b, block) / 1e6 / block;
            }
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.2f |", b.name(),
                nets.get(0).numParams(), median(msPerIteration[0])));
        for (int i = 1; i < configs.size(); i++) {
            row.append(ratioCell(msPerIteration[i], msPerIteration[0]));
        }
        StepReport last = lastEverything.get();
        if (last != null) {
            Overhead o = last.overhead();
            row.append(String.format(Locale.ROOT, " %.2f (%.2f) |", o.trainingThreadMillis(), o.backpressureMillis()));
        } else {
            row.append(" - |");
        }
        List<String> names = configs.stream().map(Config::name).toList();
        row.append(ratioCell(msPerIteration[names.indexOf(EVERYTHING)], msPerIteration[names.indexOf(FLOOR)]));
        System.out.println(row);
        System.out.flush();
        for (TrainingListener l : listeners) {
            if (l instanceof GradWatchListener g) {
                g.close();
            }
        }
    }

    /**
     * Trains {@code iterations} and returns how long that took in nanoseconds; then, for gradwatch, waits until
     * their sampled iterations are reported.
     */
    private long trainBlock(Model net, Config config, BenchModels.Bench b, int iterations) {
        long expected = reports.get() + (config.reportEvery() == 0 ? 0 : iterations / config.reportEvery());
        long t0 = System.nanoTime();
        BenchModels.train(net, b.batch(), iterations);
        long elapsed = System.nanoTime() - t0;
        long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
        while (reports.get() < expected) {
            if (System.nanoTime() > deadline) {
                System.out.printf("(%s: %d reports still missing after 30 s; counted as they stand)%n",
                        config.name(), expected - reports.get());
                reports.set(expected);
                break;
            }
            LockSupport.parkNanos(100_000);
        }
        return elapsed;
    }

    /** The median over rounds of {@code ms[r] / baseline[r]}, quartiles in brackets. */
    private static String ratioCell(double[] ms, double[] baseline) {
        double[] ratios = new double[ms.length];
        for (int r = 0; r < ms.length; r++) {
            ratios[r] = ms[r] / baseline[r];
        }
        Arrays.sort(ratios);
        return String.format(Locale.ROOT, " %.3fx (%.3f-%.3f) |", median(ratios), quantile(ratios, 0.25),
                quantile(ratios, 0.75));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear-interpolation quantile of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The floor: reads the gradient before the updater, the update and the weights after it, each once, in bulk into
     * an array it keeps, every iteration; nothing else (no statistics, no queue, no sink).
     */
    static final class FloorListener extends BaseTrainingListener {

        private float[] gradient = new float[0];
        private float[] update = new float[0];
        private float[] weights = new float[0];

        @Override
        public void onGradientCalculation(Model model) {
            gradient = readInBulk(flattenedGradients(model), gradient);
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            update = readInBulk(flattenedGradients(model), update); // the updater has turned it into the update
            weights = readInBulk(model.params(), weights);
        }

        private static INDArray flattenedGradients(Model model) {
            return model instanceof ComputationGraph g ? g.getFlattenedGradients()
                    : ((MultiLayerNetwork) model).getFlattenedGradients();
        }

        /** One bulk read of a contiguous float array into {@code into} (grown once if too small). */
        private static float[] readInBulk(INDArray a, float[] into) {
            if (a.dataType() != DataType.FLOAT || a.elementWiseStride() != 1 || !a.isVector() && a.ordering() != 'c') {
                throw new IllegalStateException("the floor reads contiguous float32 arrays; got " + a.shapeInfoToString());
            }
            int n = Math.toIntExact(a.length());
            float[] out = into.length >= n ? into : new float[n];
            FloatBuffer buffer = a.data().asNioFloat();
            buffer.position(Math.toIntExact(a.offset()));
            buffer.get(out, 0, n);
            return out;
        }
    }
}
