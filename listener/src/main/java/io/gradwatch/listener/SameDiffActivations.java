package io.gradwatch.listener;

import java.util.Map;

/** SameDiff activation ops by op name, with the health checks each admits (see {@link ActivationKind}). */
final class SameDiffActivations {

    private static final Map<String, ActivationKind> KINDS = Map.ofEntries(
            Map.entry("relu", ActivationKind.RELU_LIKE),
            Map.entry("relu6", ActivationKind.RELU_LIKE),
            Map.entry("sigmoid", ActivationKind.SIGMOID_LIKE),
            Map.entry("hard_sigmoid", ActivationKind.SIGMOID_LIKE),
            Map.entry("tanh", ActivationKind.TANH_LIKE),
            Map.entry("hardtanh", ActivationKind.TANH_LIKE),
            Map.entry("rationaltanh", ActivationKind.TANH_LIKE),
            Map.entry("softmax", ActivationKind.OTHER),
            Map.entry("log_softmax", ActivationKind.OTHER),
            Map.entry("elu", ActivationKind.OTHER),
            Map.entry("selu", ActivationKind.OTHER),
            Map.entry("gelu", ActivationKind.OTHER),
            Map.entry("swish", ActivationKind.OTHER),
            Map.entry("softplus", ActivationKind.OTHER),
            Map.entry("softsign", ActivationKind.OTHER),
            Map.entry("leakyrelu", ActivationKind.OTHER),
            Map.entry("prelu", ActivationKind.OTHER));

    private SameDiffActivations() {
    }

    /** The kind of the activation op {@code opName}, or null if it is not an activation function. */
    static ActivationKind kindOf(String opName) {
        return opName == null ? null : KINDS.get(opName);
    }
}
