package io.gradwatch.bench;

import io.gradwatch.listener.ScanTimingAccess;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Times the per-step checks alone on the whole flattened gradient of a network: halting's non-finite scan,
 * recover()'s norm pass, and ND4J's own norm2 for comparison.
 */
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
        double norm = 0;
        for (int i = 0; i < 2000; i++) {
            norm += ScanTimingAccess.gradientNorm(flat) + flat.norm2Number().doubleValue();
        }
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            norm += ScanTimingAccess.gradientNorm(flat);
        }
        double recoverMs = (System.nanoTime() - t0) / 1e6 / n;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            norm += flat.norm2Number().doubleValue();
        }
        double nd4jMs = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(Locale.ROOT, "recover()'s gradient norm pass: %.3f ms per call; ND4J norm2Number: %.3f ms "
                + "(checksum %.3g)%n", recoverMs, nd4jMs, norm);
    }
}
