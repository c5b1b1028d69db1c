package io.gradwatch.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts of values in fixed, signed, power-of-two magnitude bins, identical at every step and for
 * every layer, so histograms can be compared across time and depth.
 *
 * <p>Bin layout ({@link #BIN_COUNT} bins, index order = value order):
 * <ul>
 *   <li>negative overflow: x &lt;= -2^{@value #MAX_EXPONENT} (finite);</li>
 *   <li>one bin per octave for negative values, -2^(k+1) &lt; x &lt;= -2^k, k from
 *       {@value #MAX_EXPONENT}-1 down to {@value #MIN_EXPONENT};</li>
 *   <li>negative underflow: -2^{@value #MIN_EXPONENT} &lt; x &lt; 0;</li>
 *   <li>zero: x == 0;</li>
 *   <li>positive underflow, positive octaves 2^k &lt;= x &lt; 2^(k+1), positive overflow: the mirror image.</li>
 * </ul>
 * 2^-40 is about 9.1e-13 and 2^20 about 1.05e6, so magnitudes from 1e-12 to 1e6 each get their own
 * octave (0.3 decades per bin). NaN and infinities are not binned; they are counted beside the bins.
 */
public final class LogHistogram implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Smallest octave exponent with its own bin: 2^-40 ~ 9.1e-13. */
    public static final int MIN_EXPONENT = -40;
    /** Octaves end here: values of magnitude 2^20 ~ 1.05e6 and above go to the overflow bins. */
    public static final int MAX_EXPONENT = 20;
    /** Octave bins per sign. */
    public static final int OCTAVES = MAX_EXPONENT - MIN_EXPONENT;
    /** Total bins: overflow, octaves and underflow for each sign, plus zero. */
    public static final int BIN_COUNT = 2 * (OCTAVES + 2) + 1;
    /** Index of the bin of exact zeros. */
    public static final int ZERO_BIN = OCTAVES + 2;

    private final long[] counts;
    private final long nanCount;
    private final long posInfCount;
    private final long negInfCount;

    private LogHistogram(long[] counts, long nanCount, long posInfCount, long negInfCount) {
        this.counts = counts;
        this.nanCount = nanCount;
        this.posInfCount = posInfCount;
        this.negInfCount = negInfCount;
    }

    /** A histogram from bin counts in the layout above; the array is copied. */
    public static LogHistogram of(long[] counts, long nanCount, long posInfCount, long negInfCount) {
        if (counts.length != BIN_COUNT) {
            throw new IllegalArgumentException("a LogHistogram has " + BIN_COUNT + " bins, got " + counts.length);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("bin counts must not be negative");
            }
        }
        if (nanCount < 0 || posInfCount < 0 || negInfCount < 0) {
            throw new IllegalArgumentException("non-finite counts must not be negative");
        }
        return new LogHistogram(counts.clone(), nanCount, posInfCount, negInfCount);
    }

    /** Bin index of a finite float; callers handle NaN and infinities before calling. */
    public static int binOf(float x) {
        int bits = Float.floatToRawIntBits(x);
        int magnitudeBin = magnitudeBin(bits);
        return bits < 0 ? ZERO_BIN - magnitudeBin : ZERO_BIN + magnitudeBin;
    }

    /**
     * Distance of a finite value's bin from the zero bin: 0 for zero, 1 for underflow,
     * 2..OCTAVES+1 for octaves MIN_EXPONENT..MAX_EXPONENT-1, OCTAVES+2 for overflow.
     */
    static int magnitudeBin(int bits) {
        int biasedExponent = (bits >>> 23) & 0xFF;
        if ((bits & 0x7FFFFFFF) == 0) {
            return 0;
        }
        int exponent = biasedExponent - 127; // subnormals land far below MIN_EXPONENT, as they should
        if (exponent < MIN_EXPONENT) {
            return 1;
        }
        if (exponent >= MAX_EXPONENT) {
            return OCTAVES + 2;
        }
        return exponent - MIN_EXPONENT + 2;
    }

    /**
     * Lower edge of bin {@code index} in value order (the edge nearer to minus infinity);
     * -Infinity for the negative overflow bin.
     */
    public static double lowerEdge(int index) {
        checkIndex(index);
        if (index == ZERO_BIN) {
            return 0.0;
        }
        if (index > ZERO_BIN) {
            return magnitudeLowerEdge(index - ZERO_BIN);
        }
        return -magnitudeUpperEdge(ZERO_BIN - index);
    }

    /** Upper edge of bin {@code index} in value order; +Infinity for the positive overflow bin. */
    public static double upperEdge(int index) {
        checkIndex(index);
        if (index == ZERO_BIN) {
            return 0.0;
        }
        if (index > ZERO_BIN) {
            return magnitudeUpperEdge(index - ZERO_BIN);
        }
        return 0.0 - magnitudeLowerEdge(ZERO_BIN - index); // 0.0 - 0.0 keeps the zero edge positive
    }

    private static double magnitudeLowerEdge(int magnitudeBin) {
        return magnitudeBin == 1 ? 0.0 : Math.scalb(1.0, MIN_EXPONENT + magnitudeBin - 2);
    }

    private static double magnitudeUpperEdge(int magnitudeBin) {
        return magnitudeBin == OCTAVES + 2 ? Double.POSITIVE_INFINITY
                : Math.scalb(1.0, MIN_EXPONENT + magnitudeBin - 1);
    }

    private static void checkIndex(int index) {
        if (index < 0 || index >= BIN_COUNT) {
            throw new IndexOutOfBoundsException("bin " + index + " outside 0.." + (BIN_COUNT - 1));
        }
    }

    /** Count in bin {@code index}. */
    public long count(int index) {
        return counts[index];
    }

    /** A copy of all bin counts. */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Counts folded by magnitude, ignoring sign: index 0 = zeros, 1 = underflow, 2.. = octaves,
     * last = overflow. This is what a log-magnitude heatmap shows.
     */
    public long[] magnitudeCounts() {
        long[] folded = new long[OCTAVES + 3];
        for (int m = 0; m < folded.length; m++) {
            folded[m] = m == 0 ? counts[ZERO_BIN] : counts[ZERO_BIN + m] + counts[ZERO_BIN - m];
        }
        return folded;
    }

    /** Number of finite values binned. */
    public long finiteCount() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    public long nanCount() {
        return nanCount;
    }

    public long posInfCount() {
        return posInfCount;
    }

    public long negInfCount() {
        return negInfCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogHistogram h && Arrays.equals(counts, h.counts) && nanCount == h.nanCount
                && posInfCount == h.posInfCount && negInfCount == h.negInfCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + Long.hashCode(nanCount + 7 * posInfCount + 13 * negInfCount);
    }

    @Override
    public String toString() {
        return "LogHistogram[finite=" + finiteCount() + ", nan=" + nanCount + ", +inf=" + posInfCount
                + ", -inf=" + negInfCount + "]";
    }
}
