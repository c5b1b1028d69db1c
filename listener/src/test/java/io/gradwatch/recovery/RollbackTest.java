package io.gradwatch.recovery;

import io.gradwatch.GradWatch;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.testing.ExpectedErrorOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.gradwatch.recovery.Batches.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roll-backs when skipping is not enough, the learning-rate factor, and the bounded halt. */
@ExpectedErrorOutput("the WARN lines of each recovery action and the halt")
class RollbackTest {

    @TempDir
    Path dir;

    static MultiLayerNetwork mlp(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * Every batch from iteration 30 on holds a NaN: 15 skips, then a roll-back (the 16th), three times over,
     * then 15 skips and a halt (64 bad batches in all), with the certified state in the model and in the checkpoint.
     */
    @Test
    void everyBatchBadFromIteration30_rollsBackThreeTimesThenHalts() throws Exception {
        MultiLayerNetwork net = mlp(new Nesterovs(0.1, 0.9));
        List<DataSet> data = Batches.of(5, 200);
        Path checkpoint = dir.resolve("healthy.zip");
        GradWatchListener gw = GradWatch.builder().recover().haltOnNonFinite(checkpoint).build();
        net.addListeners(gw);
        int[] fed = {0};
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < data.size(); i++) {
                fed[0] = i;
                net.fit(i >= 30 ? Batches.withNaN(data.get(i)) : data.get(i));
            }
        });
        gw.close();
        Map<RecoveryEvent.Action, Long> counts = gw.recoveries().stream()
                .collect(Collectors.groupingBy(RecoveryEvent::action, Collectors.counting()));
        assertEquals(Map.of(RecoveryEvent.Action.SKIPPED, 60L, RecoveryEvent.Action.ROLLED_BACK, 3L,
                RecoveryEvent.Action.HALTED, 1L), counts, "15 skips then a roll-back, three times, then 15 skips and the halt");
        assertEquals(RecoveryEvent.Action.HALTED, gw.recoveries().get(gw.recoveries().size() - 1).action());
        assertEquals(30 + 63, fed[0], "halted at the 64th bad batch");
        assertEquals(33, e.iteration(), "skipped batches do not count as iterations; roll-backs do");
        assertEquals(20, e.checkpointIteration(), "the last state certified healthy: the candidate of iteration 20");
        assertTrue(e.getMessage().contains("certified healthy at iteration 20"), e.getMessage());
        assertTrue(e.reason().contains("roll-backs used up"), e.reason());
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        assertFalse(restored.params().isNaN().any());
        assertBitIdentical(net.params(), restored.params(), "the model in memory and the checkpoint");
        assertEquals(20, restored.getIterationCount());
        assertEquals(0.1, restored.getLayer(0).conf().getLayer().getUpdaterByParam("W").getLearningRate(0, 0),
                "the checkpoint holds the configured learning rate, so that it loads without gradwatch");
    }

    /** maxRollbacks 0: the first reason to roll back halts at once. */
    @Test
    void maxRollbacksZero_haltsInsteadOfRollingBack() {
        MultiLayerNetwork net = mlp(new Sgd(0.1));
        List<DataSet> data = Batches.of(6, 100);
        GradWatchListener gw = GradWatch.builder()
                .recover(io.gradwatch.RecoveryPolicy.defaults().withMaxRollbacks(0).withRollbackAfterSkips(2))
                .build();
        net.addListeners(gw);
        TrainingHaltedException e = assertThrows(TrainingHaltedException.class, () -> {
            for (int i = 0; i < data.size(); i++) {
                net.fit(i >= 40 ? Batches.withNaN(data.get(i)) : data.get(i));
            }
        });
        gw.close();
        assertEquals(List.of(RecoveryEvent.Action.SKIPPED, RecoveryEvent.Action.HALTED),
                gw.recoveries().stream().map(RecoveryEvent::action).toList());
        assertEquals(null, e.checkpoint(), "no path given: the model in memory holds the state");
        assertEquals(20, e.checkpointIteration(), "candidates at 0 and 20; the one due at 40 met a bad batch");
        assertFalse(net.params().isNaN().any());
    }

    /**
     * A learning-rate schedule that jumps 10,000-fold for three iterations wrecks the parameters with gradients
     * that look normal; the steps after it are skipped, then recovery rolls back to the state before the jump
     * with half the learning rate, and the run ends healthy. Without recover() the same run ends in NaN.
     */
    @Test
    void learningRateScheduleSpike_rollsBackWithLowerRateAndEndsHealthy() {
        Function<Boolean, MultiLayerNetwork> run = recover -> {
            MapSchedule spike = new MapSchedule.Builder(ScheduleType.ITERATION).add(0, 0.1).add(70, 1000.0)
                    .add(73, 0.1).build();
            MultiLayerNetwork net = mlp(new Sgd(spike));
            return net;
        };
        List<DataSet> data = Batches.of(8, 150);
        MultiLayerNetwork plain = run.apply(false);
        MultiLayerNetwork watched = run.apply(true);
        GradWatchListener gw = GradWatch.builder().recover().build();
        watched.addListeners(gw);
        double lossBeforeSpike = Double.NaN;
        for (int i = 0; i < data.size(); i++) {
            plain.fit(data.get(i));
            watched.fit(data.get(i));
            if (i == 69) {
                lossBeforeSpike = watched.score(data.get(0));
            }
        }
        gw.close();
        List<RecoveryEvent.Action> actions = gw.recoveries().stream().map(RecoveryEvent::action).toList();
        assertTrue(actions.contains(RecoveryEvent.Action.ROLLED_BACK), actions.toString());
        assertFalse(actions.contains(RecoveryEvent.Action.HALTED), actions.toString());
        RecoveryEvent rollback = gw.recoveries().stream().filter(r -> r.action() == RecoveryEvent.Action.ROLLED_BACK)
                .findFirst().orElseThrow();
        assertTrue(rollback.restoredIteration() <= 70, "back to a state before the jump: " + rollback);
        double scale = gw.recoveries().get(gw.recoveries().size() - 1).learningRateScale();
        assertTrue(scale < 1, "the learning rate was lowered: " + scale);
        double rate = watched.getLayer(0).conf().getLayer().getUpdaterByParam("W")
                .getLearningRate(watched.getIterationCount(), 0);
        assertEquals(0.1 * scale, rate, 1e-12, "the schedule, times the factor");
        double finalLoss = watched.score(data.get(0));
        assertTrue(Double.isFinite(finalLoss) && finalLoss < 1.5 * lossBeforeSpike,
                "healthy at the end: " + finalLoss + " against " + lossBeforeSpike + " before the spike");
        double plainLoss = plain.score(data.get(0));
        assertTrue(!Double.isFinite(plainLoss) || plainLoss > 3 * lossBeforeSpike,
                "without recover() the spike ruins the run: " + plainLoss);
    }
}
