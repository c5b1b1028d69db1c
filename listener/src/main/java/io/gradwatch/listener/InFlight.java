package io.gradwatch.listener;

import io.gradwatch.stats.Statistics;

/**
 * What both capture kinds (DL4J models and SameDiff) hold for one iteration until it becomes a {@link Snapshot}:
 * the buffers taken from the pool, the training-thread time gradwatch spent, and the clock since the previous
 * snapshot. Confined to its training thread.
 */
final class InFlight {

    private final ReportPipeline pipeline;
    private float[] gradient;
    private float[] update;
    private float[][] activations;
    private boolean[] activationsByUnit;
    private long nanosThisIteration;
    private long nanosSinceLastSnapshot;
    private long lastSnapshotNanos;
    private boolean stopped;

    InFlight(ReportPipeline pipeline) {
        this.pipeline = pipeline;
    }

    boolean stopped() {
        return stopped;
    }

    /** This thread's monitoring stops for good (after an internal error). */
    void stop() {
        stopped = true;
    }

    BufferPool pool() {
        return pipeline.pool();
    }

    /** Adds the training-thread time since {@code startNanos} (from {@link System#nanoTime()}) to this iteration's. */
    void spentSince(long startNanos) {
        nanosThisIteration += System.nanoTime() - startNanos;
    }

    float[] gradient() {
        return gradient;
    }

    void gradient(float[] copy) {
        gradient = copy;
    }

    float[] update() {
        return update;
    }

    void update(float[] copy) {
        update = copy;
    }

    /** Room for {@code slots} activation copies; {@code byUnit}: whether each copy's order is recorded. */
    float[][] activations(int slots, boolean byUnit) {
        activations = new float[slots][];
        activationsByUnit = byUnit ? new boolean[slots] : null;
        return activations;
    }

    void activation(int slot, float[] copy, boolean byUnit) {
        activations[slot] = copy;
        if (activationsByUnit != null) {
            activationsByUnit[slot] = byUnit;
        }
    }

    /** Returns what this iteration took to the pool; its time counts towards the next snapshot's overhead. */
    void discard() {
        BufferPool pool = pipeline.pool();
        pool.release(gradient);
        pool.release(update);
        if (activations != null) {
            for (float[] a : activations) {
                pool.release(a);
            }
        }
        clear();
        nanosSinceLastSnapshot += nanosThisIteration;
        nanosThisIteration = 0;
    }

    /** A new session starts: the next snapshot is its first (no wall time since a previous one). */
    void restartClock() {
        lastSnapshotNanos = 0;
    }

    /**
     * Hands this iteration to the analysis thread as a snapshot, with ownership of every buffer, and starts the next.
     * {@code startNanos}: when the calling callback started (its time counts to this iteration).
     */
    void submit(Measured measured, long startNanos) {
        long now = System.nanoTime();
        nanosThisIteration += now - startNanos;
        nanosSinceLastSnapshot += nanosThisIteration;
        long wall = lastSnapshotNanos == 0 ? 0 : now - lastSnapshotNanos;
        Snapshot snapshot = new Snapshot(measured.layout(), measured.workerId(), measured.iteration(),
                measured.epoch(), pipeline.uniqueTimestamp(System.currentTimeMillis()), measured.loss(),
                measured.batchSize(), measured.histograms(), gradient, measured.gradientScale(), update,
                measured.weights(), activations, activationsByUnit, nanosThisIteration, nanosSinceLastSnapshot, wall,
                pipeline.backpressureNanos(), measured.updateAnalyses(), measured.weightAnalyses());
        clear();
        nanosThisIteration = 0;
        nanosSinceLastSnapshot = 0;
        lastSnapshotNanos = now;
        pipeline.submit(snapshot);
    }

    private void clear() {
        gradient = null;
        update = null;
        activations = null;
        activationsByUnit = null;
    }

    /**
     * The rest of a snapshot, as the capture measured it at the end of the iteration.
     *
     * @param weights        the weights' copy, or null
     * @param updateAnalyses the update's statistics computed in place when it was not copied, or null
     * @param weightAnalyses likewise for the weights
     */
    record Measured(ModelLayout layout, String workerId, long iteration, int epoch, double loss, int batchSize,
                    boolean histograms, float gradientScale, float[] weights, Statistics.Analysis[] updateAnalyses,
                    Statistics.Analysis[] weightAnalyses) {
    }
}
