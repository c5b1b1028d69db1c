package io.gradwatch.report;

/** Which gradient the "gradients" statistics describe. */
public enum GradientScale {
    /**
     * Gradient of the mean loss over the minibatch: DL4J's raw minibatch sum divided by the batch
     * size, which is what DL4J's updater itself does before applying the learning rate. The default.
     */
    MEAN_LOSS("gradient of the mean minibatch loss (raw sum / batch size)"),
    /** DL4J's raw gradient as it stands at onGradientCalculation: summed over the minibatch. */
    RAW_SUM("raw gradient summed over the minibatch");

    private final String description;

    GradientScale(String description) {
        this.description = description;
    }

    /** A sentence for docs and output headers. */
    public String description() {
        return description;
    }
}
