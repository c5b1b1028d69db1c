package io.gradwatch.report;

/** What an array holds. Its {@link #key()} is the first segment of every canonical series name. */
public enum Kind {
    /** The gradient of the loss, before the updater touches it. */
    GRADIENTS("gradients"),
    /** What the updater subtracted from the parameters in this iteration. */
    UPDATES("updates"),
    /** The parameters after this iteration's update. */
    WEIGHTS("weights"),
    /** A layer's output in this iteration's forward pass. */
    ACTIVATIONS("activations");

    private final String key;

    Kind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
