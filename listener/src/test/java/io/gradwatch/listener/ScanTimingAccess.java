package io.gradwatch.listener;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Test access to the package-private per-step checks (non-finite scan, recovery's norm), for the benchmarks. */
public final class ScanTimingAccess {

    private ScanTimingAccess() {
    }

    public static boolean allFinite(INDArray a) {
        return NonFiniteScan.allFinite(a);
    }

    public static double gradientNorm(INDArray a) {
        return GradientNorm.of(a);
    }
}
