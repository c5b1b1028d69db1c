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

    public TrainingHaltedException(long iteration, String layer, String reason, Path checkpoint) {
        super("gradwatch halted training at iteration " + iteration + " (" + layer + "): " + reason
                + "; the model as it was before this update is saved in " + checkpoint);
        this.iteration = iteration;
        this.layer = layer;
        this.reason = reason;
        this.checkpoint = checkpoint;
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

    /** The saved model file. */
    public Path checkpoint() {
        return checkpoint;
    }
}
