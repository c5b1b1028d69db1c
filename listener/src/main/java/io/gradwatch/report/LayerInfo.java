package io.gradwatch.report;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Static description of one layer with parameters.
 *
 * @param name       layer name as DL4J reports it
 * @param index      position in the network (0 = nearest the input)
 * @param type       DL4J layer class simple name (e.g. DenseLayer, ConvolutionLayer)
 * @param activation activation function name, or "none"
 * @param parameters parameter keys with their sizes, in DL4J's order
 * @param loss       for an output layer, its loss function as DL4J names it (e.g. LossMCXENT, LossBinaryXENT,
 *                   LossMSE) and its number of outputs; null for other layers or when not known. The diagnosis
 *                   judges learning against the loss of a model that learned nothing from it
 */
public record LayerInfo(String name, int index, String type, String activation, List<ParameterInfo> parameters,
                        OutputLoss loss) implements Serializable {

    public LayerInfo {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** A layer that is not an output layer (or whose loss is not known). */
    public LayerInfo(String name, int index, String type, String activation, List<ParameterInfo> parameters) {
        this(name, index, type, activation, parameters, null);
    }

    /**
     * The loss function of an output layer and its number of outputs (classes for softmax).
     *
     * @param function DL4J's loss function class simple name, e.g. LossMCXENT
     * @param outputs  the layer's nOut
     */
    public record OutputLoss(String function, long outputs) implements Serializable {
        public OutputLoss {
            Objects.requireNonNull(function, "function");
        }
    }

    /** One parameter array: DL4J key, number of values, shape. */
    public record ParameterInfo(String key, long size, List<Long> shape) implements Serializable {
        public ParameterInfo {
            shape = List.copyOf(shape);
        }
    }
}
