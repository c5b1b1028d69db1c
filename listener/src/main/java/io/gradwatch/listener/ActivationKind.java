package io.gradwatch.listener;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/** Which health checks the function a layer really applies admits. */
enum ActivationKind {
    /** Output exactly 0 for negative input: units can die. */
    RELU_LIKE,
    /** Leaky ReLU: units can be stuck in the leaky (negative) part for every example. */
    LEAKY_RELU,
    /** Output in (0, 1): units can saturate near 0 or 1. */
    SIGMOID_LIKE,
    /** Output in (-1, 1): units can saturate near -1 or 1. */
    TANH_LIKE,
    /** Neither check applies (identity, softmax, ELU, a layer that applies no activation, ...). */
    OTHER;

    /**
     * The activation {@code conf} really applies to its output, or null when it applies none.
     * DropoutLayer's config inherits the network's default activation (sigmoid) without applying it, and
     * BatchNormalization ignores its activation in DL4J 1.0.0-M2.1: both output their (normalised) input.
     */
    static IActivation appliedBy(Layer conf) {
        if (conf instanceof DropoutLayer || conf instanceof BatchNormalization) {
            return null;
        }
        if (conf instanceof ActivationLayer a) {
            return a.getActivationFn();
        }
        if (conf instanceof BaseLayer b) {
            return b.getActivationFn();
        }
        return null;
    }

    static ActivationKind of(IActivation fn) {
        if (fn instanceof ActivationLReLU) {
            return LEAKY_RELU;
        }
        if (fn instanceof ActivationReLU || fn instanceof ActivationReLU6 || fn instanceof ActivationThresholdedReLU) {
            // ActivationReLU with a negative slope is leaky: its outputs are not exactly zero
            if (fn instanceof ActivationReLU r && r.getNegativeSlope() != null && r.getNegativeSlope() != 0.0) {
                return LEAKY_RELU;
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
