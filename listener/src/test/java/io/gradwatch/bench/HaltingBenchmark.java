package io.gradwatch.bench;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.ReferenceMlp;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code haltOnNonFinite} costs: the reference MLP (575,050 parameters, batch 128) trained with
 * gradwatch's defaults, with and without the per-iteration non-finite check, interleaved in rounds in
 * one JVM (per-round ratios to the check-off block, then the median). Also times the scan alone.
 *
 * <pre>OMP_NUM_THREADS=1 mvn -q -pl listener test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.gradwatch.bench.HaltingBenchmark [-Dexec.args="rounds block"]</pre>
 */
public final class HaltingBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.printf("haltOnNonFinite cost: reference MLP, batch 128, SGD 0.1; OMP_NUM_THREADS=%s; %d rounds x %d "
                + "iterations%n", System.getenv("OMP_NUM_THREADS"), rounds, block);
        Path dir = Files.createTempDirectory("gradwatch-halting-bench");
        List<DataSet> data = ReferenceMlp.randomBatches(7, 20, 128);
        String[] names = {"no listener", "gradwatch default", "gradwatch default + haltOnNonFinite"};
        List<MultiLayerNetwork> nets = new ArrayList<>();
        List<GradWatchListener> listeners = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            MultiLayerNetwork net = ReferenceMlp.build(ReferenceMlp.Init.XAVIER, Activation.SIGMOID, new Sgd(0.1), 0, 42);
            GradWatchListener l = i == 0 ? null : i == 1 ? GradWatch.builder().build()
                    : GradWatch.builder().haltOnNonFinite(dir.resolve("checkpoint.zip")).build();
            if (l != null) {
                net.addListeners(l);
            }
            nets.add(net);
            listeners.add(l);
        }
        for (MultiLayerNetwork net : nets) {
            train(net, data, 3 * block);
        }
        double[][] ms = new double[names.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.length; k++) {
                int i = (k + r) % names.length;
                long t0 = System.nanoTime();
                train(nets.get(i), data, block);
                if (listeners.get(i) != null) {
                    listeners.get(i).flush();
                }
                ms[i][r] = (System.nanoTime() - t0) / 1e6 / block;
            }
        }
        for (int i = 0; i < names.length; i++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ms[i][r] / ms[1][r];
            }
            System.out.printf(Locale.ROOT, "%-40s %7.2f ms/iteration (median)  x%.3f of gradwatch default%n", names[i],
                    median(ms[i]), median(ratio));
        }
        listeners.forEach(l -> {
            if (l != null) {
                l.close();
            }
        });
        ScanTiming.print(nets.get(2));
    }

    private static void train(MultiLayerNetwork net, List<DataSet> data, int iterations) {
        for (int i = 0; i < iterations; i++) {
            net.fit(data.get(i % data.size()));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
