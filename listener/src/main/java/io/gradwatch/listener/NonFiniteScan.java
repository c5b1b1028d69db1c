package io.gradwatch.listener;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/** The cheap check on the training thread: does an array hold any NaN or infinity? */
final class NonFiniteScan {

    private NonFiniteScan() {
    }

    /**
     * Whether every value is finite. A contiguous float array is read straight from its native buffer:
     * v * 0 is 0 for a finite v and NaN for NaN or an infinity, so four running sums of it stay 0 exactly
     * when everything is finite (no overflow possible). Other arrays ask ND4J.
     */
    static boolean allFinite(INDArray a) {
        if (!ArrayCopy.isContiguousFloat(a)) {
            return !(a.isNaN().any() || a.isInfinite().any());
        }
        FloatBuffer b = a.data().asNioFloat();
        int from = Math.toIntExact(a.offset());
        int n = Math.toIntExact(a.length());
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = from;
        int end = from + n;
        for (; i + 3 < end; i += 4) {
            s0 += b.get(i) * 0f;
            s1 += b.get(i + 1) * 0f;
            s2 += b.get(i + 2) * 0f;
            s3 += b.get(i + 3) * 0f;
        }
        for (; i < end; i++) {
            s0 += b.get(i) * 0f;
        }
        return s0 + s1 + s2 + s3 == 0f;
    }
}
