package io.gradwatch.tensorboard;

import java.util.Arrays;

/**
 * A histogram as TensorBoard's {@code HistogramProto} holds it: {@code bucketLimits[i]} is the right
 * edge of bucket i, which covers {@code [bucketLimits[i-1], bucketLimits[i])} (bucket 0 starts at
 * -DBL_MAX), and {@code bucketCounts[i]} its count.
 *
 * <p>Validated on construction so that nothing TensorBoard would misdraw or TensorFlow would refuse
 * is ever written: equal, non-empty lengths; strictly increasing limits; counts finite and
 * non-negative, summing to {@code num}; every number finite (open ends use ±{@link Double#MAX_VALUE});
 * {@code min <= max} unless the histogram is empty.
 */
record HistogramData(double min, double max, double num, double sum, double sumSquares,
                            double[] bucketLimits, double[] bucketCounts) {

    public HistogramData {
        if (bucketLimits.length == 0 || bucketLimits.length != bucketCounts.length) {
            throw new IllegalArgumentException("a histogram needs as many bucket limits as counts, and at least one; got "
                    + bucketLimits.length + " limits and " + bucketCounts.length + " counts");
        }
        bucketLimits = bucketLimits.clone();
        bucketCounts = bucketCounts.clone();
        double total = 0;
        for (int i = 0; i < bucketLimits.length; i++) {
            requireFinite("bucket limit", bucketLimits[i]);
            if (i > 0 && !(bucketLimits[i] > bucketLimits[i - 1])) {
                throw new IllegalArgumentException("bucket limits must increase strictly: limit " + i + " is "
                        + bucketLimits[i] + " after " + bucketLimits[i - 1]);
            }
            if (!(bucketCounts[i] >= 0) || Double.isInfinite(bucketCounts[i])) {
                throw new IllegalArgumentException("bucket counts must be finite and not negative, got "
                        + bucketCounts[i]);
            }
            total += bucketCounts[i];
        }
        requireFinite("min", min);
        requireFinite("max", max);
        requireFinite("sum", sum);
        requireFinite("sum of squares", sumSquares);
        if (total != num) {
            throw new IllegalArgumentException("bucket counts sum to " + total + " but num is " + num);
        }
        if (num > 0 && min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    /** The same histogram with every run of consecutive empty buckets collapsed into one, as TensorFlow encodes it. */
    HistogramData collapseEmptyRuns() {
        double[] limits = new double[bucketLimits.length];
        double[] counts = new double[bucketLimits.length];
        int n = 0;
        for (int i = 0; i < bucketLimits.length; ) {
            double end = bucketLimits[i];
            double count = bucketCounts[i];
            i++;
            if (count <= 0) {
                while (i < bucketLimits.length && bucketCounts[i] <= 0) {
                    end = bucketLimits[i];
                    count = bucketCounts[i];
                    i++;
                }
            }
            limits[n] = end;
            counts[n] = count;
            n++;
        }
        return new HistogramData(min, max, num, sum, sumSquares, Arrays.copyOf(limits, n), Arrays.copyOf(counts, n));
    }

    @Override
    public double[] bucketLimits() {
        return bucketLimits.clone();
    }

    @Override
    public double[] bucketCounts() {
        return bucketCounts.clone();
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite (TensorFlow refuses NaN and infinities in "
                    + "histograms), got " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramData h && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Double.compare(num, h.num) == 0 && Double.compare(sum, h.sum) == 0
                && Double.compare(sumSquares, h.sumSquares) == 0 && Arrays.equals(bucketLimits, h.bucketLimits)
                && Arrays.equals(bucketCounts, h.bucketCounts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bucketLimits) * 31 + Arrays.hashCode(bucketCounts) + Double.hashCode(num);
    }

    @Override
    public String toString() {
        return "HistogramData[num=" + num + ", min=" + min + ", max=" + max + ", buckets=" + bucketLimits.length + "]";
    }
}
