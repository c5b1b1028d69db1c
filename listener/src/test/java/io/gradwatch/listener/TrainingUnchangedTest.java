package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The monitor never changes training: the same seeded run with and without it ends bit-identical. */
@ExpectedErrorOutput("the default diagnoser's verdicts on small test networks")
class TrainingUnchangedTest {

    @Test
    void multiLayerNetwork_withListener_endsWithIdenticalParameters() {
        DataSet data = TestNetworks.data(21, 32, 12, 3);
        MultiLayerNetwork plain = TestNetworks.mlp(21);
        MultiLayerNetwork watched = TestNetworks.mlp(21);
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        watched.addListeners(listener);
        for (int i = 0; i < 20; i++) {
            plain.fit(data);
            watched.fit(data);
        }
        listener.close();
        assertMeasuredEveryParameter(sink, sizes(watched));
        assertIdentical(plain.params(), watched.params());
        assertEquals(plain.score(), watched.score());
    }

    @Test
    void computationGraph_withListener_endsWithIdenticalParameters() {
        DataSet data = TestNetworks.data(22, 32, 12, 3);
        ComputationGraph plain = TestNetworks.graph(22);
        ComputationGraph watched = TestNetworks.graph(22);
        RecordingSink sink = new RecordingSink();
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).sink(sink).build();
        watched.addListeners(listener);
        for (int i = 0; i < 20; i++) {
            plain.fit(data);
            watched.fit(data);
        }
        listener.close();
        assertMeasuredEveryParameter(sink, sizes(watched));
        assertIdentical(plain.params(), watched.params());
        assertEquals(plain.score(), watched.score());
    }

    /** Every iteration was reported with gradient, update and histogram of each array in {@code sizes}. */
    private static void assertMeasuredEveryParameter(RecordingSink sink, Map<String, Long> sizes) {
        assertEquals(20, sink.reports.size(), "the listener really measured every iteration");
        for (StepReport r : sink.reports) {
            Map<String, Long> measured = new TreeMap<>();
            for (ParameterReport p : r.parameters()) {
                measured.put(p.name(), p.gradient().count());
                assertNotNull(p.update(), p.name());
                assertNotNull(p.gradientHistogram(), p.name());
            }
            assertEquals(sizes, measured, "iteration " + r.iteration() + ": every parameter, every value");
        }
    }

    /** DL4J's parameter keys ("0_W") as gradwatch names them ("layer0/W"), with their sizes. */
    private static Map<String, Long> sizes(MultiLayerNetwork net) {
        Map<String, Long> sizes = new TreeMap<>();
        net.paramTable().forEach((key, array) -> {
            String[] layerAndParam = key.split("_", 2);
            String layer = net.getLayer(Integer.parseInt(layerAndParam[0])).conf().getLayer().getLayerName();
            sizes.put(layer + "/" + layerAndParam[1], array.length());
        });
        return sizes;
    }

    /** DL4J's parameter keys ("hidden_W") as gradwatch names them ("hidden/W"), with their sizes. */
    private static Map<String, Long> sizes(ComputationGraph graph) {
        Map<String, Long> sizes = new TreeMap<>();
        graph.paramTable().forEach((key, array) -> sizes.put(key.replaceFirst("_", "/"), array.length()));
        return sizes;
    }

    private static void assertIdentical(INDArray expected, INDArray actual) {
        float[] e = expected.dup('c').reshape(expected.length()).toFloatVector();
        float[] a = actual.dup('c').reshape(actual.length()).toFloatVector();
        assertFalse(e.length == 0);
        assertArrayEquals(e, a, 0f, "parameters must be bit-identical");
    }
}
