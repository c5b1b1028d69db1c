package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramDataTest {

    @Test
    void histogramData_rejectsWhatTensorBoardWouldMisdraw() {
        double[] counts = {1, 1};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 2, 1, 1, new double[]{1, 0.5}, counts)).getMessage()
                .contains("increase strictly"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 2, 1, 1, new double[]{1, Double.POSITIVE_INFINITY}, counts)).getMessage()
                .contains("must be finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 3, 1, 1, new double[]{1, 2}, counts)).getMessage()
                .contains("sum to 2.0 but num is 3.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(Double.NaN, 1, 2, 1, 1, new double[]{1, 2}, counts)).getMessage()
                .contains("min must be finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(2, 1, 2, 1, 1, new double[]{1, 2}, counts)).getMessage()
                .contains("above max"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 1, 1, 1, new double[]{1}, new double[]{1, 0})).getMessage()
                .contains("as many bucket limits as counts"));
    }

    @Test
    void collapseEmptyRuns_keepsOneBucketPerRun_ending_atTheRunsLastLimit() {
        HistogramData h = new HistogramData(1.5, 1.7, 3, 4.8, 7.7, new double[]{0, 1, 2, 3, 4},
                new double[]{0, 0, 3, 0, 0});
        HistogramData c = h.collapseEmptyRuns();
        assertArrayEquals(new double[]{1, 2, 4}, c.bucketLimits());
        assertArrayEquals(new double[]{0, 3, 0}, c.bucketCounts());
        assertEquals(3, c.num());
    }
}
