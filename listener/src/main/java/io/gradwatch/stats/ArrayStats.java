package io.gradwatch.stats;

import java.io.Serializable;

/**
 * Summary statistics of one array (a gradient, an update, weights or activations), as an immutable value.
 *
 * <p>Aggregates follow IEEE arithmetic over every value, so that non-finite numbers are never hidden:
 * one NaN makes {@code l2}, {@code rms}, {@code mean}, {@code meanAbs} and {@code std} NaN, an infinity
 * makes them infinite (or NaN where infinities cancel). {@code min}, {@code max} and {@code maxAbs}
 * skip NaN but keep infinities. {@code nanCount} and {@code infCount} say how many values were
 * non-finite. An empty array has count 0 and NaN everywhere else.
 *
 * @param count        number of values
 * @param l2           Euclidean norm, sqrt(sum x^2)
 * @param rms          root mean square, l2 / sqrt(count): the vanishing-gradient tutorial's statistic
 * @param meanAbs      mean of |x|
 * @param maxAbs       largest |x| (NaN skipped)
 * @param min          smallest value (NaN skipped)
 * @param max          largest value (NaN skipped)
 * @param mean         arithmetic mean
 * @param std          population standard deviation
 * @param nanCount     number of NaN values
 * @param infCount     number of +Inf or -Inf values
 * @param zeroFraction fraction of values exactly 0 (+0 or -0)
 */
public record ArrayStats(long count, double l2, double rms, double meanAbs, double maxAbs, double min,
                         double max, double mean, double std, long nanCount, long infCount,
                         double zeroFraction) implements Serializable {

    public ArrayStats {
        if (count < 0 || nanCount < 0 || infCount < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (nanCount + infCount > count) {
            throw new IllegalArgumentException("nanCount + infCount must not exceed count");
        }
    }

    /** Statistics of an empty array: count 0, every other value NaN. */
    public static ArrayStats empty() {
        return new ArrayStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN);
    }

    /** True when at least one value was NaN or infinite. */
    public boolean hasNonFinite() {
        return nanCount > 0 || infCount > 0;
    }
}
