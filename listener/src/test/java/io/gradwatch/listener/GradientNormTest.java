package io.gradwatch.listener;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recovery's per-step norm against a plain double loop, and its finiteness signal. */
class GradientNormTest {

    private static double plainNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void norm_ofRandomValues_matchesPlainLoop() {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.randn(DataType.FLOAT, 1, 100_003);
        assertEquals(plainNorm(a.toFloatVector()), GradientNorm.of(a), 1e-5 * plainNorm(a.toFloatVector()));
    }

    @Test
    void norm_ofAView_readsOnlyTheView() {
        INDArray a = Nd4j.createFromArray(new float[]{100f, 3f, 4f, 100f});
        assertEquals(5.0, GradientNorm.of(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3))), 1e-6);
    }

    @Test
    void norm_withNaN_isNaN_withInfinity_isInfinite() {
        INDArray a = Nd4j.createFromArray(new float[]{1f, 2f, Float.NaN, 4f, 5f});
        assertTrue(Double.isNaN(GradientNorm.of(a)));
        INDArray b = Nd4j.createFromArray(new float[]{1f, Float.NEGATIVE_INFINITY, 4f, 5f, 6f});
        assertEquals(Double.POSITIVE_INFINITY, GradientNorm.of(b));
    }

    /** A finite value whose float square overflows is counted again in double: finite, and right. */
    @Test
    void norm_ofHugeFiniteValues_isFiniteAndRight() {
        INDArray a = Nd4j.createFromArray(new float[]{3e20f, 4e20f, 0f, 0f, 0f});
        assertEquals(5e20, GradientNorm.of(a), 1e14);
    }

    @Test
    void norm_ofDoubles_usesNd4j() {
        INDArray a = Nd4j.createFromArray(new double[]{3, 4});
        assertEquals(5.0, GradientNorm.of(a), 1e-12);
    }
}
