package io.gradwatch.diagnosis;

import io.gradwatch.GradWatch;
import io.gradwatch.GradWatchBuilder;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.report.Verdict.Problem;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small seeded networks made to fail in one way each; the diagnosis must name the failure and its layer. */
@ExpectedErrorOutput("the verdicts these tests provoke")
class TrainingDiagnosisTest {

    private static final int FEATURES = 16;
    private static final int CLASSES = 4;

    @Test
    void deepSigmoidWithNearZeroInit_vanishingGradientOnItsEarlyLayers() {
        List<StepReport> reports = train(deepSigmoid(), 20, 11);

        Set<String> vanishing = subjects(reports, Problem.VANISHING_GRADIENT);
        assertTrue(vanishing.containsAll(List.of("layer0/W", "layer1/W")), vanishing.toString());
        assertFalse(vanishing.contains("layer5/W"), "the last hidden layer is close to the output: " + vanishing);
        Verdict v = first(reports, Problem.VANISHING_GRADIENT, "layer0");
        assertEquals(9, v.firstIteration(), "as soon as the window of 10 reports is full");
        assertTrue(v.measured() >= 3, v.toString());
        assertTrue(v.message().contains("decades below the output layer layer6/W"), v.message());
    }

    @Test
    void builderDiagnosisThresholds_areUsed_andNoDiagnosisSwitchesItOff() {
        DiagnosisThresholds fast = DiagnosisThresholds.builder().windowReports(4).build();
        List<StepReport> custom = train(deepSigmoid(), 6, 11, GradWatch.builder().diagnosis(fast));
        assertEquals(3, first(custom, Problem.VANISHING_GRADIENT, "layer0").firstIteration(), "a window of 4 reports");

        List<StepReport> off = train(deepSigmoid(), 12, 11, GradWatch.builder().noDiagnosis());
        assertTrue(off.stream().allMatch(r -> r.diagnosis().active().isEmpty()));

        var e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> GradWatch.builder().diagnosis(null));
        assertTrue(e.getMessage().contains("use noDiagnosis() to switch diagnosis off"), e.getMessage());
    }

    @Test
    void hugeLearningRate_explodingGradientFirst_thenNonFiniteWithItsFirstIterationAndLayer() {
        MultiLayerNetwork net = TestNetworks.mlp(7, FEATURES, new int[]{32, 32, 32}, CLASSES, Activation.LEAKYRELU, 30);
        // exploding waits for a full window (issue 10): a short one, as the run turns NaN within a few iterations
        List<StepReport> reports = train(net, 12, 3,
                GradWatch.builder().diagnosis(DiagnosisThresholds.builder().windowReports(2).build()));

        Verdict exploding = first(reports, Problem.EXPLODING_GRADIENT, null);
        Verdict nonFinite = first(reports, Problem.NON_FINITE, null);
        assertNotNull(exploding, "exploding gradient must be diagnosed");
        assertNotNull(nonFinite, "NaN/Inf must be diagnosed");
        assertTrue(exploding.firstIteration() < nonFinite.firstIteration(),
                "exploding at " + exploding.firstIteration() + " must come before NaN at " + nonFinite.firstIteration());

        // the verdict's first iteration and origin, against the raw statistics of the reports
        StepReport firstBad = reports.stream().filter(TrainingDiagnosisTest::hasNonFinite).findFirst().orElseThrow();
        assertEquals(firstBad.iteration(), nonFinite.firstIteration());
        String origin = firstBad.activations().stream().filter(a -> a.stats().hasNonFinite())
                .map(a -> a.layer() + " activations").findFirst().orElse(null);
        assertNotNull(origin, "a forward pass on NaN weights gives NaN activations first");
        assertTrue(nonFinite.message().contains("First non-finite values of this run: iteration "
                + firstBad.iteration() + ", " + origin + "."), nonFinite.message());
        String originLayer = origin.substring(0, origin.indexOf(' '));
        Verdict atOrigin = first(reports, Problem.NON_FINITE, originLayer);
        assertNotNull(atOrigin, "the layer where NaN/Inf first appeared has its own verdict");
        assertEquals(firstBad.iteration(), atOrigin.firstIteration());
    }

    @Test
    void reluLayerWithLargeNegativeBias_deadUnitsOnThatLayer() {
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Sgd(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU).biasInit(-10).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU).build())
                .layer(output(32)));
        List<StepReport> reports = train(net, 15, 5);

        Set<String> dead = subjects(reports, Problem.DEAD_UNITS);
        assertTrue(dead.contains("layer1"), dead.toString());
        assertFalse(dead.contains("layer0"), "the layer below is healthy: " + dead);
        Verdict v = first(reports, Problem.DEAD_UNITS, "layer1");
        assertEquals(1.0, v.measured());
        assertTrue(v.message().startsWith("layer1: 100% of its 32 relu units output 0"), v.message());
    }

    @Test
    void sigmoidWithLargeWeights_saturatedUnits() {
        MultiLayerNetwork net = net(new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.FLOAT)
                .updater(new Sgd(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.SIGMOID)
                        .weightInit(new NormalDistribution(0, 10)).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.SIGMOID)
                        .weightInit(WeightInit.XAVIER).build())
                .layer(output(32)));
        List<StepReport> reports = train(net, 15, 9);

        Set<String> saturated = subjects(reports, Problem.SATURATED_UNITS);
        assertTrue(saturated.contains("layer0"), saturated.toString());
        assertFalse(saturated.contains("layer1"), "Xavier-initialised layer is not saturated: " + saturated);
        Verdict v = first(reports, Problem.SATURATED_UNITS, "layer0");
        assertTrue(v.measured() >= 0.5, v.toString());
    }

    /** Six sigmoid layers of 32 units with U(-0.1, 0.1) weights, then the softmax output (layer6). */
    static MultiLayerNetwork deepSigmoid() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(new UniformDistribution(-0.1, 0.1)).list();
        for (int i = 0; i < 6; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? FEATURES : 32).nOut(32).activation(Activation.SIGMOID).build());
        }
        b.layer(output(32));
        return net(b);
    }

    static OutputLayer output(int in) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(CLASSES)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build();
    }

    static MultiLayerNetwork net(NeuralNetConfiguration.ListBuilder b) {
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** Trains {@code iterations} steps on one seeded batch, a report every iteration, default thresholds. */
    static List<StepReport> train(MultiLayerNetwork net, int iterations, long dataSeed) {
        return train(net, iterations, dataSeed, GradWatch.builder());
    }

    static List<StepReport> train(MultiLayerNetwork net, int iterations, long dataSeed, GradWatchBuilder builder) {
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = builder.every(1).histogramsEvery(0).sink(sink).build();
        net.addListeners(listener);
        DataSet data = TestNetworks.data(dataSeed, 64, FEATURES, CLASSES);
        for (int i = 0; i < iterations; i++) {
            net.fit(data);
        }
        listener.close();
        assertEquals(iterations, sink.reports.size());
        if (Boolean.getBoolean("printVerdicts")) {
            sink.reports.forEach(r -> r.diagnosis().started().forEach(v -> System.out.println("START " + v)));
            sink.reports.forEach(r -> r.diagnosis().ended().forEach(v -> System.out.println("END @" + r.iteration() + " " + v.key())));
        }
        return sink.reports;
    }

    /** Subjects ("layer0/W", "layer1") of every verdict of {@code problem} that started during the run. */
    static Set<String> subjects(List<StepReport> reports, Problem problem) {
        Set<String> out = new TreeSet<>();
        for (StepReport r : reports) {
            r.diagnosis().started().stream().filter(v -> v.problem() == problem).forEach(v -> out.add(v.subject()));
        }
        return out;
    }

    /** The first started verdict of {@code problem} (on {@code layer} unless null), or null. */
    static Verdict first(List<StepReport> reports, Problem problem, String layer) {
        for (StepReport r : reports) {
            for (Verdict v : r.diagnosis().started()) {
                if (v.problem() == problem && (layer == null || v.layer().equals(layer))) {
                    return v;
                }
            }
        }
        return null;
    }

    static boolean hasNonFinite(StepReport r) {
        for (ParameterReport p : r.parameters()) {
            if (p.gradient().hasNonFinite() || (p.update() != null && p.update().hasNonFinite())
                    || (p.weights() != null && p.weights().hasNonFinite())) {
                return true;
            }
        }
        for (ActivationReport a : r.activations()) {
            if (a.stats().hasNonFinite()) {
                return true;
            }
        }
        return false;
    }
}
