package io.gradwatch.ui;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.report.Verdict;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.model.Xception;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic runs for the page's hard cases, published straight into a sink (fast: no training): a run whose
 * every layer dies (exact-zero gradients after its first report), DL4J's zoo Xception (81 layers with
 * parameters, names from the zoo's configuration, no weights), an 11-layer MLP beside a 4-layer CNN, and a
 * sweep of many runs.
 */
final class PageScenarios {

    static final int ITERATIONS = 20;
    private static final long T0 = 1_800_000_000_000L;

    /** The gradient RMS of layer {@code k} of {@code n} at iteration {@code i}. */
    interface Profile {
        double rms(int k, int n, int i);
    }

    private PageScenarios() {
    }

    /** Every layer's gradient is exactly 0 after iteration 0 (all units dead), with an all-zero verdict. */
    static void allDead(ReportSink sink, String name) {
        Verdict v = new Verdict(Verdict.Problem.ALL_ZERO_GRADIENT, Verdict.Severity.WARNING, "dense0", "W", 1, 1.0,
                "dense0/W gradient is exactly 0");
        publish(sink, name, names("dense", 5), 0, hyperparameters("relu", "Sgd", 10.0),
                (k, n, i) -> i == 0 ? 1e-3 : 0.0, List.of(v));
    }

    /** Xception's 81 layers with parameters, in network order, gradient shrinking gently towards the input. */
    static List<String> xceptionLayers() {
        ComputationGraphConfiguration conf = Xception.builder().numClasses(10).build().graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(299, 299, 3)).build();
        ComputationGraph graph = new ComputationGraph(conf); // no init(): no parameters are allocated
        graph.topologicalSortOrder();
        List<String> out = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            if (conf.getVertices().get(name) instanceof LayerVertex v) {
                Layer l = v.getLayerConf().getLayer();
                if (l.initializer().numParams(l) > 0) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    static void xception(ReportSink sink, String name, List<String> layers) {
        publish(sink, name, layers, 1, hyperparameters("relu", "Adam", 1e-3),
                (k, n, i) -> Math.pow(10, -2 - 2.0 * (n - 1 - k) / n) * (1 + 0.1 * Math.sin(i + k)), List.of());
    }

    static void mlpBesideCnn(ReportSink sink) {
        publish(sink, "mlp_11", names("dense", 11), 2, hyperparameters("sigmoid", "Sgd", 0.1),
                (k, n, i) -> Math.pow(10, -3 - 0.4 * (n - 1 - k)), List.of());
        publish(sink, "cnn_4", List.of("conv0", "conv1", "dense", "out"), 3, hyperparameters("relu", "Adam", 1e-3),
                (k, n, i) -> Math.pow(10, -2.5 - 0.2 * (n - 1 - k)), List.of());
    }

    /** {@code runs} runs of a learning-rate sweep, named sweep_00 ...; the larger rates end with a lower loss. */
    static void sweep(ReportSink sink, int runs) {
        for (int r = 0; r < runs; r++) {
            double lr = Math.pow(10, -4 + 3.0 * r / runs);
            publish(sink, String.format("sweep_%02d", r), names("layer", 4), 10 + r, hyperparameters("relu", "Sgd", lr),
                    (k, n, i) -> lr * Math.pow(10, -1 - 0.3 * (n - 1 - k)), List.of());
        }
    }

    private static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(prefix + k);
        }
        return out;
    }

    private static Map<String, Object> hyperparameters(String activation, String updater, double lr) {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("activation", activation);
        hp.put("updater", updater);
        hp.put("learning_rate", lr);
        return hp;
    }

    private static void publish(ReportSink sink, String name, List<String> layers, int order, Map<String, Object> hp,
                                Profile profile, List<Verdict> verdicts) {
        long start = T0 + order * 100_000L;
        int n = layers.size();
        List<LayerInfo> infos = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            infos.add(new LayerInfo(layers.get(k), k, "DenseLayer", String.valueOf(hp.get("activation")), List.of(
                    new LayerInfo.ParameterInfo("W", 64, List.of(8L, 8L)),
                    new LayerInfo.ParameterInfo("b", 8, List.of(1L, 8L)))));
        }
        sink.start(new SessionInfo(name, "0", start, "ComputationGraph", infos, GradientScale.MEAN_LOSS, hp, "{}"));
        for (int i = 0; i < ITERATIONS; i++) {
            List<ParameterReport> ps = new ArrayList<>();
            List<ActivationReport> as = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double rms = profile.rms(k, n, i);
                for (String p : new String[]{"W", "b"}) {
                    long count = p.equals("W") ? 64 : 8;
                    ps.add(new ParameterReport(layers.get(k), p, k, SyntheticReports.stats(count, rms, 0, 0),
                            SyntheticReports.stats(count, rms * 0.1, 0, 0), SyntheticReports.stats(count, 0.05, 0, 0),
                            rms * 2, null, null, null));
                }
            }
            Diagnosis d = verdicts.isEmpty() || i < 2 ? Diagnosis.none()
                    : new Diagnosis(verdicts, i == 2 ? verdicts : List.of(), List.of());
            double loss = 2.3 * Math.exp(-i * (order % 7 + 1) / 40.0);
            sink.publish(new StepReport(name, "0", i, 0, start + i * 10L, loss, 32, GradientScale.MEAN_LOSS, 1e-3, ps,
                    as, false, new Overhead(0.5, 0.3, 0.01, 0, 0), d));
        }
        sink.metric(new UserMetric(name, "0", "validation/accuracy", ITERATIONS - 1, 0, start + ITERATIONS * 10L,
                0.1 + 0.04 * (order % 20)));
    }
}
