package io.gradwatch.stats;

import java.nio.FloatBuffer;
import java.util.function.Supplier;

/**
 * Pure statistics over plain float arrays. Every function reads {@code values[from, to)} scaled by
 * {@code scale} (each value is multiplied by scale as a float, exactly as the reported array would
 * be). See {@link ArrayStats} for the NaN/Inf rules.
 *
 * <p>{@link #analyse} is gradwatch's hot loop: one pass, four independent accumulator lanes (so
 * the CPU is not waiting on one chain of additions), sums in double, and every value counted by
 * the raw sign-and-exponent bits of its float (no branches, no logarithms). Those counts are the
 * histogram (folded into {@link LogHistogram}'s bins afterwards) and also tell, for free, whether
 * the array holds any zero, subnormal, infinity or NaN: only then does a second pass over it count
 * them exactly.
 */
public final class Statistics {

    private static final int LANES = 4;
    /** Values per bulk copy when reading a buffer: 64 KiB, a multiple of {@link #LANES}. */
    private static final int CHUNK = 16_384;
    /** Sign bit plus 8 exponent bits: the index into the raw exponent table. */
    private static final int SIGN_EXPONENT_VALUES = 512;
    private static final int SPECIAL_EXPONENT = 0xFF;

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

    /** Root mean square of {@code values[from, to)} times {@code scale}: l2 / sqrt(n). */
    public static double rms(float[] values, int from, int to, float scale) {
        return of(values, from, to, scale).rms();
    }

    /** Sum of squares in double precision (for total norms over parameters that are not analysed). */
    public static double sumOfSquares(float[] values, int from, int to, float scale) {
        checkRange(values.length, from, to);
        double s0 = 0;
        double s1 = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double a = values[i] * scale;
            double b = values[i + 1] * scale;
            s0 += a * a;
            s1 += b * b;
        }
        if (i < to) {
            double a = values[i] * scale;
            s0 += a * a;
        }
        return s0 + s1;
    }

    /** Statistics and, if {@code withHistogram}, the histogram, in a single pass over the values. */
    public static Analysis analyse(float[] values, int from, int to, float scale, boolean withHistogram) {
        checkRange(values.length, from, to);
        if (to == from) {
            return emptyAnalysis(withHistogram);
        }
        Accumulator acc = new Accumulator();
        acc.add(values, from, to, scale);
        return finish(acc, to - from, withHistogram, () -> Rare.scan(values, from, to, scale));
    }

    /**
     * Like {@link #analyse(float[], int, int, float, boolean)} over {@code values.get(from) .. get(to - 1)}
     * (absolute indices), e.g. straight from ND4J's native buffer without copying it first.
     */
    public static Analysis analyse(FloatBuffer values, int from, int to, float scale, boolean withHistogram) {
        checkRange(values.limit(), from, to);
        if (to == from) {
            return emptyAnalysis(withHistogram);
        }
        Accumulator acc = new Accumulator();
        // bulk-copied chunks that stay in cache: the array loop is faster than one buffer read per value, and a
        // chunk length divisible by the lane count keeps every value in the lane the array path gives it
        float[] chunk = new float[Math.min(CHUNK, to - from)];
        for (int start = from; start < to; start += chunk.length) {
            int n = Math.min(chunk.length, to - start);
            values.get(start, chunk, 0, n); // absolute: the buffer's position is left alone
            acc.add(chunk, 0, n, scale);
        }
        return finish(acc, to - from, withHistogram, () -> Rare.scan(values, from, to, scale));
    }

    private static Analysis emptyAnalysis(boolean withHistogram) {
        return new Analysis(ArrayStats.empty(),
                withHistogram ? LogHistogram.of(new long[LogHistogram.BIN_COUNT], 0, 0, 0) : null);
    }

    private static Analysis finish(Accumulator acc, long count, boolean withHistogram, Supplier<Rare> rescan) {
        Rare rare = acc.mayHoldRareValues() ? rescan.get() : new Rare(); // none: all counts 0
        long nonNan = count - rare.nan;
        float min = rare.nonFinite() ? rare.min : acc.min; // NaN-free, and exact with infinities present
        float max = rare.nonFinite() ? rare.max : acc.max;
        double sum = acc.sum();
        double sumSquares = acc.sumSquares();
        double sumAbs = acc.sumAbs();
        boolean anyNaN = rare.nan > 0;
        double l2 = anyNaN ? Double.NaN : Math.sqrt(sumSquares);
        double mean = anyNaN ? Double.NaN : sum / count;
        double std = anyNaN || rare.posInf + rare.negInf > 0 ? Double.NaN
                : Math.sqrt(Math.max(0.0, sumSquares / count - mean * mean));
        double lo = nonNan == 0 ? Double.NaN : min;
        double hi = nonNan == 0 ? Double.NaN : max;
        double maxAbs = nonNan == 0 ? Double.NaN : Math.max(Math.abs(lo), Math.abs(hi));
        ArrayStats stats = new ArrayStats(count, l2, l2 / Math.sqrt(count), anyNaN ? Double.NaN : sumAbs / count,
                maxAbs, lo, hi, mean, std, rare.nan, rare.posInf + rare.negInf,
                (double) (rare.posZeros + rare.negZeros) / count);
        LogHistogram histogram = withHistogram ? acc.histogram(rare) : null;
        return new Analysis(stats, histogram);
    }

    private static void checkRange(int length, int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside an array of " + length);
        }
    }

    /** Statistics with an optional histogram (null when not requested). */
    public record Analysis(ArrayStats stats, LogHistogram histogram) {
    }

    /** Running sums of one pass, in four lanes. */
    private static final class Accumulator {
        private double sum0, sum1, sum2, sum3;
        private double sq0, sq1, sq2, sq3;
        private double abs0, abs1, abs2, abs3;
        private float min = Float.POSITIVE_INFINITY;
        private float max = Float.NEGATIVE_INFINITY;
        /** Two interleaved tables of counts by sign+exponent bits, so consecutive equal bins do not stall. */
        private final int[] exponentsA = new int[SIGN_EXPONENT_VALUES];
        private final int[] exponentsB = new int[SIGN_EXPONENT_VALUES];

        /**
         * Adds {@code values[from, to)} times {@code scale}, value i to lane (i - from) % 4. The lanes live in
         * locals during the loop: as fields of this object, the JIT would load and store them for every value.
         */
        void add(float[] values, int from, int to, float scale) {
            double s0 = sum0, s1 = sum1, s2 = sum2, s3 = sum3;
            double q0 = sq0, q1 = sq1, q2 = sq2, q3 = sq3;
            double b0 = abs0, b1 = abs1, b2 = abs2, b3 = abs3;
            float lo = min;
            float hi = max;
            int[] ea = exponentsA;
            int[] eb = exponentsB;
            int i = from;
            for (; i + LANES <= to; i += LANES) {
                float a = values[i] * scale;
                float b = values[i + 1] * scale;
                float c = values[i + 2] * scale;
                float d = values[i + 3] * scale;
                ea[Float.floatToRawIntBits(a) >>> 23]++;
                eb[Float.floatToRawIntBits(b) >>> 23]++;
                ea[Float.floatToRawIntBits(c) >>> 23]++;
                eb[Float.floatToRawIntBits(d) >>> 23]++;
                // comparisons with NaN are false, so NaN never becomes min or max
                lo = a < lo ? a : lo;
                hi = a > hi ? a : hi;
                lo = b < lo ? b : lo;
                hi = b > hi ? b : hi;
                lo = c < lo ? c : lo;
                hi = c > hi ? c : hi;
                lo = d < lo ? d : lo;
                hi = d > hi ? d : hi;
                s0 += a;
                s1 += b;
                s2 += c;
                s3 += d;
                q0 += (double) a * a;
                q1 += (double) b * b;
                q2 += (double) c * c;
                q3 += (double) d * d;
                b0 += Math.abs(a);
                b1 += Math.abs(b);
                b2 += Math.abs(c);
                b3 += Math.abs(d);
            }
            for (; i < to; i++) {
                float a = values[i] * scale;
                ea[Float.floatToRawIntBits(a) >>> 23]++;
                lo = a < lo ? a : lo;
                hi = a > hi ? a : hi;
                s0 += a;
                q0 += (double) a * a;
                b0 += Math.abs(a);
            }
            sum0 = s0;
            sum1 = s1;
            sum2 = s2;
            sum3 = s3;
            sq0 = q0;
            sq1 = q1;
            sq2 = q2;
            sq3 = q3;
            abs0 = b0;
            abs1 = b1;
            abs2 = b2;
            abs3 = b3;
            min = lo;
            max = hi;
        }

        /** Whether any value has the exponent of zeros and subnormals, or of infinities and NaN. */
        boolean mayHoldRareValues() {
            return exponentCount(0, 0) + exponentCount(1, 0) + exponentCount(0, SPECIAL_EXPONENT)
                    + exponentCount(1, SPECIAL_EXPONENT) > 0;
        }

        double sum() {
            return (sum0 + sum1) + (sum2 + sum3);
        }

        double sumSquares() {
            return (sq0 + sq1) + (sq2 + sq3);
        }

        double sumAbs() {
            return (abs0 + abs1) + (abs2 + abs3);
        }

        long exponentCount(int sign, int biasedExponent) {
            int index = sign << 8 | biasedExponent;
            return (long) exponentsA[index] + exponentsB[index];
        }

        /** Folds the raw exponent counts into LogHistogram's bins. */
        LogHistogram histogram(Rare rare) {
            long[] bins = new long[LogHistogram.BIN_COUNT];
            bins[LogHistogram.ZERO_BIN] = rare.posZeros + rare.negZeros;
            for (int sign = 0; sign <= 1; sign++) {
                int direction = sign == 0 ? 1 : -1;
                long zerosOfSign = sign == 0 ? rare.posZeros : rare.negZeros;
                long subnormals = exponentCount(sign, 0) - zerosOfSign;
                bins[LogHistogram.ZERO_BIN + direction] += subnormals; // underflow
                for (int e = 1; e < SPECIAL_EXPONENT; e++) {
                    long n = exponentCount(sign, e);
                    if (n != 0) {
                        int magnitudeBin = LogHistogram.magnitudeBin(e << 23);
                        bins[LogHistogram.ZERO_BIN + direction * magnitudeBin] += n;
                    }
                }
            }
            return LogHistogram.of(bins, rare.nan, rare.posInf, rare.negInf);
        }
    }

    /**
     * Exact counts of the values the exponent counts cannot tell apart (zeros from subnormals, NaN from
     * infinities) and the NaN-free min and max, from a second pass over the arrays that have any of them.
     */
    private static final class Rare {
        long nan;
        long posInf;
        long negInf;
        long posZeros;
        long negZeros;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;

        static Rare scan(float[] values, int from, int to, float scale) {
            Rare r = new Rare();
            for (int i = from; i < to; i++) {
                r.add(values[i] * scale);
            }
            return r;
        }

        static Rare scan(FloatBuffer values, int from, int to, float scale) {
            Rare r = new Rare();
            for (int i = from; i < to; i++) {
                r.add(values.get(i) * scale);
            }
            return r;
        }

        boolean nonFinite() {
            return nan + posInf + negInf > 0;
        }

        private void add(float v) {
            int bits = Float.floatToRawIntBits(v);
            posZeros += bits == 0 ? 1 : 0;
            negZeros += bits == 0x80000000 ? 1 : 0;
            if (v != v) {
                nan++;
                return;
            }
            if (v == Float.POSITIVE_INFINITY) {
                posInf++;
            } else if (v == Float.NEGATIVE_INFINITY) {
                negInf++;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }
}
