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
 */
public record LayerInfo(String name, int index, String type, String activation, List<ParameterInfo> parameters) implements Serializable {

    public LayerInfo {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    /** One parameter array: DL4J key, number of values, shape. */
    public record ParameterInfo(String key, long size, List<Long> shape) implements Serializable {
        public ParameterInfo {
            shape = List.copyOf(shape);
        }
    }
}
