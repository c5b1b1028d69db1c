package io.gradwatch.tensorboard;

/**
 * The tensor form of a histogram (plugin "histograms"): {@code k} equal-width rows
 * {@code [left edge, right edge, count]}, computed as TensorBoard's and TF2's {@code histogram_pb}
 * computes them, bit for bit: edges {@code i * ((max - min) / k) + min} with the last edge set to max
 * (numpy's linspace), a value's row {@code floor((x - min) / ((max - min) / k))} clamped to
 * {@code k - 1}; all values equal: every edge is that value and the last row holds them all; no
 * values: k rows of zeros. NaN and infinities are left out.
 */
public final class TensorHistogram {

    /** TensorBoard's default number of rows. */
    public static final int DEFAULT_BUCKETS = 30;

    private TensorHistogram() {
    }

    /** The rows for the finite values of {@code values}. */
    public static double[][] rows(double[] values, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        double[][] rows = new double[buckets][3];
        if (n == 0) {
            return rows;
        }
        if (min == max) {
            for (double[] row : rows) {
                row[0] = min;
                row[1] = min;
            }
            rows[buckets - 1][2] = n;
            return rows;
        }
        double width = (max - min) / buckets;
        for (double v : values) {
            if (Double.isFinite(v)) {
                int i = (int) Math.min(Math.floor((v - min) / width), buckets - 1);
                rows[i][2]++;
            }
        }
        for (int i = 0; i < buckets; i++) {
            rows[i][0] = i * width + min;
            rows[i][1] = i + 1 == buckets ? max : (i + 1) * width + min;
        }
        return rows;
    }
}
