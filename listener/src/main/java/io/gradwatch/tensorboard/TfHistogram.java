package io.gradwatch.tensorboard;

import java.util.Arrays;

/**
 * TensorFlow's default histogram buckets and its binning rule, reproduced bit for bit: limits
 * {@code v = 1e-12, v *= 1.1 while v < 1e20} (774 values) mirrored around 0, with ±DBL_MAX at the
 * ends (1551 limits in all, about 10% relative resolution at every magnitude); a value goes to the
 * first bucket whose limit is above it ({@code std::upper_bound}); min, max, sum and sum of squares
 * are accumulated in input order; runs of empty buckets are collapsed on encoding.
 *
 * <p>NaN and infinities are never binned (TensorFlow refuses them): {@link #of(double[])} leaves
 * them out, and {@link #nonFinite(double[])} counts them for a caller that publishes the count.
 */
public final class TfHistogram {

    private static final double[] DEFAULT_LIMITS = computeDefaultLimits();

    private TfHistogram() {
    }

    /** A copy of TensorFlow's 1551 default bucket limits. */
    public static double[] defaultLimits() {
        return DEFAULT_LIMITS.clone();
    }

    private static double[] computeDefaultLimits() {
        double[] pos = new double[1000];
        int n = 0;
        for (double v = 1.0e-12; v < 1.0e20; v *= 1.1) {
            pos[n++] = v;
        }
        double[] limits = new double[2 * n + 3];
        int k = 0;
        limits[k++] = -Double.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            limits[k++] = -pos[i];
        }
        limits[k++] = 0.0;
        for (int i = 0; i < n; i++) {
            limits[k++] = pos[i];
        }
        limits[k] = Double.MAX_VALUE;
        return limits;
    }

    /** The histogram of the finite values of {@code values}, encoded as TensorFlow's writer encodes it. */
    public static HistogramData of(double[] values) {
        double[] counts = new double[DEFAULT_LIMITS.length];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double num = 0;
        double sum = 0;
        double sumSquares = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            counts[bucketOf(v)] += 1.0;
            if (min > v) {
                min = v;
            }
            if (max < v) {
                max = v;
            }
            num++;
            sum += v;
            sumSquares += v * v;
        }
        if (num == 0) {
            return HistogramData.empty();
        }
        return new HistogramData(min, max, num, sum, sumSquares, DEFAULT_LIMITS, counts).collapseEmptyRuns();
    }

    /** The histogram of the finite values of {@code values} (each widened to double first, as TensorFlow does). */
    public static HistogramData of(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return of(d);
    }

    /** How many values are NaN or infinite, i.e. left out of {@link #of(double[])}. */
    public static long nonFinite(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isFinite(v)).count();
    }

    /** Index of the first default limit above {@code v}. */
    static int bucketOf(double v) {
        int lo = 0;
        int hi = DEFAULT_LIMITS.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (DEFAULT_LIMITS[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.min(lo, DEFAULT_LIMITS.length - 1);
    }
}
