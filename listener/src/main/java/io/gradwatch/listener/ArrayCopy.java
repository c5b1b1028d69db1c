package io.gradwatch.listener;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The one edge where ND4J arrays become plain float arrays. A contiguous float array is copied
 * straight out of its native buffer (one memcpy, no JNI op); anything else (double networks,
 * strided views) is first made contiguous float by ND4J.
 */
final class ArrayCopy {

    private ArrayCopy() {
    }

    /** Copies every value of {@code src} in row-major ('c') order into {@code dst} starting at {@code dstOffset}. */
    static void copy(INDArray src, float[] dst, int dstOffset) {
        long n = src.length();
        if (n > dst.length - dstOffset) {
            throw new IllegalArgumentException("array of " + n + " values does not fit at " + dstOffset
                    + " in a buffer of " + dst.length);
        }
        INDArray contiguous = isContiguousFloat(src) ? src : src.castTo(DataType.FLOAT).dup('c');
        FloatBuffer buffer = contiguous.data().asNioFloat();
        buffer.position(Math.toIntExact(contiguous.offset()));
        buffer.get(dst, dstOffset, (int) n);
    }

    static boolean isContiguousFloat(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.isEmpty()) {
            return false;
        }
        if (a.isVector() || a.isScalar()) {
            return a.elementWiseStride() == 1;
        }
        return a.ordering() == 'c' && a.elementWiseStride() == 1;
    }
}
