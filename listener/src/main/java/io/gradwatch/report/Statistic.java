package io.gradwatch.report;

/**
 * The statistic a series measures: the last segment of every canonical series name. One vocabulary
 * for every sink: TensorBoard tags, UI columns, log lines and JSON keys all use {@link #key()}.
 */
public enum Statistic {
    /** Euclidean norm, sqrt(sum x^2). */
    L2("l2"),
    /** l2 / sqrt(count): the vanishing-gradient tutorial's statistic. */
    RMS("rms"),
    /** Mean of |x|. */
    MEAN_ABS("mean_abs"),
    /** Largest |x|. */
    MAX_ABS("max_abs"),
    /** Fraction of values that are exactly 0. */
    ZERO_FRACTION("zero_fraction"),
    MEAN("mean"),
    /** Population standard deviation. */
    STD("std"),
    MIN("min"),
    MAX("max"),
    /** How many values were NaN. */
    NAN_COUNT("nan_count"),
    /** How many values were +Inf or -Inf. */
    INF_COUNT("inf_count"),
    /** Update:weight ratio, rms(update) / rms(weights). */
    RATIO("ratio"),
    /** ReLU-like layers: fraction of units that are 0 for every example of the minibatch. */
    DEAD_FRACTION("dead_fraction"),
    /** Sigmoid/tanh-like layers: fraction of outputs near an asymptote. */
    SATURATED_FRACTION("saturated_fraction");

    private final String key;

    Statistic(String key) {
        this.key = key;
    }

    /** The statistic's canonical name, e.g. "rms". */
    public String key() {
        return key;
    }

    /** The statistic whose {@link #key()} is {@code key}. */
    public static Statistic ofKey(String key) {
        for (Statistic s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown statistic '" + key + "'");
    }
}
