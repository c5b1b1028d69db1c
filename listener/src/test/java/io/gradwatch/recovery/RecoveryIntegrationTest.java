package io.gradwatch.recovery;

import io.gradwatch.GradWatch;
import io.gradwatch.RecoveryPolicy;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.SameDiffMlp;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recover() under EarlyStoppingTrainer, its events in the sinks, and the setups it refuses with a message. */
@ExpectedErrorOutput("the WARN lines of each recovery action")
class RecoveryIntegrationTest {

    /**
     * A NaN batch in the second epoch is skipped: the trainer (which stops on an invalid score) runs all its
     * epochs, since the score is the last accepted batch's.
     */
    @Test
    void earlyStoppingTrainer_nanBatch_isSkippedAndTrainingRunsAllEpochs() {
        MultiLayerNetwork net = SkipTest.mlp(new Nesterovs(0.1, 0.9));
        List<DataSet> data = new ArrayList<>(Batches.of(12, 30));
        data.set(25, Batches.withNaN(data.get(25)));
        RecordingSink sink = new RecordingSink();
        List<RecoveryEvent> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        GradWatchListener gw = GradWatch.builder().recover().sink(sink).sink(new io.gradwatch.sink.ReportSink() {
            @Override
            public void publish(io.gradwatch.report.StepReport report) {
            }

            @Override
            public void recovery(RecoveryEvent event) {
                published.add(event);
            }
        }).build();
        net.addListeners(gw);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                .iterationTerminationConditions(new InvalidScoreIterationTerminationCondition())
                .scoreCalculator(new DataSetLossCalculator(new ExistingDataSetIterator(data.subList(0, 2)), true))
                .modelSaver(new InMemoryModelSaver<>()).build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net,
                new ExistingDataSetIterator(data)).fit();
        gw.flush();
        gw.close();
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason(),
                result.getTerminationDetails());
        assertEquals(3, gw.recoveries().size(), "the NaN batch, once per epoch: " + gw.recoveries());
        assertTrue(gw.recoveries().stream().allMatch(e -> e.action() == RecoveryEvent.Action.SKIPPED));
        assertEquals(gw.recoveries(), published, "the sinks got every event, in order");
        assertEquals(87, net.getIterationCount(), "3 epochs of 30 batches, 3 skipped");
        assertTrue(sink.reports.stream().noneMatch(r -> Double.isNaN(r.loss())), "a skipped step is not reported");
    }

    @Test
    void recover_twice_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().recover().recover(RecoveryPolicy.defaults()));
        assertTrue(e.getMessage().contains("already set"), e.getMessage());
    }

    @Test
    void onRecovery_withoutRecover_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().onRecovery(x -> { }).build());
        assertTrue(e.getMessage().contains("needs recover()"), e.getMessage());
    }

    @Test
    void policy_badValues_areRejectedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecoveryPolicy.defaults().withLearningRateFactor(1.5)).getMessage().contains("learningRateFactor"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecoveryPolicy.defaults().withWarmup(500)).getMessage().contains("warmup"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecoveryPolicy.defaults().withMaxRollbacks(-1)).getMessage().contains("maxRollbacks"));
    }

    /** Spark and other engines that publish reports computed elsewhere go through parts(): refused there. */
    @Test
    void parts_withRecover_isRejectedNamingWhatWorks() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradWatch.builder().recover().parts());
        assertTrue(e.getMessage().contains("MultiLayerNetwork and ComputationGraph") && e.getMessage().contains("Spark"),
                e.getMessage());
    }

    @Test
    void parallelWrapper_withRecover_isRejectedWhenAttached() {
        MultiLayerNetwork net = SkipTest.mlp(new Nesterovs(0.1, 0.9));
        GradWatchListener gw = GradWatch.builder().recover().build();
        net.addListeners(gw);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2).build());
        gw.close();
        assertTrue(e.getMessage().contains("ParallelWrapper") && e.getMessage().contains("MultiLayerNetwork"),
                e.getMessage());
    }

    @Test
    void sameDiff_withRecover_isRejectedAtTheFirstIteration() {
        var sd = SameDiffMlp.build(io.gradwatch.testing.ReferenceMlp.Init.XAVIER,
                io.gradwatch.testing.SameDiffMlp.Activation.RELU, 3);
        GradWatchListener gw = GradWatch.builder().recover().build();
        sd.addListeners(gw);
        DataSet batch = io.gradwatch.testing.ReferenceMlp.randomBatches(3, 1, 8).get(0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> sd.fit(batch));
        gw.close();
        assertTrue(e.getMessage().contains("SameDiff"), e.getMessage());
    }
}
