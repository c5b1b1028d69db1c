package io.gradwatch.report;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sink learns once, before the first report of a worker: the session, the network and its
 * hyperparameters.
 *
 * @param sessionId       session (run) id; stable for one listener, shared by its ParallelWrapper clones
 * @param workerId        the worker ("0" outside ParallelWrapper)
 * @param startTimeMillis when the worker's first monitored iteration ran
 * @param modelClass      MultiLayerNetwork or ComputationGraph
 * @param layers          layers with parameters, in network order, including unmonitored ones
 * @param gradientScale   which gradient is reported
 * @param hyperparameters taken from the network configuration (activation, weight init, updater,
 *                        learning rate, batch size, ...) plus the user's own, as strings or numbers
 * @param modelJson       the network configuration as DL4J's JSON, for sinks that store it
 */
public record SessionInfo(String sessionId, String workerId, long startTimeMillis, String modelClass,
                          List<LayerInfo> layers, GradientScale gradientScale, Map<String, Object> hyperparameters,
                          String modelJson) implements Serializable {

    public SessionInfo {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(workerId, "workerId");
        layers = List.copyOf(layers);
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
