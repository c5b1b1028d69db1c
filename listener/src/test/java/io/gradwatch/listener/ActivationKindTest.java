package io.gradwatch.listener;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Issue 10: activation health follows what a layer really applies, not its configured activation. */
class ActivationKindTest {

    @Test
    void dropoutLayer_inheritsSigmoidButAppliesNone() {
        DropoutLayer drop = new DropoutLayer.Builder(0.5).activation(Activation.SIGMOID).build();
        assertNull(ActivationKind.appliedBy(drop));
    }

    @Test
    void batchNormalization_ignoresItsActivation() {
        assertNull(ActivationKind.appliedBy(new BatchNormalization.Builder().activation(Activation.SIGMOID).build()));
    }

    @Test
    void activationLayerAndDense_applyTheirOwn() {
        assertEquals(ActivationKind.TANH_LIKE, ActivationKind.of(ActivationKind.appliedBy(
                new ActivationLayer.Builder().activation(Activation.TANH).build())));
        assertEquals(ActivationKind.SIGMOID_LIKE, ActivationKind.of(ActivationKind.appliedBy(
                new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.SIGMOID).build())));
    }

    @Test
    void leakyRelu_getsItsOwnKind() {
        assertEquals(ActivationKind.LEAKY_RELU, ActivationKind.of(new ActivationLReLU()));
        assertEquals(ActivationKind.RELU_LIKE, ActivationKind.of(Activation.RELU.getActivationFunction()));
    }

    @Test
    void leakyDeadFraction_countsUnitsNegativeForEveryExample() {
        // 2 examples x 3 units: unit 0 negative for both, unit 1 positive once, unit 2 zero/negative
        float[] values = {-0.01f, 0.5f, 0f, -0.02f, -0.1f, -0.03f};
        assertEquals(2.0 / 3, ActivationHealth.deadFraction(values, false, 2, true), 1e-12);
        assertEquals(0.0, ActivationHealth.deadFraction(values, false, 2, false), 1e-12);
    }

    @Test
    void deadFraction_readsAColumnMajorCopyByUnit() {
        // the same 2 x 3 batch stored unit by unit: unit 0 {-0.01, -0.02}, unit 1 {0.5, -0.1}, unit 2 {0, -0.03}
        float[] byUnit = {-0.01f, -0.02f, 0.5f, -0.1f, 0f, -0.03f};
        assertEquals(2.0 / 3, ActivationHealth.deadFraction(byUnit, true, 2, true), 1e-12);
        // relu: unit 0 {0, 0} is dead, units 1 {0.5, 0} and 2 {0, 0.3} are not
        float[] reluByUnit = {0f, 0f, 0.5f, 0f, 0f, 0.3f};
        assertEquals(1.0 / 3, ActivationHealth.deadFraction(reluByUnit, true, 2, false), 1e-12);
        assertEquals(2.0 / 3, ActivationHealth.deadFraction(reluByUnit, false, 2, false), 1e-12,
                "read row-major, the same values are rows {0, 0, 0.5} and {0, 0, 0.3}: two dead units");
    }

    @Test
    void saturation_sigmoidAgainstZeroAndOne_tanhAgainstMinusOneAndOne() {
        float[] values = {-0.995f, 0.005f, 0.995f, 0.5f};
        assertEquals(0.75, ActivationHealth.saturatedFraction(values, 0, 1), 1e-12, "-0.995, 0.005 and 0.995");
        assertEquals(0.5, ActivationHealth.saturatedFraction(values, -1, 1), 1e-12, "-0.995 and 0.995");
    }
}
