package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceMlp;
import io.gradwatch.testing.SameDiffMlp;
import io.gradwatch.testing.SameDiffReference;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference MLP built in SameDiff, in the four settings: every statistic gradwatch reports equals
 * plain loops over SameDiff's own arrays (see {@link SameDiffReference}).
 */
class SameDiffStatisticsTest {

    private static final int BATCH = 32;
    private static final int LAYERS = ReferenceMlp.SIZES.length - 1;

    @Test
    void referenceMlp_fourSettings_everyStatisticMatchesPlainLoopsOverSameDiffArrays() {
        for (ReferenceMlp.Init init : ReferenceMlp.Init.values()) {
            for (SameDiffMlp.Activation fn : SameDiffMlp.Activation.values()) {
                check(init, fn);
            }
        }
    }

    private static void check(ReferenceMlp.Init init, SameDiffMlp.Activation fn) {
        String setting = init + "+" + fn;
        SameDiff sd = SameDiffMlp.build(init, fn, 5);
        DataSet batch = ReferenceMlp.randomBatches(5, 1, BATCH).get(0);
        List<String> params = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String opName = fn == SameDiffMlp.Activation.SIGMOID ? "sigmoid" : "relu";
        for (int i = 0; i < LAYERS; i++) {
            params.add("w" + i);
            params.add("b" + i);
            outputs.add(i + 1 < LAYERS ? (i == 0 ? opName : opName + "_" + i) : "add_" + i);
        }
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        SameDiffReference ref = SameDiffReference.step(sd, batch, params, outputs, listener);
        listener.close();

        assertEquals(1, sink.reports.size(), setting);
        StepReport r = sink.reports.get(0);
        SessionInfo session = sink.sessions.get(0);
        assertEquals("SameDiff", session.modelClass());
        assertEquals(BATCH, r.batchSize());
        List<String> expectedNames = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            expectedNames.add("layer" + i + "/W");
            expectedNames.add("layer" + i + "/b");
        }
        assertEquals(expectedNames, r.parameters().stream().map(ParameterReport::name).toList(),
                "layers from input to output, weight before bias, DL4J's keys");
        assertEquals("matmul [W=w0, b=b0]", session.layers().get(0).type(), "the type names the variables");
        double totalSquares = 0;
        for (ParameterReport p : r.parameters()) {
            String v = (p.parameter().equals("W") ? "w" : "b") + p.layerIndex();
            float[] g = ref.gradients.get(v);
            float[] u = ref.updates.get(v);
            float[] w = ref.weightsAfter.get(v);
            ListenerStatisticsTest.checkStats(g, p.gradient(), setting + " " + v + " gradient");
            ListenerStatisticsTest.checkStats(u, p.update(), setting + " " + v + " update");
            ListenerStatisticsTest.checkStats(w, p.weights(), setting + " " + v + " weights");
            assertEquals(rms(u) / rms(w), p.updateRatio(), 1e-6 * p.updateRatio(), v + " ratio");
            assertEquals(g.length, p.gradientHistogram().finiteCount());
            for (float x : g) {
                totalSquares += (double) x * x;
            }
        }
        assertEquals(Math.sqrt(totalSquares), r.gradientTotalNorm(), 1e-6 * r.gradientTotalNorm());

        assertEquals(LAYERS, r.activations().size());
        for (int i = 0; i < LAYERS; i++) {
            ActivationReport a = r.activations().get(i);
            float[] values = ref.outputs.get(outputs.get(i));
            assertEquals("layer" + i, a.layer());
            assertEquals(i + 1 < LAYERS ? opName : "none", a.activation());
            ListenerStatisticsTest.checkStats(values, a.stats(), setting + " layer" + i + " output");
            if (i + 1 < LAYERS && fn == SameDiffMlp.Activation.RELU) {
                assertEquals(deadFraction(values, BATCH), a.deadFraction(), 1e-12, "dead units");
            } else if (i + 1 < LAYERS) {
                assertEquals(saturated(values), a.saturatedFraction(), 1e-12, "saturated units");
            } else {
                assertTrue(Double.isNaN(a.deadFraction()) && Double.isNaN(a.saturatedFraction()));
            }
        }
        float[] logits = ref.outputs.get(outputs.get(LAYERS - 1));
        assertEquals(meanCrossEntropy(logits, batch) + l2Score(sd, params, ref), r.loss(), 1e-5,
                setting + ": the loss is SameDiff's mean cross-entropy plus its l2 term");
    }

    @Test
    void gradient_isTheGradientOfTheMeanLoss() {
        SameDiff sd = SameDiffMlp.build(ReferenceMlp.Init.XAVIER, SameDiffMlp.Activation.RELU, 9);
        DataSet batch = ReferenceMlp.randomBatches(9, 1, BATCH).get(0);
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(1).sink(sink).build();
        SameDiffReference ref = SameDiffReference.step(sd, batch, List.of("b6"), List.of("add_6"), listener);
        listener.close();
        // d(mean cross-entropy)/d(b6)[c] = mean over the batch of (softmax(logits) - label)[c]
        float[] logits = ref.outputs.get("add_6");
        float[] labels = SameDiffReference.floats(batch.getLabels());
        int classes = 10;
        double[] expected = new double[classes];
        for (int row = 0; row < BATCH; row++) {
            double[] p = softmax(logits, row, classes);
            for (int c = 0; c < classes; c++) {
                expected[c] += (p[c] - labels[row * classes + c]) / BATCH;
            }
        }
        double sq = 0;
        for (double e : expected) {
            sq += e * e;
        }
        assertEquals(Math.sqrt(sq), sink.reports.get(0).parameter("layer6", "b").gradient().l2(), 1e-6);
    }

    // ------------------------------------------------------------------------------------------

    private static double rms(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s / a.length);
    }

    private static double deadFraction(float[] values, int batch) {
        int units = values.length / batch;
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean zero = true;
            for (int row = 0; row < batch; row++) {
                zero &= values[row * units + u] == 0f;
            }
            dead += zero ? 1 : 0;
        }
        return (double) dead / units;
    }

    private static double saturated(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v <= 0.01 || v >= 0.99 ? 1 : 0;
        }
        return (double) n / values.length;
    }

    private static double[] softmax(float[] logits, int row, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[row * classes + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static double meanCrossEntropy(float[] logits, DataSet batch) {
        float[] labels = SameDiffReference.floats(batch.getLabels());
        double total = 0;
        for (int row = 0; row < BATCH; row++) {
            double[] p = softmax(logits, row, 10);
            for (int c = 0; c < 10; c++) {
                total -= labels[row * 10 + c] * Math.log(p[c]);
            }
        }
        return total / BATCH;
    }

    /** SameDiff's L2Regularization score, 0.5 * l2 * sum(w^2), over the weights before the step. */
    private static double l2Score(SameDiff sd, List<String> params, SameDiffReference ref) {
        double sq = 0;
        for (String p : params) {
            float[] w = ref.weightsAfter.get(p);
            float[] u = ref.updates.get(p);
            for (int i = 0; i < w.length; i++) {
                double before = (double) w[i] + u[i];
                sq += before * before;
            }
        }
        return 0.5 * 1e-5 * sq;
    }
}
