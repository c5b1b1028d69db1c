package io.gradwatch.report;

/** What a series describes. Its {@link #key()} is the first segment of every canonical series name. */
public enum Kind {
    /** The gradient of the loss, before the updater touches it. */
    GRADIENTS("gradients", true),
    /** What the updater subtracted from the parameters in this iteration. */
    UPDATES("updates", true),
    /** The parameters after this iteration's update. */
    WEIGHTS("weights", true),
    /** A layer's output in this iteration's forward pass. */
    ACTIVATIONS("activations", false),
    /** The whole step (the loss): its series names have no kind segment. */
    REPORT("", false),
    /** gradwatch's own figures about the run (e.g. recovery counts). */
    GRADWATCH("gradwatch", false);

    private final String key;
    private final boolean perParameter;

    Kind(String key, boolean perParameter) {
        this.key = key;
        this.perParameter = perParameter;
    }

    public String key() {
        return key;
    }

    /** Whether this kind's per-layer series are per parameter (a layer's output has none). */
    public boolean perParameter() {
        return perParameter;
    }

    /** The kind whose {@link #key()} is {@code key}. */
    public static Kind ofKey(String key) {
        for (Kind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown series kind '" + key + "'");
    }
}
