package io.gradwatch.listener;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * Recovery's per-step check on the training thread: the sum of squares of the whole gradient, which is
 * also its finiteness test (NaN when a value is NaN, infinite when one is infinite). One pass over the
 * native buffer, four float lanes per block of 4,096 values summed into a double (see docs/recovery.md for
 * its measured cost).
 */
final class GradientNorm {

    private static final int BLOCK = 4096;

    private GradientNorm() {
    }

    /** The L2 norm of {@code a}: NaN if a value is NaN, infinite if one is infinite. */
    static double of(INDArray a) {
        return Math.sqrt(sumOfSquares(a));
    }

    static double sumOfSquares(INDArray a) {
        if (!ArrayCopy.isContiguousFloat(a)) {
            double n = a.norm2Number().doubleValue();
            return n * n;
        }
        FloatBuffer b = a.data().asNioFloat();
        int from = Math.toIntExact(a.offset());
        int end = from + Math.toIntExact(a.length());
        double total = 0;
        for (int start = from; start < end; start += BLOCK) {
            total += blockSum(b, start, Math.min(end, start + BLOCK));
        }
        // a finite value above ~1.8e19 overflows its float square: recount such a gradient in double
        return Double.isInfinite(total) ? inDouble(b, from, end) : total;
    }

    private static double blockSum(FloatBuffer b, int start, int end) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = start;
        for (; i + 3 < end; i += 4) {
            float v0 = b.get(i);
            float v1 = b.get(i + 1);
            float v2 = b.get(i + 2);
            float v3 = b.get(i + 3);
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
        }
        for (; i < end; i++) {
            float v = b.get(i);
            s0 += v * v;
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static double inDouble(FloatBuffer b, int from, int end) {
        double total = 0;
        for (int i = from; i < end; i++) {
            double v = b.get(i);
            total += v * v;
        }
        return total;
    }
}
