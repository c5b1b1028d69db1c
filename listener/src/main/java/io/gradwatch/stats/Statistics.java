package io.gradwatch.stats;

/**
 * Pure statistics over plain float arrays. Every function reads {@code values[from, to)} scaled by
 * {@code scale} (each value is multiplied by scale as a float, exactly as the reported array would
 * be), in one pass, without allocating per element. See {@link ArrayStats} for the NaN/Inf rules.
 */
public final class Statistics {

    private Statistics() {
    }

    /** Statistics of {@code values[from, to)} times {@code scale}. */
    public static ArrayStats of(float[] values, int from, int to, float scale) {
        return analyse(values, from, to, scale, false).stats();
    }

    /** Statistics of the whole array. */
    public static ArrayStats of(float[] values) {
        return of(values, 0, values.length, 1f);
    }

    /** Histogram of {@code values[from, to)} times {@code scale}. */
    public static LogHistogram histogram(float[] values, int from, int to, float scale) {
        return analyse(values, from, to, scale, true).histogram();
    }

    /**
     * Statistics and, if {@code withHistogram}, the histogram, in a single pass over the values.
     */
    public static Analysis analyse(float[] values, int from, int to, float scale, boolean withHistogram) {
        checkRange(values, from, to);
        long count = to - from;
        if (count == 0) {
            return new Analysis(ArrayStats.empty(), withHistogram ? LogHistogram.of(new long[LogHistogram.BIN_COUNT], 0, 0, 0) : null);
        }
        double sum = 0;
        double sumSquares = 0;
        double sumAbs = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        long nan = 0;
        long posInf = 0;
        long negInf = 0;
        long zeros = 0;
        long[] bins = withHistogram ? new long[LogHistogram.BIN_COUNT] : null;
        for (int i = from; i < to; i++) {
            float v = values[i] * scale;
            int bits = Float.floatToRawIntBits(v);
            if ((bits & 0x7F800000) == 0x7F800000) { // exponent all ones: NaN or infinity
                if (v != v) {
                    nan++;
                    sum = Double.NaN;
                    continue;
                }
                if (v > 0) {
                    posInf++;
                } else {
                    negInf++;
                }
            } else if (bins != null) {
                int m = LogHistogram.magnitudeBin(bits);
                bins[bits < 0 ? LogHistogram.ZERO_BIN - m : LogHistogram.ZERO_BIN + m]++;
            }
            if (v == 0f) {
                zeros++;
            }
            double d = v;
            sum += d;
            sumSquares += d * d;
            sumAbs += Math.abs(d);
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        long nonNan = count - nan;
        boolean anyNaN = nan > 0;
        double l2 = anyNaN ? Double.NaN : Math.sqrt(sumSquares);
        double mean = anyNaN ? Double.NaN : sum / count;
        double meanAbs = anyNaN ? Double.NaN : sumAbs / count;
        double std;
        if (anyNaN || posInf + negInf > 0) {
            std = Double.NaN;
        } else {
            std = Math.sqrt(Math.max(0.0, sumSquares / count - mean * mean));
        }
        double lo = nonNan == 0 ? Double.NaN : min;
        double hi = nonNan == 0 ? Double.NaN : max;
        double maxAbs = nonNan == 0 ? Double.NaN : Math.max(Math.abs(lo), Math.abs(hi));
        ArrayStats stats = new ArrayStats(count, l2, l2 / Math.sqrt(count), meanAbs, maxAbs, lo, hi, mean, std,
                nan, posInf + negInf, (double) zeros / count);
        LogHistogram histogram = bins == null ? null : LogHistogram.of(bins, nan, posInf, negInf);
        return new Analysis(stats, histogram);
    }

    /** Root mean square of {@code values[from, to)} times {@code scale}: l2 / sqrt(n). */
    public static double rms(float[] values, int from, int to, float scale) {
        return of(values, from, to, scale).rms();
    }

    /** Sum of squares over the whole array in double precision (for total norms over many segments). */
    public static double sumOfSquares(float[] values, int from, int to, float scale) {
        checkRange(values, from, to);
        double total = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] * scale;
            total += d * d;
        }
        return total;
    }

    private static void checkRange(float[] values, int from, int to) {
        if (from < 0 || to > values.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside an array of " + values.length);
        }
    }

    /** Statistics with an optional histogram (null when not requested). */
    public record Analysis(ArrayStats stats, LogHistogram histogram) {
    }
}
