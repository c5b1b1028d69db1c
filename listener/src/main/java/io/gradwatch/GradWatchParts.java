package io.gradwatch;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.sink.ReportSink;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The validated pieces a {@link GradWatchBuilder} assembles: the configuration, the opened sinks (in
 * publishing order), the user's hyperparameters, the diagnoser factory (one diagnoser per worker) and
 * when to halt training.
 */
public record GradWatchParts(GradWatchConfig config, List<ReportSink> sinks, Map<String, Object> hyperparameters,
                             Supplier<Diagnoser> diagnoser, HaltPolicy halt) {

    public GradWatchParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(diagnoser, "diagnoser");
        Objects.requireNonNull(halt, "halt");
        sinks = List.copyOf(sinks);
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
