package io.gradwatch.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every statistic against an independent plain loop (two-pass, in double) over the same values. */
class StatisticsTest {

    static Stream<Arguments> arrays() {
        Random r = new Random(42);
        float[] gaussian = new float[10_001];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = (float) (r.nextGaussian() * 1e-3 + 2e-4);
        }
        float[] tiny = new float[257];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = (float) ((i % 2 == 0 ? 1 : -1) * 1e-30 * (1 + r.nextDouble()));
        }
        float[] huge = new float[100];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = (float) (1e30 * (r.nextDouble() - 0.3));
        }
        float[] withNaN = gaussian.clone();
        withNaN[17] = Float.NaN;
        withNaN[9000] = Float.NaN;
        float[] withInf = gaussian.clone();
        withInf[3] = Float.POSITIVE_INFINITY;
        float[] bothInf = {1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -2f};
        float[] allNaN = {Float.NaN, Float.NaN};
        float[] mixed = {0f, -0f, 1e-30f, -1e30f, 3f, Float.MIN_VALUE, -Float.MAX_VALUE, 0f};
        float[] zerosSubnormalsAndNaN = {0f, Float.NaN, -0f, 2f, Float.MIN_VALUE, -Float.MIN_VALUE, -0f, 5f, -1f};
        return Stream.of(
                Arguments.of("gaussian", gaussian),
                Arguments.of("allZeros", new float[1000]),
                Arguments.of("singleElement", new float[]{-3.5f}),
                Arguments.of("tiny1e-30", tiny),
                Arguments.of("huge1e30", huge),
                Arguments.of("withNaN", withNaN),
                Arguments.of("withInf", withInf),
                Arguments.of("bothInfinities", bothInf),
                Arguments.of("allNaN", allNaN),
                Arguments.of("mixed", mixed),
                Arguments.of("zerosSubnormalsAndNaN", zerosSubnormalsAndNaN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void stats_matchPlainLoop(String name, float[] values) {
        checkAgainstLoop(values, 0, values.length, 1f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void stats_ofScaledSubRange_matchPlainLoop(String name, float[] values) {
        int from = values.length / 3;
        int to = Math.min(values.length, Math.max(from + 1, values.length - 1));
        checkAgainstLoop(values, from, to, 1f / 128);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void histogram_countsEveryFiniteValueInTheBinOfItsMagnitude(String name, float[] values) {
        LogHistogram h = Statistics.histogram(values, 0, values.length, 1f);
        long[] expected = new long[LogHistogram.BIN_COUNT];
        long nan = 0;
        long posInf = 0;
        long negInf = 0;
        for (float v : values) {
            if (Float.isNaN(v)) {
                nan++;
            } else if (v == Float.POSITIVE_INFINITY) {
                posInf++;
            } else if (v == Float.NEGATIVE_INFINITY) {
                negInf++;
            } else {
                expected[binByEdges(v)]++;
            }
        }
        for (int i = 0; i < LogHistogram.BIN_COUNT; i++) {
            assertEquals(expected[i], h.count(i), "bin " + i);
        }
        assertEquals(nan, h.nanCount());
        assertEquals(posInf, h.posInfCount());
        assertEquals(negInf, h.negInfCount());
        assertEquals(values.length - nan - posInf - negInf, h.finiteCount());
    }

    /** The bin whose documented edges contain v, found by a linear scan over the edges. */
    private static int binByEdges(float v) {
        double x = v;
        if (x == 0) {
            return LogHistogram.ZERO_BIN;
        }
        for (int i = 0; i < LogHistogram.BIN_COUNT; i++) {
            double lo = LogHistogram.lowerEdge(i);
            double hi = LogHistogram.upperEdge(i);
            boolean inside = x > 0 ? (lo <= x && x < hi) || (i == LogHistogram.ZERO_BIN + 1 && lo < x && x < hi)
                    : (lo < x && x <= hi);
            if (inside && i != LogHistogram.ZERO_BIN) {
                return i;
            }
        }
        throw new AssertionError("no bin for " + v);
    }

    @Test
    void histogram_resolvesEachDecadeFrom1e12To1e6() {
        float[] values = new float[19];
        for (int d = -12; d <= 6; d++) {
            values[d + 12] = (float) Math.pow(10, d);
        }
        LogHistogram h = Statistics.histogram(values, 0, values.length, 1f);
        for (float v : values) {
            int bin = LogHistogram.binOf(v);
            assertEquals(1, h.count(bin), "decade " + v + " must have a bin of its own");
            assertTrue(bin > LogHistogram.ZERO_BIN + 1 && bin < LogHistogram.BIN_COUNT - 1,
                    v + " must fall in an octave bin, not under- or overflow");
        }
    }

    @Test
    void histogram_edgesIncreaseAndMeetWithoutGaps() {
        for (int i = 0; i < LogHistogram.BIN_COUNT; i++) {
            assertTrue(LogHistogram.lowerEdge(i) <= LogHistogram.upperEdge(i), "bin " + i);
            if (i > 0) {
                assertEquals(LogHistogram.upperEdge(i - 1), LogHistogram.lowerEdge(i), "edge between " + (i - 1) + " and " + i);
            }
        }
    }

    @Test
    void rms_ofAllZeros_isZero() {
        assertEquals(0.0, Statistics.rms(new float[64], 0, 64, 1f));
    }

    @Test
    void stats_ofEmptyRange_haveCountZeroAndNaN() {
        ArrayStats s = Statistics.of(new float[4], 2, 2, 1f);
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.rms()));
    }

    @Test
    void stats_ofRangeOutsideArray_throw() {
        assertThrows(IndexOutOfBoundsException.class, () -> Statistics.of(new float[4], 2, 5, 1f));
    }

    @Test
    void logHistogram_withWrongBinCount_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogHistogram.of(new long[3], 0, 0, 0));
        assertTrue(e.getMessage().contains(String.valueOf(LogHistogram.BIN_COUNT)));
    }

    @Test
    void magnitudeCounts_foldSignsTogether() {
        float[] values = {1.5f, -1.5f, 0f, 3f};
        long[] folded = Statistics.histogram(values, 0, values.length, 1f).magnitudeCounts();
        int oneBin = LogHistogram.binOf(1.5f) - LogHistogram.ZERO_BIN;
        assertEquals(2, folded[oneBin]);
        assertEquals(1, folded[0]);
        assertEquals(1, folded[oneBin + 1]);
    }

    /** Two-pass reference in double, with the IEEE rules that ArrayStats documents. */
    private static void checkAgainstLoop(float[] raw, int from, int to, float scale) {
        int n = to - from;
        double sum = 0;
        double sumSq = 0;
        double sumAbs = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        long nan = 0;
        long inf = 0;
        long zeros = 0;
        for (int i = from; i < to; i++) {
            float v = raw[i] * scale;
            sum += v;
            sumSq += (double) v * v;
            sumAbs += Math.abs((double) v);
            if (Float.isNaN(v)) {
                nan++;
                continue;
            }
            if (Float.isInfinite(v)) {
                inf++;
            }
            if (v == 0f) {
                zeros++;
            }
            min = Double.isNaN(min) ? v : Math.min(min, v);
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        double mean = sum / n;
        double var = 0;
        for (int i = from; i < to; i++) {
            double d = raw[i] * scale - mean;
            var += d * d;
        }
        double std = Math.sqrt(var / n);
        double l2 = Math.sqrt(sumSq);
        ArrayStats s = Statistics.of(raw, from, to, scale);
        assertEquals(n, s.count());
        assertClose(l2, s.l2(), "l2");
        assertClose(l2 / Math.sqrt(n), s.rms(), "rms");
        assertClose(sumAbs / n, s.meanAbs(), "meanAbs");
        assertClose(Double.isNaN(min) ? Double.NaN : Math.max(Math.abs(min), Math.abs(max)), s.maxAbs(), "maxAbs");
        assertClose(min, s.min(), "min");
        assertClose(max, s.max(), "max");
        assertClose(mean, s.mean(), "mean");
        assertClose(inf > 0 ? Double.NaN : std, s.std(), "std");
        assertEquals(nan, s.nanCount(), "nanCount");
        assertEquals(inf, s.infCount(), "infCount");
        assertClose(n == 0 ? Double.NaN : (double) zeros / n, s.zeroFraction(), "zeroFraction");
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tolerance = Math.max(Math.abs(expected) * 1e-9, 1e-300);
        assertEquals(expected, actual, tolerance, what + " expected " + expected + " got " + actual);
    }
}
