package io.gradwatch.listener;

import io.gradwatch.stats.Statistics;

/**
 * Copies of one iteration's arrays, taken on the training thread and handed, with ownership, to
 * the analysis thread (which returns the buffers to the pool when done). Null arrays were not captured.
 *
 * @param gradient            the flattened gradient as DL4J left it at onGradientCalculation (raw sum)
 * @param update              the flattened update the updater applied, or null
 * @param weights             the flattened parameters after the update, or null
 * @param activations         one copied output per {@link ModelLayout#activations()} slot (entries may be null)
 * @param activationsByUnit   per slot: true if its copy is column-major [batch, units] (each unit's values
 *                            contiguous, as ND4J stored it), false if row-major; null: all row-major
 * @param gradientScale       factor that turns the raw gradient into the reported one
 * @param trainingThreadNanos training-thread time spent in gradwatch for this iteration
 * @param overheadNanosSinceLast training-thread time in gradwatch since the previous snapshot of this worker
 * @param wallNanosSinceLast  wall time since the previous snapshot of this worker, or 0 for the first
 * @param backpressureNanos   time the training thread waited for the analysis queue, in total so far
 * @param updateAnalyses      when {@code update} is null: the update's statistics per segment of
 *                            {@link ModelLayout#segments()}, computed on the training thread (null entries for
 *                            unmonitored segments), or null
 * @param weightAnalyses      likewise for the weights
 */
record Snapshot(ModelLayout layout, String workerId, long iteration, int epoch, long timestampMillis, double loss,
                int batchSize, boolean histograms, float[] gradient, float gradientScale, float[] update,
                float[] weights, float[][] activations, boolean[] activationsByUnit, long trainingThreadNanos,
                long overheadNanosSinceLast, long wallNanosSinceLast, long backpressureNanos,
                Statistics.Analysis[] updateAnalyses,
                Statistics.Analysis[] weightAnalyses) {

    /** A snapshot whose update and weights, if any, are copies, and whose activations are row-major. */
    Snapshot(ModelLayout layout, String workerId, long iteration, int epoch, long timestampMillis, double loss,
             int batchSize, boolean histograms, float[] gradient, float gradientScale, float[] update,
             float[] weights, float[][] activations, long trainingThreadNanos, long overheadNanosSinceLast,
             long wallNanosSinceLast, long backpressureNanos) {
        this(layout, workerId, iteration, epoch, timestampMillis, loss, batchSize, histograms, gradient, gradientScale,
                update, weights, activations, null, trainingThreadNanos, overheadNanosSinceLast, wallNanosSinceLast,
                backpressureNanos, null, null);
    }

    /** Whether activation slot {@code i}'s copy is column-major [batch, units]. */
    boolean activationByUnit(int i) {
        return activationsByUnit != null && activationsByUnit[i];
    }

    void releaseTo(BufferPool pool) {
        pool.release(gradient);
        pool.release(update);
        pool.release(weights);
        if (activations != null) {
            for (float[] a : activations) {
                pool.release(a);
            }
        }
    }
}
