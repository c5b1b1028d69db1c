package io.gradwatch.listener;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast copy agrees with ND4J's slow element-by-element path on every layout it may meet. */
class ArrayCopyTest {

    private static float[] slow(INDArray a) {
        float[] out = new float[(int) a.length()];
        INDArray c = a.dup('c');
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getFloat((long) i);
        }
        return out;
    }

    private static void check(INDArray a) {
        float[] fast = new float[(int) a.length() + 3];
        ArrayCopy.copy(a, fast, 3);
        float[] expected = slow(a);
        float[] got = new float[expected.length];
        System.arraycopy(fast, 3, got, 0, got.length);
        assertArrayEquals(expected, got);
    }

    @Test
    void copy_ofContiguousMatrix() {
        check(Nd4j.rand(DataType.FLOAT, 5, 7));
    }

    @Test
    void copy_ofRowViewWithOffset() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 6, 9);
        check(m.getRow(4));
        check(m.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()));
    }

    @Test
    void copy_ofFortranOrderAndStridedViews() {
        check(Nd4j.rand(DataType.FLOAT, 'f', 4, 6));
        INDArray m = Nd4j.rand(DataType.FLOAT, 6, 9);
        check(m.getColumn(3));
        check(m.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)));
    }

    @Test
    void copy_ofFortranOrderMatrices_readStraightFromTheirBuffer() {
        check(Nd4j.rand(DataType.FLOAT, 'f', 1, 6));
        check(Nd4j.rand(DataType.FLOAT, 'f', 7, 1));
        check(Nd4j.rand(DataType.FLOAT, 'f', 128, 33));
        INDArray f = Nd4j.rand(DataType.FLOAT, 'f', 10, 8);
        check(f.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6))); // a view with an offset, still dense
        check(f.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all())); // not dense: ND4J's path
    }

    @Test
    void copy_ofDoubleArray_convertsToFloat() {
        check(Nd4j.rand(DataType.DOUBLE, 3, 4));
    }

    @Test
    void copy_ofFlatVectorView() {
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 100);
        check(flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 60)));
    }

    @Test
    void copy_intoTooSmallBuffer_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> ArrayCopy.copy(Nd4j.rand(DataType.FLOAT, 10), new float[5], 0));
    }
}
