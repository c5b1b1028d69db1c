package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.stats.Statistics;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The update and weight passes over ND4J's buffers give the same analyses whichever thread runs them. */
class InlineStatisticsTest {

    private final MultiLayerNetwork net = trained();
    private final ModelLayout layout = ModelLayout.of(net, GradWatch.builder().build().config());
    private final INDArray update = net.getFlattenedGradients();
    private final INDArray weights = net.params();

    private static MultiLayerNetwork trained() {
        MultiLayerNetwork net = TestNetworks.mlp(7);
        net.fit(TestNetworks.data(7, 16, 12, 3));
        return net;
    }

    @Test
    void aHelperThatRunsTheUpdatePass_givesWhatOnePassOnThisThreadGives() {
        Executor helper = r -> new Thread(r, "test-helper").start();
        check(InlineStatistics.analyseBoth(update, weights, layout, true, helper, Duration.ofSeconds(30)), true);
    }

    @Test
    void aHelperThatNeverStarts_leavesBothPassesToThisThread() {
        AtomicInteger handedOver = new AtomicInteger();
        Executor neverRuns = r -> handedOver.incrementAndGet();
        check(InlineStatistics.analyseBoth(update, weights, layout, true, neverRuns, Duration.ofSeconds(30)), true);
        assertEquals(1, handedOver.get());
    }

    @Test
    void aClosedHelper_leavesBothPassesToThisThread() {
        Executor closed = r -> {
            throw new RejectedExecutionException("closed");
        };
        check(InlineStatistics.analyseBoth(update, weights, layout, false, closed, Duration.ofSeconds(30)), false);
    }

    private void check(InlineStatistics.Both both, boolean histograms) {
        Statistics.Analysis[] expectedUpdate = InlineStatistics.analyse(update, layout, histograms);
        Statistics.Analysis[] expectedWeights = InlineStatistics.analyse(weights, layout, histograms);
        for (int k = 0; k < layout.segments().size(); k++) {
            if (!layout.segments().get(k).monitored()) {
                assertNull(both.update()[k]);
                continue;
            }
            assertEquals(histograms, both.update()[k].histogram() != null, "histogram of segment " + k);
            assertEquals(expectedUpdate[k], both.update()[k], "update of segment " + k);
            assertEquals(expectedWeights[k], both.weights()[k], "weights of segment " + k);
        }
    }
}
