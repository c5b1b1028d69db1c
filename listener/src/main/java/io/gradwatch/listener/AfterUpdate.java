package io.gradwatch.listener;

import io.gradwatch.stats.Statistics;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The update and the weights of a DL4J iteration, read at iterationDone: the one place that decides between
 * copying and analysing in place. Each is copied while the pool has room (cheapest for training); what does not
 * fit is analysed here, in one pass over ND4J's buffer ({@link InlineStatistics}), both at once when neither fits.
 *
 * @param update         the update's copy, or null
 * @param weights        the weights' copy, or null
 * @param updateAnalyses the update's statistics when it was not copied, or null
 * @param weightAnalyses likewise for the weights
 */
record AfterUpdate(float[] update, float[] weights, Statistics.Analysis[] updateAnalyses,
                   Statistics.Analysis[] weightAnalyses) {

    static AfterUpdate read(INDArray update, INDArray weights, ModelLayout layout, boolean histograms, BufferPool pool,
                            Executor helper, Duration maxWait) {
        float[] updateCopy = copy(update, layout, pool);
        float[] weightCopy = copy(weights, layout, pool);
        if (updateCopy == null && weightCopy == null) {
            InlineStatistics.Both both = InlineStatistics.analyseBoth(update, weights, layout, histograms, helper,
                    maxWait);
            return new AfterUpdate(null, null, both.update(), both.weights());
        }
        return new AfterUpdate(updateCopy, weightCopy,
                updateCopy == null ? InlineStatistics.analyse(update, layout, histograms) : null,
                weightCopy == null ? InlineStatistics.analyse(weights, layout, histograms) : null);
    }

    private static float[] copy(INDArray flat, ModelLayout layout, BufferPool pool) {
        float[] copy = pool.tryTake(layout.totalLength());
        if (copy != null) {
            ArrayCopy.copy(flat, copy, 0);
        }
        return copy;
    }
}
