package io.gradwatch.recovery;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static io.gradwatch.recovery.Batches.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A skipped step leaves the model exactly as if its batch had never been seen: parameters, updater state
 * (momentum, Adam's moments) and the iteration count Adam's bias correction reads, compared bit for bit
 * with a run that never got the batch; and recover() on a clean run changes nothing.
 */
@ExpectedErrorOutput("the WARN lines of each recovery action")
class SkipTest {

    private static final int BATCHES = 70;
    private static final int BAD = 60;

    static MultiLayerNetwork mlp(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(updater).l2(1e-5).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    static IUpdater updater(String name) {
        return switch (name) {
            case "sgd" -> new Sgd(0.1);
            case "nesterovs" -> new Nesterovs(0.1, 0.9);
            case "adam" -> new Adam(1e-3);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "nesterovs", "adam"})
    void scaledBatch_isSkipped_modelAsIfNeverSeen(String updater) {
        assertSkipIsExact(() -> mlp(updater(updater)), Batches::scaled, "gradient norm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "nesterovs", "adam"})
    void nanBatch_isSkipped_modelAsIfNeverSeen(String updater) {
        assertSkipIsExact(() -> mlp(updater(updater)), Batches::withNaN, "non-finite");
    }

    /** The graph's batch normalisation running statistics are parameters too: restored with them. */
    @Test
    void computationGraph_nanBatch_isSkipped_modelAsIfNeverSeen() {
        assertSkipIsExact(() -> TestNetworks.graph(9), Batches::withNaN, "non-finite");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "nesterovs", "adam"})
    void cleanRun_withRecover_isBitIdenticalAndSilent(String updater) {
        List<DataSet> data = Batches.of(3, BATCHES);
        MultiLayerNetwork plain = mlp(updater(updater));
        MultiLayerNetwork watched = mlp(updater(updater));
        GradWatchListener gw = GradWatch.builder().recover().build();
        watched.addListeners(gw);
        for (DataSet d : data) {
            plain.fit(d);
            watched.fit(d);
        }
        gw.close();
        assertEquals(List.of(), gw.recoveries());
        assertBitIdentical(plain.params(), watched.params(), "parameters");
        assertBitIdentical(Batches.updaterState(plain), Batches.updaterState(watched), "updater state");
    }

    /** Halting alone keeps certified copies too (issue 22): they do not touch training either. */
    @Test
    void cleanRun_withHaltOnNonFinite_isBitIdentical(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<DataSet> data = Batches.of(5, BATCHES);
        MultiLayerNetwork plain = mlp(updater("adam"));
        MultiLayerNetwork watched = mlp(updater("adam"));
        GradWatchListener gw = GradWatch.builder().haltOnNonFinite(dir.resolve("never.zip")).build();
        watched.addListeners(gw);
        for (DataSet d : data) {
            plain.fit(d);
            watched.fit(d);
        }
        gw.close();
        assertBitIdentical(plain.params(), watched.params(), "parameters");
        assertBitIdentical(Batches.updaterState(plain), Batches.updaterState(watched), "updater state");
    }

    @Test
    void computationGraph_cleanRun_withRecover_isBitIdenticalAndSilent() {
        List<DataSet> data = Batches.of(4, BATCHES);
        ComputationGraph plain = TestNetworks.graph(4);
        ComputationGraph watched = TestNetworks.graph(4);
        GradWatchListener gw = GradWatch.builder().recover().build();
        watched.addListeners(gw);
        for (DataSet d : data) {
            plain.fit(d);
            watched.fit(d);
        }
        gw.close();
        assertEquals(List.of(), gw.recoveries());
        assertBitIdentical(plain.params(), watched.params(), "parameters");
    }

    /**
     * Trains {@code BATCHES} batches with batch {@code BAD} corrupted and recover() on, and the same batches
     * without the bad one and without gradwatch: both end bit-identical.
     */
    private static void assertSkipIsExact(Supplier<Model> models, UnaryOperator<DataSet> corrupt, String reason) {
        List<DataSet> data = Batches.of(11, BATCHES);
        Model withoutBad = models.get();
        Model recovered = models.get();
        List<RecoveryEvent> told = new CopyOnWriteArrayList<>();
        GradWatchListener gw = GradWatch.builder().recover().onRecovery(told::add).build();
        recovered.setListeners(gw);
        List<Integer> iterationsSeen = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            if (i != BAD) {
                Batches.fit(withoutBad, data.get(i));
            }
            Batches.fit(recovered, i == BAD ? corrupt.apply(data.get(i)) : data.get(i));
            iterationsSeen.add(Batches.iterationCount(recovered));
        }
        gw.close();
        assertEquals(1, gw.recoveries().size(), "one event: " + gw.recoveries());
        RecoveryEvent e = gw.recoveries().get(0);
        assertEquals(RecoveryEvent.Action.SKIPPED, e.action());
        assertEquals(BAD, e.iteration());
        assertTrue(e.reason().contains(reason) && e.reason().endsWith("batch skipped"), e.reason());
        assertEquals(gw.recoveries(), told, "onRecovery heard the same events");
        assertEquals(BAD, (int) iterationsSeen.get(BAD), "the skipped batch did not count as an iteration");
        assertEquals(Batches.iterationCount(withoutBad), Batches.iterationCount(recovered));
        assertBitIdentical(withoutBad.params(), recovered.params(), "parameters");
        assertBitIdentical(Batches.updaterState(withoutBad), Batches.updaterState(recovered), "updater state");
        assertEquals(withoutBad.score(), recovered.score(), "the score is the last accepted batch's");
    }
}
