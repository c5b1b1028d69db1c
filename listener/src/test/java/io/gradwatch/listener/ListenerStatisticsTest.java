package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceCapture;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gradwatch's reports against values computed in the test with plain loops over arrays that DL4J's
 * own per-variable API returned (see {@link ReferenceCapture}), on every kind of network.
 */
class ListenerStatisticsTest {

    private static final int STEPS = 3;

    @Test
    void multiLayerNetwork_everyStatisticMatchesPlainLoopsOverDl4jViews() {
        MultiLayerNetwork net = TestNetworks.mlp(7);
        DataSet data = TestNetworks.data(7, 24, 12, 3);
        Trained t = train(net, n -> net.fit(data));
        assertEquals(List.of("layer0/W", "layer0/b", "layer1/W", "layer1/b", "layer2/W", "layer2/b"),
                t.sink.reports.get(0).parameters().stream().map(ParameterReport::name).toList());
        checkAll(t, true);
        // MultiLayerNetwork passes the input and every hidden output to onForwardPass (not the output layer's)
        StepReport first = t.sink.reports.get(0);
        assertEquals(List.of("layer0", "layer1"), first.activations().stream().map(ActivationReport::layer).toList());
        for (int s = 0; s < STEPS; s++) {
            ReferenceCapture.Step ref = t.ref.steps.get(s);
            StepReport r = t.sink.reports.get(s);
            checkActivation(r.activations().get(0), ref.activations.get("1"), ref.batchSize, "relu");
            checkActivation(r.activations().get(1), ref.activations.get("2"), ref.batchSize, "sigmoid");
        }
    }

    @Test
    void computationGraph_everyStatisticMatchesPlainLoopsOverDl4jViews() {
        ComputationGraph graph = TestNetworks.graph(3);
        DataSet data = TestNetworks.data(3, 20, 12, 3);
        Trained t = train(graph, n -> graph.fit(data));
        assertEquals(List.of("hidden/W", "hidden/b", "bn/gamma", "bn/beta", "bn/mean", "bn/log10stdev", "out/W", "out/b"),
                t.sink.reports.get(0).parameters().stream().map(ParameterReport::name).toList());
        checkAll(t, false);
        for (int s = 0; s < STEPS; s++) {
            StepReport r = t.sink.reports.get(s);
            ActivationReport hidden = r.activations().stream().filter(a -> a.layer().equals("hidden")).findFirst()
                    .orElseThrow();
            checkActivation(hidden, t.ref.steps.get(s).activations.get("hidden"), t.ref.steps.get(s).batchSize, "tanh");
        }
    }

    @Test
    void convolutionalNetwork_skipsPoolingAndMatchesPlainLoops() {
        MultiLayerNetwork net = TestNetworks.conv(5);
        DataSet data = TestNetworks.images(5, 16, 3);
        Trained t = train(net, n -> net.fit(data));
        List<String> names = t.sink.reports.get(0).parameters().stream().map(ParameterReport::name).toList();
        assertEquals(List.of("layer0/b", "layer0/W", "layer2/gamma", "layer2/beta", "layer2/mean", "layer2/log10stdev",
                "layer3/W", "layer3/b"), names, "DL4J order and keys; the pooling layer has no parameters and is skipped");
        checkAll(t, true);
        ReferenceCapture.Step ref = t.ref.steps.get(0);
        checkActivation(t.sink.reports.get(0).activations().get(0), ref.activations.get("1"), ref.batchSize, "relu");
    }

    @Test
    void lstm_recurrentWeightsAreReportedUnderDl4jKeys() {
        MultiLayerNetwork net = TestNetworks.lstm(9);
        DataSet data = TestNetworks.sequences(9, 8);
        Trained t = train(net, n -> net.fit(data));
        assertEquals(List.of("layer0/W", "layer0/RW", "layer0/b", "layer1/W", "layer1/b"),
                t.sink.reports.get(0).parameters().stream().map(ParameterReport::name).toList());
        checkAll(t, true);
    }

    @Test
    void layersPattern_limitsParametersButTotalNormCoversAll() {
        MultiLayerNetwork net = TestNetworks.mlp(11);
        DataSet data = TestNetworks.data(11, 24, 12, 3);
        RecordingSink all = new RecordingSink();
        RecordingSink some = new RecordingSink();
        GradWatchListener everything = GradWatch.builder().every(1).sink(all).build();
        GradWatchListener firstLayer = GradWatch.builder().every(1).layers("layer0/").sink(some).build();
        net.addListeners(everything, firstLayer);
        net.fit(data);
        everything.close();
        firstLayer.close();
        StepReport r = some.reports.get(0);
        assertEquals(List.of("layer0/W", "layer0/b"), r.parameters().stream().map(ParameterReport::name).toList());
        assertEquals(List.of("layer0"), r.activations().stream().map(ActivationReport::layer).toList());
        assertEquals(all.reports.get(0).gradientTotalNorm(), r.gradientTotalNorm(), 1e-12);
    }

    @Test
    void every_andHistogramsEvery_chooseTheReportedIterations() {
        MultiLayerNetwork net = TestNetworks.mlp(13);
        DataSet data = TestNetworks.data(13, 24, 12, 3);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(3).histogramsEvery(4).sink(sink).build();
        net.addListeners(l);
        for (int i = 0; i < 10; i++) {
            net.fit(data);
        }
        l.close();
        assertEquals(List.of(0L, 3L, 4L, 6L, 8L, 9L), sink.reports.stream().map(StepReport::iteration).toList());
        for (StepReport r : sink.reports) {
            boolean expectHistograms = r.iteration() % 4 == 0;
            assertEquals(expectHistograms, r.histograms(), "iteration " + r.iteration());
            ParameterReport p = r.parameters().get(0);
            assertEquals(expectHistograms, p.gradientHistogram() != null);
            assertEquals(expectHistograms, p.updateHistogram() != null);
            assertEquals(expectHistograms, p.weightHistogram() != null);
            if (expectHistograms) {
                assertEquals(p.gradient().count(), p.gradientHistogram().finiteCount());
            }
        }
    }

    @Test
    void updatesOff_reportsGradientsOnly() {
        MultiLayerNetwork net = TestNetworks.mlp(17);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).updates(false).activations(false).sink(sink).build();
        net.addListeners(l);
        net.fit(TestNetworks.data(17, 24, 12, 3));
        l.close();
        ParameterReport p = sink.reports.get(0).parameters().get(0);
        assertNull(p.update());
        assertNull(p.weights());
        assertTrue(Double.isNaN(p.updateRatio()));
        assertTrue(sink.reports.get(0).activations().isEmpty());
    }

    // ------------------------------------------------------------------------------------------

    private record Trained(RecordingSink sink, ReferenceCapture ref, boolean multiLayer) {
    }

    private static Trained train(Model model, Consumer<Model> fitOnce) {
        RecordingSink sink = new RecordingSink();
        ReferenceCapture ref = new ReferenceCapture();
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        if (model instanceof MultiLayerNetwork net) {
            net.addListeners(ref, listener);
        } else {
            ((ComputationGraph) model).addListeners(ref, listener);
        }
        for (int i = 0; i < STEPS; i++) {
            fitOnce.accept(model);
        }
        listener.close();
        assertEquals(STEPS, sink.reports.size());
        assertEquals(STEPS, ref.steps.size());
        assertEquals(1, sink.sessions.size());
        return new Trained(sink, ref, model instanceof MultiLayerNetwork);
    }

    private static void checkAll(Trained t, boolean multiLayer) {
        for (int s = 0; s < STEPS; s++) {
            StepReport r = t.sink.reports.get(s);
            ReferenceCapture.Step ref = t.ref.steps.get(s);
            assertEquals(ref.iteration, r.iteration());
            assertEquals(ref.batchSize, r.batchSize());
            float scale = 1f / ref.batchSize;
            double totalSquares = 0;
            for (ParameterReport p : r.parameters()) {
                String key = (multiLayer ? String.valueOf(p.layerIndex()) : p.layer()) + "_" + p.parameter();
                // batch-norm running statistics: DL4J's "gradient" is the change it applies, reported unscaled
                // and left out of the total gradient norm (issue 10)
                boolean running = java.util.Set.of("mean", "var", "log10stdev").contains(p.parameter());
                float[] g = scaled(ref.gradients.get(key), running ? 1f : scale);
                float[] u = ref.updates.get(key);
                float[] w = ref.params.get(key);
                assertNotNull(g, "DL4J has no gradient " + key);
                checkStats(g, p.gradient(), key + " gradient");
                checkStats(u, p.update(), key + " update");
                checkStats(w, p.weights(), key + " weights");
                assertClose(plainRms(u) / plainRms(w), p.updateRatio(), key + " update ratio");
                for (float v : g) {
                    totalSquares += running ? 0 : (double) v * v;
                }
            }
            assertClose(Math.sqrt(totalSquares), r.gradientTotalNorm(), "total norm");
        }
    }

    private static float[] scaled(float[] raw, float scale) {
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] * scale;
        }
        return out;
    }

    private static double plainRms(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s / a.length);
    }

    /** The plain two-pass loop: count, l2, rms, mean|x|, max|x|, min, max, mean, std, NaN, Inf, zeros. */
    static void checkStats(float[] a, ArrayStats s, String what) {
        assertNotNull(s, what);
        int n = a.length;
        double sum = 0;
        double sq = 0;
        double abs = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int zeros = 0;
        for (float v : a) {
            sum += v;
            sq += (double) v * v;
            abs += Math.abs(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v == 0f) {
                zeros++;
            }
        }
        double mean = sum / n;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(n, s.count(), what + " count");
        assertClose(Math.sqrt(sq), s.l2(), what + " l2");
        assertClose(Math.sqrt(sq / n), s.rms(), what + " rms");
        assertClose(abs / n, s.meanAbs(), what + " meanAbs");
        assertClose(Math.max(-min, max), s.maxAbs(), what + " maxAbs");
        assertClose(min, s.min(), what + " min");
        assertClose(max, s.max(), what + " max");
        assertClose(mean, s.mean(), what + " mean");
        assertEquals(Math.sqrt(var / n), s.std(), 1e-6 * Math.sqrt(sq / n) + 1e-30, what + " std");
        assertEquals(0, s.nanCount(), what + " nan");
        assertEquals(0, s.infCount(), what + " inf");
        assertClose((double) zeros / n, s.zeroFraction(), what + " zeros");
    }

    private static void checkActivation(ActivationReport a, float[] values, int batch, String fn) {
        assertNotNull(values, "reference activation for " + a.layer());
        assertEquals(fn, a.activation());
        checkStats(values, a.stats(), a.layer() + " activations");
        int units = values.length / batch;
        if (fn.equals("relu")) {
            int dead = 0;
            for (int u = 0; u < units; u++) {
                boolean allZero = true;
                for (int r = 0; r < batch; r++) {
                    allZero &= values[r * units + u] == 0f;
                }
                dead += allZero ? 1 : 0;
            }
            assertClose((double) dead / units, a.deadFraction(), "dead fraction");
            assertTrue(Double.isNaN(a.saturatedFraction()));
        } else {
            double lo = fn.equals("tanh") ? -1 : 0;
            int sat = 0;
            for (float v : values) {
                sat += v <= lo + 0.01 || v >= 0.99 ? 1 : 0;
            }
            assertClose((double) sat / values.length, a.saturatedFraction(), "saturated fraction");
            assertTrue(Double.isNaN(a.deadFraction()));
        }
        assertFalse(a.stats().hasNonFinite());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-6 + 1e-30, what);
    }
}
