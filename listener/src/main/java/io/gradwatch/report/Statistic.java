package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;

import java.util.function.ToDoubleFunction;

/**
 * The statistic a series measures: the last segment of every canonical series name. One vocabulary for every
 * sink: TensorBoard tags, UI columns, log lines and JSON keys all use {@link #key()}. A statistic of an array
 * carries how it is read from the array's {@link ArrayStats} ({@link #of}); the others are read from the report
 * they describe. A new statistic of arrays is its line here, its computation in {@code Statistics} and
 * {@link ArrayStats}, and its test: every series, tag and column follows from this line.
 */
public enum Statistic {
    /** Euclidean norm, sqrt(sum x^2). */
    L2("l2", Applies.EVERY_KIND, ArrayStats::l2),
    /** l2 / sqrt(count): the vanishing-gradient tutorial's statistic. */
    RMS("rms", Applies.EVERY_KIND, ArrayStats::rms),
    /** Mean of |x|. */
    MEAN_ABS("mean_abs", Applies.GRADIENTS, ArrayStats::meanAbs),
    /** Largest |x|. */
    MAX_ABS("max_abs", Applies.GRADIENTS, ArrayStats::maxAbs),
    /** Fraction of values that are exactly 0. */
    ZERO_FRACTION("zero_fraction", Applies.GRADIENTS, ArrayStats::zeroFraction),
    MEAN("mean", Applies.EVERY_KIND, ArrayStats::mean),
    /** Population standard deviation. */
    STD("std", Applies.EVERY_KIND, ArrayStats::std),
    MIN("min", Applies.EVERY_KIND, ArrayStats::min),
    MAX("max", Applies.EVERY_KIND, ArrayStats::max),
    /** How many values were NaN. */
    NAN_COUNT("nan_count", Applies.EVERY_KIND, ArrayStats::nanCount),
    /** How many values were +Inf or -Inf. */
    INF_COUNT("inf_count", Applies.EVERY_KIND, ArrayStats::infCount),
    /** log10 of the gradient RMS, written for TensorBoard's linear axis (its sink computes it from {@link #RMS}). */
    LOG10_RMS("log10_rms"),
    /** Update:weight ratio, rms(update) / rms(weights). */
    RATIO("ratio"),
    /** ReLU-like layers: fraction of units that are 0 for every example of the minibatch. */
    DEAD_FRACTION("dead_fraction"),
    /** Sigmoid/tanh-like layers: fraction of outputs near an asymptote. */
    SATURATED_FRACTION("saturated_fraction"),
    /** The minibatch's loss (report-level). */
    LOSS("loss"),
    /** L2 norm of the whole gradient over every parameter (report-level). */
    TOTAL_NORM("total_norm"),
    /** Iterations whose non-finite update was skipped (report-level). */
    NON_FINITE_SKIPPED("non_finite_skipped");

    /** Which arrays a statistic of arrays is published for. */
    private enum Applies { EVERY_KIND, GRADIENTS, NONE }

    private final String key;
    private final Applies applies;
    private final ToDoubleFunction<ArrayStats> reader;

    Statistic(String key) {
        this(key, Applies.NONE, null);
    }

    Statistic(String key, Applies applies, ToDoubleFunction<ArrayStats> reader) {
        this.key = key;
        this.applies = applies;
        this.reader = reader;
    }

    /** The statistic's canonical name, e.g. "rms". */
    public String key() {
        return key;
    }

    /** Whether this statistic is read from the {@link ArrayStats} of an array of {@code kind}. */
    public boolean summarises(Kind kind) {
        return applies == Applies.EVERY_KIND || applies == Applies.GRADIENTS && kind == Kind.GRADIENTS;
    }

    /** This statistic of {@code stats}; only for statistics of arrays ({@link #summarises}). */
    public double of(ArrayStats stats) {
        if (reader == null) {
            throw new IllegalStateException(key + " is not read from an array's statistics");
        }
        return reader.applyAsDouble(stats);
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
