package io.gradwatch.listener;

import io.gradwatch.stats.Statistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Statistics of a flattened array computed during a training-thread callback, straight from ND4J's buffer (no
 * heap copy): used for the update and the weights when gradwatch's buffers are at their bound. Every pass ends
 * before the callback returns, while ND4J's arrays cannot change (or be freed).
 */
final class InlineStatistics {

    private InlineStatistics() {
    }

    /** One analysis per segment of {@code layout} (null for unmonitored segments) of {@code flat}. */
    static Statistics.Analysis[] analyse(INDArray flat, ModelLayout layout, boolean histograms) {
        INDArray contiguous = ArrayCopy.isContiguousFloat(flat) ? flat : flat.castTo(DataType.FLOAT).dup('c');
        FloatBuffer buffer = contiguous.data().asNioFloat();
        int base = Math.toIntExact(contiguous.offset());
        List<ModelLayout.Segment> segments = layout.segments();
        Statistics.Analysis[] out = new Statistics.Analysis[segments.size()];
        for (int k = 0; k < out.length; k++) {
            ModelLayout.Segment seg = segments.get(k);
            if (seg.monitored()) {
                int from = base + seg.offset();
                out[k] = Statistics.analyse(buffer, from, from + seg.length(), 1f, histograms);
            }
        }
        return out;
    }

    /** The update's and the weights' analyses of one iteration. */
    record Both(Statistics.Analysis[] update, Statistics.Analysis[] weights) {
    }

    /**
     * Analyses {@code update} and {@code weights} at once: the update on {@code helper} if it starts in time,
     * the weights here, meanwhile; if the helper has not started the update when the weights are done, this
     * thread analyses it too (the helper then finds nothing left to do). Both are done on return, so the
     * training thread waits for half the work where the machine has a core to spare. {@code limit} bounds the
     * wait for a pass the helper has started (a pass over memory; it never needs it).
     */
    static Both analyseBoth(INDArray update, INDArray weights, ModelLayout layout, boolean histograms,
                            Executor helper, Duration limit) {
        FutureTask<Statistics.Analysis[]> updatePass = new FutureTask<>(() -> analyse(update, layout, histograms));
        try {
            helper.execute(updatePass);
        } catch (RejectedExecutionException closed) {
            // the listener is closing: this thread does both
        }
        Statistics.Analysis[] weightStats = analyse(weights, layout, histograms);
        updatePass.run(); // a no-op if the helper has taken it
        try {
            return new Both(updatePass.get(limit.toNanos(), TimeUnit.NANOSECONDS), weightStats);
        } catch (ExecutionException e) {
            throw new IllegalStateException("gradwatch's update statistics failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("gradwatch's update statistics took longer than " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gradwatch computed the update statistics", e);
        }
    }
}
