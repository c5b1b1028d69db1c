package io.gradwatch.diagnosis;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceMlp;
import io.gradwatch.testing.SameDiffMlp;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed experiment's relations, measured on real MNIST with the reference MLP written in SameDiff:
 * 40 iterations of batch 128 per setting, a report every 4 (a full diagnosis window), the default diagnosis.
 * Needs the MNIST IDX files in ~/.deeplearning4j (see CONTEXT.md).
 */
class SameDiffMnistTest {

    private static final int ITERATIONS = 40;
    private static final int EVERY = 4;
    private static final int BATCH = 128;

    private enum Setting { UNIFORM_SIGMOID, UNIFORM_RELU, XAVIER_SIGMOID, XAVIER_RELU }

    @Test
    void referenceMlp_onMnist_showsTheSeedsRelationsAndDiagnosis() throws IOException {
        Map<Setting, List<StepReport>> runs = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            runs.put(s, train(s));
        }
        double uniformSigmoid = medianFirstLayerRms(runs.get(Setting.UNIFORM_SIGMOID));
        double uniformRelu = medianFirstLayerRms(runs.get(Setting.UNIFORM_RELU));
        double xavierSigmoid = medianFirstLayerRms(runs.get(Setting.XAVIER_SIGMOID));
        System.out.printf(Locale.ROOT, "SameDiff MNIST, median layer0/W (w0) gradient RMS over %d iterations: "
                        + "uniform+sigmoid %.3e, uniform+relu %.3e (x%.0f), xavier+sigmoid %.3e (x%.1f), xavier+relu %.3e%n",
                ITERATIONS, uniformSigmoid, uniformRelu, uniformRelu / uniformSigmoid, xavierSigmoid,
                xavierSigmoid / uniformSigmoid, medianFirstLayerRms(runs.get(Setting.XAVIER_RELU)));
        assertTrue(uniformRelu / uniformSigmoid > 100, "uniform+relu is hundreds of times uniform+sigmoid");
        double xavierGain = xavierSigmoid / uniformSigmoid;
        assertTrue(xavierGain > 3 && xavierGain < 100, "xavier lifts sigmoid by about an order of magnitude: "
                + xavierGain);

        StepReport last = runs.get(Setting.UNIFORM_SIGMOID).get(runs.get(Setting.UNIFORM_SIGMOID).size() - 1);
        List<String> vanishing = last.diagnosis().active().stream()
                .filter(v -> v.problem() == Verdict.Problem.VANISHING_GRADIENT).map(Verdict::subject).toList();
        assertTrue(vanishing.contains("layer0/W"), "uniform+sigmoid is diagnosed vanishing: " + vanishing);
        List<StepReport> xavierRelu = runs.get(Setting.XAVIER_RELU);
        assertEquals(List.of(), xavierRelu.get(xavierRelu.size() - 1).diagnosis().active().stream()
                .filter(v -> v.problem() == Verdict.Problem.VANISHING_GRADIENT).toList(), "no false alarm");
        double firstLoss = xavierRelu.get(0).loss();
        double lastLoss = xavierRelu.get(xavierRelu.size() - 1).loss();
        assertTrue(lastLoss < 0.9 * firstLoss, "xavier+relu learns: loss " + firstLoss + " -> " + lastLoss);
    }

    private static List<StepReport> train(Setting s) throws IOException {
        ReferenceMlp.Init init = s.name().startsWith("UNIFORM") ? ReferenceMlp.Init.UNIFORM : ReferenceMlp.Init.XAVIER;
        SameDiffMlp.Activation fn = s.name().endsWith("SIGMOID") ? SameDiffMlp.Activation.SIGMOID
                : SameDiffMlp.Activation.RELU;
        SameDiff sd = SameDiffMlp.build(init, fn, 42);
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(EVERY).histogramsEvery(0).sink(sink).build();
        sd.addListeners(listener);
        sd.fit(new MnistDataSetIterator(BATCH, ITERATIONS * BATCH, false, true, true, 12345), 1);
        listener.close();
        assertEquals(ITERATIONS / EVERY, sink.reports.size(), s.name());
        return List.copyOf(sink.reports);
    }

    private static double medianFirstLayerRms(List<StepReport> reports) {
        return History.median(reports.stream().mapToDouble(r -> r.parameter("layer0", "W").gradient().rms())
                .toArray());
    }
}
