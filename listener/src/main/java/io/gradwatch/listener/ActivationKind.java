package io.gradwatch.listener;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/** Which health checks an activation function admits. */
enum ActivationKind {
    /** Output exactly 0 for negative input: units can die. */
    RELU_LIKE,
    /** Output in (0, 1): units can saturate near 0 or 1. */
    SIGMOID_LIKE,
    /** Output in (-1, 1): units can saturate near -1 or 1. */
    TANH_LIKE,
    /** Neither check applies (identity, softmax, leaky ReLU, ...). */
    OTHER;

    static ActivationKind of(IActivation fn) {
        if (fn instanceof ActivationReLU || fn instanceof ActivationReLU6 || fn instanceof ActivationThresholdedReLU) {
            // ActivationReLU with a negative slope is leaky: its outputs are not exactly zero
            if (fn instanceof ActivationReLU r && r.getNegativeSlope() != null && r.getNegativeSlope() != 0.0) {
                return OTHER;
            }
            return RELU_LIKE;
        }
        if (fn instanceof ActivationSigmoid || fn instanceof ActivationHardSigmoid) {
            return SIGMOID_LIKE;
        }
        if (fn instanceof ActivationTanH || fn instanceof ActivationHardTanH || fn instanceof ActivationRationalTanh) {
            return TANH_LIKE;
        }
        return OTHER;
    }
}
