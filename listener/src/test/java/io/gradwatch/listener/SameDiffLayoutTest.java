package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.SameDiffReference;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layers, keys and the gradient's scale on SameDiff graphs unlike the reference MLP. */
class SameDiffLayoutTest {

    private static final int BATCH = 6;

    /**
     * Declared output-first, with names that sort against the graph order: "zeta"/"beta" feed a tanh,
     * then "alpha" (no bias) is scaled by "gamma" and a mean squared error is summed over the batch.
     */
    private static SameDiff graph(LossReduce reduce) {
        Nd4j.getRandom().setSeed(3);
        SameDiff sd = SameDiff.create();
        SDVariable alpha = sd.var("alpha", Nd4j.rand(DataType.FLOAT, 5, 3).subi(0.5));
        SDVariable gamma = sd.var("gamma", Nd4j.rand(DataType.FLOAT, 1, 3).addi(0.5));
        SDVariable zeta = sd.var("zeta", Nd4j.rand(DataType.FLOAT, 4, 5).subi(0.5));
        SDVariable beta = sd.var("beta", Nd4j.rand(DataType.FLOAT, 5).subi(0.5));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 3);
        SDVariable h = sd.math.tanh(x.mmul(zeta).add(beta));
        SDVariable out = h.mmul(alpha).mul(gamma);
        sd.loss.meanSquaredError("loss", y, out, null, reduce);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.01)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("y").build());
        return sd;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(4);
        return new DataSet(Nd4j.rand(DataType.FLOAT, BATCH, 4), Nd4j.rand(DataType.FLOAT, BATCH, 3));
    }

    @Test
    void layers_followTheGraphNotTheNames_withDl4jKeysAndTheMappingInTheType() {
        SameDiff sd = graph(LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        sd.setListeners(l);
        sd.fit(data());
        l.close();
        StepReport r = sink.reports.get(0);
        assertEquals(List.of("layer0/W", "layer0/b", "layer1/W", "layer1/b"),
                r.parameters().stream().map(ParameterReport::name).toList());
        List<LayerInfo> layers = sink.sessions.get(0).layers();
        assertEquals("matmul [W=zeta, b=beta]", layers.get(0).type());
        assertEquals("matmul [W=alpha, b=gamma]", layers.get(1).type());
        assertEquals(List.of("tanh", "none"), layers.stream().map(LayerInfo::activation).toList());
        List<ActivationReport> acts = r.activations();
        assertEquals(List.of("layer0", "layer1"), acts.stream().map(ActivationReport::layer).toList());
        assertTrue(acts.get(0).saturatedFraction() >= 0, "tanh outputs are checked for saturation");
        assertTrue(Double.isNaN(acts.get(1).saturatedFraction()) && Double.isNaN(acts.get(1).deadFraction()));
    }

    @Test
    void linearOp_weightAndBiasOfOneOp_formOneLayerWithTheWeightFirst() {
        Nd4j.getRandom().setSeed(5);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 3);
        SDVariable h = sd.nn.relu(sd.nn.linear(x, sd.var("a_weights", Nd4j.rand(DataType.FLOAT, 4, 5)),
                sd.var("a_bias", Nd4j.rand(DataType.FLOAT, 5))), 0);
        SDVariable out = sd.nn.linear(h, sd.var("z_weights", Nd4j.rand(DataType.FLOAT, 5, 3)),
                sd.var("z_bias", Nd4j.rand(DataType.FLOAT, 3)));
        sd.loss.meanSquaredError("loss", y, out, null);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Sgd(0.01)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("y").build());
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        sd.setListeners(l);
        sd.fit(data());
        l.close();
        assertEquals(List.of("layer0/W", "layer0/b", "layer1/W", "layer1/b"),
                sink.reports.get(0).parameters().stream().map(ParameterReport::name).toList());
        assertEquals("xw_plus_b [W=a_weights, b=a_bias]", sink.sessions.get(0).layers().get(0).type());
        assertEquals("relu", sink.sessions.get(0).layers().get(0).activation());
        assertTrue(sink.reports.get(0).activations().get(0).deadFraction() >= 0);
    }

    @Test
    void summedLoss_isReportedAsTheGradientOfTheMeanLoss() {
        SameDiff sd = graph(LossReduce.SUM);
        DataSet d = data();
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        double lossBefore = sd.output(Map.of("x", d.getFeatures(), "y", d.getLabels()), "loss").get("loss")
                .getDouble(0);
        SameDiffReference ref = SameDiffReference.step(sd, d, List.of("zeta", "alpha"), List.of(), l);
        l.close();
        StepReport r = sink.reports.get(0);
        assertEquals(l2(ref.gradients.get("zeta")) / BATCH, r.parameter("layer0", "W").gradient().l2(), 1e-6);
        assertEquals(l2(ref.gradients.get("alpha")) / BATCH, r.parameter("layer1", "W").gradient().l2(), 1e-6);
        assertEquals(lossBefore, r.loss(), 1e-6 * lossBefore, "SameDiff's own forward loss, before the step");
    }

    @Test
    void inferenceAndEvaluation_areNotReported() {
        SameDiff sd = graph(LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        sd.setListeners(l);
        DataSet d = data();
        sd.output(Map.of("x", d.getFeatures()), "tanh");
        sd.fit(d);
        sd.output(Map.of("x", d.getFeatures()), "tanh");
        l.close();
        assertEquals(1, sink.reports.size(), "only the training iteration");
        assertEquals(0, sink.reports.get(0).iteration());
    }

    private static double l2(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
