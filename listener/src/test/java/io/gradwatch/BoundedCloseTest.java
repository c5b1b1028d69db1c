package io.gradwatch;

import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13: nothing gradwatch does waits unbounded, whatever a sink does. */
class BoundedCloseTest {

    @Test
    void whenASinkBlocksForever_withAFullQueue_trainingAndCloseStayWithinTheWaitLimit() {
        CountDownLatch never = new CountDownLatch(1);
        RecordingSink after = new RecordingSink();
        GradWatchListener l = GradWatch.builder().every(1).queueCapacity(1).maxWait(Duration.ofMillis(300))
                .sink(report -> {
                    try {
                        never.await(); // a sink that never returns
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).sink(after).build();
        MultiLayerNetwork net = TestNetworks.mlp(71);
        net.addListeners(l);
        DataSet data = TestNetworks.data(71, 16, 12, 3);
        long t0 = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            net.fit(data);
        }
        long trained = System.nanoTime();
        l.flush();
        l.close();
        long closed = System.nanoTime();
        assertEquals(8, net.getIterationCount(), "training went on");
        // one 300 ms wait for the queue, then drops without waiting; flush and close each at most 2 x 300 ms
        assertTrue(trained - t0 < 5_000_000_000L, "training waited " + (trained - t0) / 1e6 + " ms");
        assertTrue(closed - trained < 5_000_000_000L, "flush and close took " + (closed - trained) / 1e6 + " ms");
        assertTrue(after.closed, "the other sinks were closed anyway");
        assertTrue(after.reports.isEmpty(), "nothing passed the stuck sink");
        never.countDown();
    }
}
