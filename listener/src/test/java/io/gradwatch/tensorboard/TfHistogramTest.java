package io.gradwatch.tensorboard;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.HistogramProto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfHistogramTest {

    @Test
    void defaultLimits_are1551_symmetric_withDblMaxEnds() {
        double[] l = TfHistogram.defaultLimits();
        assertEquals(1551, l.length);
        assertEquals(-Double.MAX_VALUE, l[0]);
        assertEquals(Double.MAX_VALUE, l[1550]);
        assertEquals(0.0, l[775]);
        assertEquals(1e-12, l[776]);
        for (int i = 1; i < l.length; i++) {
            assertTrue(l[i] > l[i - 1]);
            assertTrue(-l[i] == l[l.length - 1 - i], "symmetric at " + i);
        }
    }

    @Test
    void histogram_ofReferenceLinearArray_isBitIdenticalToTensorFlows() throws Exception {
        HistogramProto tf = Reference.value("layer1/grad", 0).getHisto();
        assertEquals(119, tf.getBucketCount());
        byte[] ours = Values.histogramProto(TfHistogram.of(Reference.linear())).toByteArray();
        assertArrayEquals(tf.toByteArray(), ours);
    }

    @Test
    void histogram_ofReferenceCubes_isBitIdenticalToTensorFlows() throws Exception {
        HistogramProto tf = Reference.value("layer1/grad", 1).getHisto();
        assertEquals(283, tf.getBucketCount());
        byte[] ours = Values.histogramProto(TfHistogram.of(Reference.cubes())).toByteArray();
        assertArrayEquals(tf.toByteArray(), ours);
    }

    @Test
    void histogram_ofNoValues_isEncodedAsTensorFlowEncodesIt() throws Exception {
        HistogramProto tf = Reference.value("layer1/empty", 0).getHisto();
        assertArrayEquals(tf.toByteArray(), Values.histogramProto(TfHistogram.of(new double[0])).toByteArray());
    }

    @Test
    void histogram_valueOnALimit_goesToTheBucketAbove() {
        HistogramData h = TfHistogram.of(new double[]{1e-12});
        // upper_bound: 1e-12 is not below limit 1e-12, so it lands in the bucket whose limit is 1.1e-12
        int nonEmpty = -1;
        for (int i = 0; i < h.size(); i++) {
            if (h.bucketCounts()[i] > 0) {
                nonEmpty = i;
            }
        }
        assertEquals(1e-12 * 1.1, h.bucketLimits()[nonEmpty], 1e-27);
    }

    @Test
    void histogram_withNaNAndInfinities_leavesThemOut() {
        double[] values = {1.0, Double.NaN, Double.POSITIVE_INFINITY, -2.0, Double.NEGATIVE_INFINITY};
        HistogramData h = TfHistogram.of(values);
        assertEquals(2, h.num());
        assertEquals(-2.0, h.min());
        assertEquals(1.0, h.max());
        assertEquals(3, TfHistogram.nonFinite(values));
        for (double l : h.bucketLimits()) {
            assertTrue(Double.isFinite(l));
        }
    }

    @Test
    void histogramData_rejectsWhatTensorBoardWouldMisdraw() {
        double[] counts = {1, 1};
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 2, 1, 1, new double[]{1, 0.5}, counts));
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 2, 1, 1, new double[]{1, Double.POSITIVE_INFINITY}, counts));
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 3, 1, 1, new double[]{1, 2}, counts));
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(Double.NaN, 1, 2, 1, 1, new double[]{1, 2}, counts));
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(2, 1, 2, 1, 1, new double[]{1, 2}, counts));
        assertThrows(IllegalArgumentException.class,
                () -> new HistogramData(0, 1, 1, 1, 1, new double[]{1}, new double[]{1, 0}));
    }

    @Test
    void fromCounts_sumsNum_andCollapseMatchesTensorFlowsRule() {
        HistogramData h = HistogramData.fromCounts(new double[]{0, 1, 2, 3, 4}, new double[]{0, 0, 3, 0, 0}, 1.5, 1.7,
                4.8, 7.7);
        assertEquals(3, h.num());
        HistogramData c = h.collapseEmptyRuns();
        assertArrayEquals(new double[]{1, 2, 4}, c.bucketLimits());
        assertArrayEquals(new double[]{0, 3, 0}, c.bucketCounts());
    }
}
