package io.gradwatch.listener;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Test access to the package-private non-finite scan, for the halting benchmark. */
public final class ScanTimingAccess {

    private ScanTimingAccess() {
    }

    public static boolean allFinite(INDArray a) {
        return NonFiniteScan.allFinite(a);
    }
}
