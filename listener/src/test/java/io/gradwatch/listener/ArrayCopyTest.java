package io.gradwatch.listener;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void copyInStoredOrder_givesDenseColumnMajorMatricesUnitByUnit_andEverythingElseRowMajor() {
        INDArray f = Nd4j.rand(DataType.FLOAT, 'f', 5, 3);
        float[] byUnit = new float[15];
        assertTrue(ArrayCopy.copyInStoredOrder(f, byUnit));
        for (int u = 0; u < 3; u++) {
            for (int b = 0; b < 5; b++) {
                assertEquals(f.getFloat(b, u), byUnit[u * 5 + b], "example " + b + ", unit " + u);
            }
        }
        INDArray view = Nd4j.rand(DataType.FLOAT, 'f', 10, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6));
        float[] viewByUnit = new float[40];
        assertTrue(ArrayCopy.copyInStoredOrder(view, viewByUnit));
        assertEquals(view.getFloat(9, 3), viewByUnit[3 * 10 + 9]);

        for (INDArray rowMajor : new INDArray[]{Nd4j.rand(DataType.FLOAT, 5, 3), Nd4j.rand(DataType.FLOAT, 'f', 2, 3, 4),
                Nd4j.rand(DataType.FLOAT, 'f', 1, 6)}) {
            float[] copy = new float[(int) rowMajor.length()];
            assertFalse(ArrayCopy.copyInStoredOrder(rowMajor, copy));
            assertArrayEquals(slow(rowMajor), copy);
        }
        assertThrows(IllegalArgumentException.class, () -> ArrayCopy.copyInStoredOrder(f, new float[14]));
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
