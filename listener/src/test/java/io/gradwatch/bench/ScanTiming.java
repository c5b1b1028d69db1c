package io.gradwatch.bench;

import io.gradwatch.listener.ScanTimingAccess;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/** Times the non-finite scan alone on the whole flattened gradient of a network. */
final class ScanTiming {

    private ScanTiming() {
    }

    static void print(MultiLayerNetwork net) {
        INDArray flat = net.getFlattenedGradients();
        boolean sink = true;
        for (int i = 0; i < 2000; i++) { // JIT warm-up
            sink &= ScanTimingAccess.allFinite(flat);
        }
        int n = 2000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink &= ScanTimingAccess.allFinite(flat);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(Locale.ROOT, "non-finite scan of %d gradient values: %.3f ms per call (all finite: %s)%n",
                flat.length(), ms, sink);
    }
}
