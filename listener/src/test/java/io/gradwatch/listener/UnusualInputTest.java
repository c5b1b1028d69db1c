package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceCapture;
import io.gradwatch.testing.StderrCapture;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks and settings users may bring that are not the common case: handled, or named clearly. */
class UnusualInputTest {

    @Test
    void doublePrecisionNetwork_isMeasuredLikeAFloatOne() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        DataSet data = TestNetworks.data(3, 16, 12, 3);
        data.setFeatures(data.getFeatures().castTo(DataType.DOUBLE));
        data.setLabels(data.getLabels().castTo(DataType.DOUBLE));
        RecordingSink sink = new RecordingSink();
        ReferenceCapture ref = new ReferenceCapture();
        GradWatchListener l = GradWatch.builder().every(1).sink(sink).build();
        net.addListeners(ref, l);
        net.fit(data);
        l.close();
        StepReport r = sink.reports.get(0);
        ParameterReport w = r.parameter("layer0", "W");
        float[] g = ref.steps.get(0).gradients.get("0_W");
        double squares = 0;
        for (float v : g) {
            squares += (double) (v / 16f) * (v / 16f);
        }
        // the values are converted to float once, so they agree to float precision
        assertEquals(Math.sqrt(squares / g.length), w.gradient().rms(), 1e-6 * w.gradient().rms());
    }

    @Test
    void layersPatternMatchingNothing_warnsNamingTheArrays_andTrainingGoesOn() {
        MultiLayerNetwork net = TestNetworks.mlp(4);
        RecordingSink sink = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).layers("conv").sink(sink).build();
        net.addListeners(l);
        StderrCapture err = StderrCapture.start();
        try (err) {
            net.fit(TestNetworks.data(4, 16, 12, 3));
            net.fit(TestNetworks.data(4, 16, 12, 3));
        }
        l.close();
        String log = err.text();
        assertTrue(log.contains("layers(\"conv\") matches none of this network's arrays")
                && log.contains("layer0/W"), log);
        assertEquals(1, err.count("matches none"), "warned once, not every iteration");
        assertEquals(2, sink.reports.size(), "training and reporting go on");
        assertTrue(sink.reports.get(0).parameters().isEmpty());
    }
}
