package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The monitor never changes training: the same seeded run with and without it ends bit-identical. */
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
        assertEquals(20, sink.reports.size(), "the listener really measured every iteration");
        assertIdentical(plain.params(), watched.params());
        assertEquals(plain.score(), watched.score());
    }

    @Test
    void computationGraph_withListener_endsWithIdenticalParameters() {
        DataSet data = TestNetworks.data(22, 32, 12, 3);
        ComputationGraph plain = TestNetworks.graph(22);
        ComputationGraph watched = TestNetworks.graph(22);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).build();
        watched.addListeners(listener);
        for (int i = 0; i < 20; i++) {
            plain.fit(data);
            watched.fit(data);
        }
        listener.close();
        assertIdentical(plain.params(), watched.params());
    }

    private static void assertIdentical(INDArray expected, INDArray actual) {
        float[] e = expected.dup('c').reshape(expected.length()).toFloatVector();
        float[] a = actual.dup('c').reshape(actual.length()).toFloatVector();
        assertFalse(e.length == 0);
        assertArrayEquals(e, a, 0f, "parameters must be bit-identical");
    }
}
