package io.gradwatch.stats;

import java.nio.FloatBuffer;
import java.util.function.Supplier;

/**
 * Pure statistics over plain float arrays. Every function reads {@code values[from, to)} scaled by
 * {@code scale} (each value is multiplied by scale as a float, exactly as the reported array would
 * be). See {@link ArrayStats} for the NaN/Inf rules.
 *
 * <p>{@link #analyse} is gradwatch's hot loop: one pass, four independent accumulator lanes (so
 * the CPU is not waiting on one chain of additions), sums in double, and the histogram counted by
 * the raw sign-and-exponent bits of each float (no branches, no logarithms), folded into
 * {@link LogHistogram}'s bins afterwards.
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
        Accumulator acc = new Accumulator(withHistogram);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            acc.add4(values[i] * scale, values[i + 1] * scale, values[i + 2] * scale, values[i + 3] * scale);
        }
        for (; i < to; i++) {
            acc.add1(values[i] * scale);
        }
        return finish(acc, to - from, withHistogram, () -> NonFinite.scan(values, from, to, scale));
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
        Accumulator acc = new Accumulator(withHistogram);
        // bulk-copied chunks that stay in cache: the array loop is faster than one buffer read per value, and a
        // chunk length divisible by the lane count keeps every value in the lane the array path gives it
        float[] chunk = new float[Math.min(CHUNK, to - from)];
        for (int start = from; start < to; start += chunk.length) {
            int n = Math.min(chunk.length, to - start);
            values.get(start, chunk, 0, n); // absolute: the buffer's position is left alone
            int i = 0;
            for (; i + LANES <= n; i += LANES) {
                acc.add4(chunk[i] * scale, chunk[i + 1] * scale, chunk[i + 2] * scale, chunk[i + 3] * scale);
            }
            for (; i < n; i++) {
                acc.add1(chunk[i] * scale);
            }
        }
        return finish(acc, to - from, withHistogram, () -> NonFinite.scan(values, from, to, scale));
    }

    private static Analysis emptyAnalysis(boolean withHistogram) {
        return new Analysis(ArrayStats.empty(),
                withHistogram ? LogHistogram.of(new long[LogHistogram.BIN_COUNT], 0, 0, 0) : null);
    }

    private static Analysis finish(Accumulator acc, long count, boolean withHistogram, Supplier<NonFinite> rescan) {
        long specials = acc.exponentCount(0, SPECIAL_EXPONENT) + acc.exponentCount(1, SPECIAL_EXPONENT);
        long nan = 0;
        long posInf = 0;
        long negInf = 0;
        if (specials > 0 || !withHistogram && (Double.isNaN(acc.sumSquares()) || Double.isInfinite(acc.sumSquares()))) {
            // rare path: tell NaN from infinities, and find min/max without NaN
            NonFinite nf = rescan.get();
            nan = nf.nan;
            posInf = nf.posInf;
            negInf = nf.negInf;
            acc.min = nf.min;
            acc.max = nf.max;
        }
        long nonNan = count - nan;
        double sum = acc.sum();
        double sumSquares = acc.sumSquares();
        double sumAbs = acc.sumAbs();
        boolean anyNaN = nan > 0;
        double l2 = anyNaN ? Double.NaN : Math.sqrt(sumSquares);
        double mean = anyNaN ? Double.NaN : sum / count;
        double std = anyNaN || posInf + negInf > 0 ? Double.NaN
                : Math.sqrt(Math.max(0.0, sumSquares / count - mean * mean));
        double lo = nonNan == 0 ? Double.NaN : acc.min;
        double hi = nonNan == 0 ? Double.NaN : acc.max;
        double maxAbs = nonNan == 0 ? Double.NaN : Math.max(Math.abs(lo), Math.abs(hi));
        ArrayStats stats = new ArrayStats(count, l2, l2 / Math.sqrt(count), anyNaN ? Double.NaN : sumAbs / count,
                maxAbs, lo, hi, mean, std, nan, posInf + negInf, (double) (acc.posZeros + acc.negZeros) / count);
        LogHistogram histogram = withHistogram ? acc.histogram(nan, posInf, negInf) : null;
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
        private long posZeros;
        private long negZeros;
        /** Two interleaved tables of counts by sign+exponent bits, so consecutive equal bins do not stall. */
        private final int[] exponentsA;
        private final int[] exponentsB;

        Accumulator(boolean withHistogram) {
            exponentsA = withHistogram ? new int[SIGN_EXPONENT_VALUES] : null;
            exponentsB = withHistogram ? new int[SIGN_EXPONENT_VALUES] : null;
        }

        void add4(float a, float b, float c, float d) {
            int ba = Float.floatToRawIntBits(a);
            int bb = Float.floatToRawIntBits(b);
            int bc = Float.floatToRawIntBits(c);
            int bd = Float.floatToRawIntBits(d);
            if (exponentsA != null) {
                exponentsA[ba >>> 23]++;
                exponentsB[bb >>> 23]++;
                exponentsA[bc >>> 23]++;
                exponentsB[bd >>> 23]++;
            }
            countZeros(ba);
            countZeros(bb);
            countZeros(bc);
            countZeros(bd);
            minMax(a);
            minMax(b);
            minMax(c);
            minMax(d);
            sum0 += a;
            sum1 += b;
            sum2 += c;
            sum3 += d;
            sq0 += (double) a * a;
            sq1 += (double) b * b;
            sq2 += (double) c * c;
            sq3 += (double) d * d;
            abs0 += Math.abs(a);
            abs1 += Math.abs(b);
            abs2 += Math.abs(c);
            abs3 += Math.abs(d);
        }

        void add1(float a) {
            int ba = Float.floatToRawIntBits(a);
            if (exponentsA != null) {
                exponentsA[ba >>> 23]++;
            }
            countZeros(ba);
            minMax(a);
            sum0 += a;
            sq0 += (double) a * a;
            abs0 += Math.abs(a);
        }

        private void countZeros(int bits) {
            posZeros += bits == 0 ? 1 : 0;
            negZeros += bits == 0x80000000 ? 1 : 0;
        }

        private void minMax(float v) {
            // comparisons with NaN are false, so NaN never becomes min or max
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
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
            if (exponentsA == null) {
                return 0;
            }
            int index = sign << 8 | biasedExponent;
            return (long) exponentsA[index] + exponentsB[index];
        }

        /** Folds the raw exponent counts into LogHistogram's bins. */
        LogHistogram histogram(long nan, long posInf, long negInf) {
            long[] bins = new long[LogHistogram.BIN_COUNT];
            bins[LogHistogram.ZERO_BIN] = posZeros + negZeros;
            for (int sign = 0; sign <= 1; sign++) {
                int direction = sign == 0 ? 1 : -1;
                long zerosOfSign = sign == 0 ? posZeros : negZeros;
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
            return LogHistogram.of(bins, nan, posInf, negInf);
        }
    }

    /** Counts of non-finite values and the NaN-free min and max, for the rare arrays that have them. */
    private static final class NonFinite {
        long nan;
        long posInf;
        long negInf;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;

        static NonFinite scan(float[] values, int from, int to, float scale) {
            NonFinite nf = new NonFinite();
            for (int i = from; i < to; i++) {
                nf.add(values[i] * scale);
            }
            return nf;
        }

        static NonFinite scan(FloatBuffer values, int from, int to, float scale) {
            NonFinite nf = new NonFinite();
            for (int i = from; i < to; i++) {
                nf.add(values.get(i) * scale);
            }
            return nf;
        }

        private void add(float v) {
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
