package io.gradwatch.diagnosis;

import io.gradwatch.testing.ReferenceMlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.activations.Activation;

/**
 * Prints the calibration numbers of the four reference settings (one MNIST epoch each). Off by
 * default; run with {@code -Dtest=CalibrationProbe -Dcalibrate=true}.
 */
@EnabledIfSystemProperty(named = "calibrate", matches = "true")
class CalibrationProbe {

    @Test
    void printFourSettings() throws Exception {
        for (ReferenceMlp.Init init : ReferenceMlp.Init.values()) {
            for (Activation activation : new Activation[]{Activation.RELU, Activation.SIGMOID}) {
                MnistDiagnosisTest.Run.train(init, activation);
            }
        }
    }
}
