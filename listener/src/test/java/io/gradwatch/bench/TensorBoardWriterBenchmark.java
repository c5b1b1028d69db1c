package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark (a program, not a test) of what {@code tensorBoard(...)} costs training (the writer's own
 * throughput: {@code io.gradwatch.tensorboard.WriterThroughputBenchmark}). Run from the repository
 * root with one OpenMP thread:
 *
 * <pre>
 * OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.TensorBoardWriterBenchmark
 * </pre>
 *
 * <ol>
 *   <li>Training overhead: the reference MLP 784-512-256-128-64-32-16-10 (sigmoid, softmax, SGD 0.1,
 *       batch 128, random data), trained without a listener, with gradwatch's defaults and no sink,
 *       and with gradwatch's defaults plus {@code tensorBoard(dir)}, interleaved round by round in one
 *       JVM so that machine noise hits all three alike; the median per-iteration time of each.</li>
 * </ol>
 */
public final class TensorBoardWriterBenchmark {

    private static final int ROUNDS = Integer.getInteger("rounds", 30);
    private static final int ITERATIONS_PER_ROUND = Integer.getInteger("iterations", 20);

    private TensorBoardWriterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", cores="
                + Runtime.getRuntime().availableProcessors());
        Path tmp = Files.createTempDirectory("gradwatch-tb-bench");
        trainingOverhead(tmp);
        System.exit(0);
    }

    private static void trainingOverhead(Path tmp) {
        DataSet batch = randomBatch(128);
        Map<String, MultiLayerNetwork> nets = new TreeMap<>();
        nets.put("1 no listener", referenceMlp());
        MultiLayerNetwork plain = referenceMlp();
        GradWatchListener plainListener = GradWatch.builder().build();
        plain.addListeners(plainListener);
        nets.put("2 gradwatch defaults, no sink", plain);
        MultiLayerNetwork tb = referenceMlp();
        GradWatchListener tbListener = GradWatch.builder().tensorBoard(tmp.resolve("runs/bench")).build();
        tb.addListeners(tbListener);
        nets.put("3 gradwatch defaults + tensorBoard(dir)", tb);

        for (MultiLayerNetwork net : nets.values()) { // warm-up
            for (int i = 0; i < 50; i++) {
                net.fit(batch);
            }
        }
        List<String> names = new ArrayList<>(nets.keySet());
        Map<String, List<Double>> perIteration = new TreeMap<>();
        Map<String, List<Double>> ratios = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Double> thisRound = new TreeMap<>();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((round + k) % names.size()); // rotate the order: no variant always first
                MultiLayerNetwork net = nets.get(name);
                long start = System.nanoTime();
                for (int i = 0; i < ITERATIONS_PER_ROUND; i++) {
                    net.fit(batch);
                }
                double ms = (System.nanoTime() - start) / 1e6 / ITERATIONS_PER_ROUND;
                perIteration.computeIfAbsent(name, n -> new ArrayList<>()).add(ms);
                thisRound.put(name, ms);
            }
            double base = thisRound.get(names.get(0));
            thisRound.forEach((name, ms) -> ratios.computeIfAbsent(name, n -> new ArrayList<>()).add(ms / base));
        }
        tbListener.close();
        plainListener.close();
        System.out.printf(Locale.ROOT, "training: reference MLP 784-512-256-128-64-32-16-10 sigmoid, SGD 0.1, batch 128, "
                + "%d rounds x %d iterations per variant, interleaved (order rotated)%n", ROUNDS, ITERATIONS_PER_ROUND);
        perIteration.forEach((name, ms) -> System.out.printf(Locale.ROOT,
                "training: %-42s median %.2f ms/it, min %.2f ms/it, median per-round ratio to no listener %.3fx%n",
                name, median(ms), ms.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                median(ratios.get(name))));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static MultiLayerNetwork referenceMlp() {
        int[] sizes = {784, 512, 256, 128, 64, 32, 16};
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list();
        for (int i = 0; i + 1 < sizes.length; i++) {
            b.layer(new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(Activation.SIGMOID).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(10)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static DataSet randomBatch(int size) {
        Nd4j.getRandom().setSeed(42);
        var x = Nd4j.rand(DataType.FLOAT, size, 784);
        var y = Nd4j.zeros(DataType.FLOAT, size, 10);
        for (int i = 0; i < size; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return new DataSet(x, y);
    }
}
