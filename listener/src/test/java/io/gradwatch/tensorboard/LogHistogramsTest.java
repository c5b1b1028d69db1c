package io.gradwatch.tensorboard;

import io.gradwatch.stats.LogHistogram;
import io.gradwatch.stats.Statistics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogHistogramsTest {

    private static HistogramData convert(float... values) {
        Statistics.Analysis a = Statistics.analyse(values, 0, values.length, 1f, true);
        return LogHistograms.toHistogram(a.histogram(), a.stats());
    }

    @Test
    void zerosAndPositiveUnderflow_shareTheBucketUpTo2PowMinus40() {
        HistogramData h = convert(0f, -0f, 1e-20f);
        int i = java.util.Arrays.binarySearch(h.bucketLimits(), Math.scalb(1.0, LogHistogram.MIN_EXPONENT));
        assertTrue(i >= 0);
        assertEquals(3, h.bucketCounts()[i]);
        assertEquals(3, h.num());
    }

    @Test
    void buckets_endWithNonEmptyOnes_soTensorBoardNeverDrawsABackwardBucket() {
        // issue 14: TensorBoard's Rust loader keeps empty end buckets and puts min (max) on their outer edge
        HistogramData h = convert(-1.5f, 0.75f, 3f);
        double[] counts = h.bucketCounts();
        double[] limits = h.bucketLimits();
        assertEquals(1, counts[0], "first bucket: the one holding -1.5");
        assertEquals(1, counts[counts.length - 1], "last bucket: the one holding 3");
        assertEquals(-1, limits[0]);
        assertEquals(4, limits[limits.length - 1]);
    }

    @Test
    void buckets_areGradwatchOctaves_withDblMaxForOverflow() {
        HistogramData h = convert(-1.5f, 0.75f, 3f, 2e7f);
        assertArrayEquals(new double[]{-1, 0.5, 1, 2, 4, Math.scalb(1.0, LogHistogram.MAX_EXPONENT), Double.MAX_VALUE},
                java.util.Arrays.copyOfRange(h.bucketLimits(), h.bucketLimits().length - 7, h.bucketLimits().length));
        assertEquals(-1.5, h.min());
        assertEquals(2e7, h.max(), 1);
        assertEquals(-1.5 + 0.75 + 3 + 2e7, h.sum(), 1);
    }

    @Test
    void withInfinities_minMaxAndSumsAreFiniteEstimates_fromTheBins() {
        HistogramData h = convert(Float.NEGATIVE_INFINITY, 3f, Float.NaN, Float.POSITIVE_INFINITY);
        assertEquals(1, h.num());
        assertEquals(2.0, h.min(), "lower edge of the bin [2, 4)");
        assertEquals(4.0, h.max(), "upper edge of the bin [2, 4)");
        assertEquals(3.0, h.sum(), "bin midpoint");
    }

    @Test
    void onlyNonFiniteValues_giveNoHistogram() {
        assertNull(convert(Float.NaN, Float.POSITIVE_INFINITY));
    }
}
