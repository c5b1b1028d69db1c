package io.gradwatch;

import java.nio.file.Path;

/**
 * Thrown out of {@code fit(...)} by a listener built with {@link GradWatchBuilder#haltOnNonFinite(Path)} or
 * {@link GradWatchBuilder#haltOnExploding(Path)}, after the model was saved to {@link #checkpoint()}
 * with DL4J's ModelSerializer (parameters and updater state; load it with
 * {@code ModelSerializer.restoreMultiLayerNetwork} or {@code restoreComputationGraph}).
 */
public final class TrainingHaltedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long iteration;
    private final String layer;
    private final String reason;
    private final transient Path checkpoint;
    private final long checkpointIteration;

    /** A halt whose checkpoint holds the model as it was before the update of {@code iteration}. */
    public TrainingHaltedException(long iteration, String layer, String reason, Path checkpoint) {
        this(iteration, layer, reason, checkpoint, iteration, "the model as it was before this update");
    }

    /**
     * A halt whose checkpoint holds the model as it was before the update of {@code checkpointIteration},
     * described in {@code held} (e.g. "the state certified healthy at iteration 180").
     * {@code checkpoint} may be null: then only the model in memory holds that state.
     */
    public TrainingHaltedException(long iteration, String layer, String reason, Path checkpoint,
                                   long checkpointIteration, String held) {
        super("gradwatch halted training at iteration " + iteration + " (" + layer + "): " + reason + "; "
                + held + (checkpoint != null ? " is saved in " + checkpoint : " is restored into the model in memory "
                + "(set haltOnNonFinite(path) to save it too)"));
        this.iteration = iteration;
        this.layer = layer;
        this.reason = reason;
        this.checkpoint = checkpoint;
        this.checkpointIteration = checkpointIteration;
    }

    /** DL4J's iteration count when training stopped (the update of this iteration was not applied). */
    public long iteration() {
        return iteration;
    }

    /** The first layer concerned: for non-finite gradients the one nearest the output (where backpropagation met them first). */
    public String layer() {
        return layer;
    }

    /** Why training stopped, in words. */
    public String reason() {
        return reason;
    }

    /** The saved model file, or null when none was asked for (recover() without a halt path). */
    public Path checkpoint() {
        return checkpoint;
    }

    /**
     * The iteration whose state the checkpoint (and the model in memory) holds: the state before that
     * iteration's update, normally the last one gradwatch certified healthy (see docs/recovery.md).
     */
    public long checkpointIteration() {
        return checkpointIteration;
    }
}
