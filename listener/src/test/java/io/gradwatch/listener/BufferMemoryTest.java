package io.gradwatch.listener;

import io.gradwatch.GradWatch;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.lang.ref.WeakReference;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13: gradwatch's buffers stay under their bound, and flush() and close() let go of them. */
class BufferMemoryTest {

    private static final DataSet DATA = TestNetworks.data(41, 16, 12, 3);

    @Test
    void close_letsGoOfEveryBuffer_whileTheListenerAndTheTrainingThreadLiveOn() {
        MultiLayerNetwork net = TestNetworks.mlp(41);
        GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(1).build();
        net.addListeners(l);
        for (int i = 0; i < 5; i++) {
            net.fit(DATA);
        }
        BufferPool pool = l.pipeline().pool();
        l.pipeline().flush();
        assertEquals(0, pool.heldBytes(), "flush() lets go of the kept buffers");
        net.fit(DATA);
        net.fit(DATA);
        assertTrue(pool.heldBytes() > 0, "training keeps buffers for reuse");
        float[] reused = pool.tryTake((int) net.numParams()); // one of the buffers training used, back in the pool
        assertNotNull(reused);
        WeakReference<float[]> ref = new WeakReference<>(reused);
        pool.release(reused);
        reused = null;

        l.close();
        assertEquals(0, pool.heldBytes());
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "nothing reachable holds the buffer after close(), listener and thread alive: " + l);
    }

    @Test
    void whileTraining_theBuffersStayUnderTheirBound() {
        MultiLayerNetwork net = TestNetworks.mlp(42);
        long bound = 4L * net.numParams() * 3 / 2;
        GradWatchListener l = GradWatch.builder().every(1).histogramsEvery(1).maxBufferBytes(bound).build();
        net.addListeners(l);
        BufferPool pool = l.pipeline().pool();
        for (int i = 0; i < 10; i++) {
            net.fit(DATA);
            assertTrue(pool.heldBytes() <= bound, pool.heldBytes() + " > " + bound);
        }
        l.close();
    }

    @Test
    void whenBuffersAreAtTheirBound_updateAndWeightStatistics_areTheSameComputedOnTheTrainingThread() {
        List<StepReport> copied = train(0);
        List<StepReport> inline = train(4L * TestNetworks.mlp(43).numParams()); // room for the gradient only
        assertEquals(copied.size(), inline.size());
        for (int r = 0; r < copied.size(); r++) {
            List<ParameterReport> a = copied.get(r).parameters();
            List<ParameterReport> b = inline.get(r).parameters();
            assertEquals(a.size(), b.size());
            for (int p = 0; p < a.size(); p++) {
                assertNotNull(b.get(p).update());
                assertEquals(a.get(p).gradient(), b.get(p).gradient());
                assertEquals(a.get(p).update(), b.get(p).update());
                assertEquals(a.get(p).weights(), b.get(p).weights());
                assertEquals(a.get(p).updateHistogram(), b.get(p).updateHistogram());
                assertEquals(a.get(p).weightHistogram(), b.get(p).weightHistogram());
            }
        }
    }

    private static List<StepReport> train(long maxBufferBytes) {
        MultiLayerNetwork net = TestNetworks.mlp(43);
        RecordingSink sink = new RecordingSink();
        var b = GradWatch.builder().every(1).histogramsEvery(2).activations(false).sink(sink);
        if (maxBufferBytes > 0) {
            b.maxBufferBytes(maxBufferBytes);
        }
        GradWatchListener l = b.build();
        net.addListeners(l);
        for (int i = 0; i < 4; i++) {
            net.fit(DATA);
        }
        l.close();
        return sink.reports;
    }
}
