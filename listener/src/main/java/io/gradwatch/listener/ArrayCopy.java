package io.gradwatch.listener;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The one edge where ND4J arrays become plain float arrays. A contiguous float array is copied
 * straight out of its native buffer (one memcpy, no JNI op); anything else (double networks,
 * strided views) is first made contiguous float by ND4J, except dense column-major matrices, which are read
 * in row-major order straight from their buffer.
 */
final class ArrayCopy {

    private ArrayCopy() {
    }

    /** Copies every value of {@code src} in row-major ('c') order into {@code dst} starting at {@code dstOffset}. */
    static void copy(INDArray src, float[] dst, int dstOffset) {
        checkFits(src, dst, dstOffset);
        if (isDenseFortranFloatMatrix(src)) {
            copyTransposed(src, dst, dstOffset);
            return;
        }
        bulkCopy(isContiguousFloat(src) ? src : src.castTo(DataType.FLOAT).dup('c'), dst, dstOffset);
    }

    /**
     * Copies a layer output as cheaply as it can be read: a dense column-major float matrix (what DL4J's dense
     * layers output) in its stored order with one bulk copy (true: each unit's batch of values is contiguous),
     * anything else as {@link #copy} does, row-major (false). Reordering element by element costs several
     * times a bulk copy on the training thread; the order does not change any statistic.
     */
    static boolean copyInStoredOrder(INDArray src, float[] dst) {
        if (!isDenseFortranFloatMatrix(src)) {
            copy(src, dst, 0);
            return false;
        }
        checkFits(src, dst, 0);
        bulkCopy(src, dst, 0);
        return true;
    }

    private static void checkFits(INDArray src, float[] dst, int dstOffset) {
        if (src.length() > dst.length - dstOffset) {
            throw new IllegalArgumentException("array of " + src.length() + " values does not fit at " + dstOffset
                    + " in a buffer of " + dst.length);
        }
    }

    /** One memcpy of a float array whose values lie contiguous in its buffer from its offset on. */
    private static void bulkCopy(INDArray contiguous, float[] dst, int dstOffset) {
        FloatBuffer buffer = contiguous.data().asNioFloat();
        buffer.position(Math.toIntExact(contiguous.offset()));
        buffer.get(dst, dstOffset, (int) contiguous.length());
    }

    /**
     * A dense column-major float matrix (what DL4J's dense layers output): read straight from its buffer in
     * row-major order, saving the native dup ND4J would need (its fixed cost is most of a small copy).
     */
    private static boolean isDenseFortranFloatMatrix(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.rank() != 2 || a.ordering() != 'f' || a.isEmpty()) {
            return false;
        }
        if (a.size(0) == 1 || a.size(1) == 1) {
            return false; // a vector: one bulk copy below
        }
        long[] stride = a.stride();
        return stride[0] == 1 && stride[1] == a.size(0);
    }

    private static void copyTransposed(INDArray src, float[] dst, int dstOffset) {
        int rows = (int) src.size(0);
        int cols = (int) src.size(1);
        FloatBuffer buffer = src.data().asNioFloat();
        int base = Math.toIntExact(src.offset());
        for (int c = 0; c < cols; c++) {
            int from = base + c * rows;
            for (int r = 0; r < rows; r++) {
                dst[dstOffset + r * cols + c] = buffer.get(from + r);
            }
        }
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
