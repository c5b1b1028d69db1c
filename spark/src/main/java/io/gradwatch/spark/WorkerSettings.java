package io.gradwatch.spark;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.GradWatchParts;
import io.gradwatch.report.GradientScale;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The part of a gradwatch configuration that executors need, in a form Spark can serialise into its
 * tasks: what to measure and how often, and the session id every worker reports under.
 */
record WorkerSettings(int every, int histogramsEvery, String layers, boolean updates, boolean activations,
                      GradientScale gradientScale, String sessionId, int queueCapacity,
                      Map<String, Object> hyperparameters) implements Serializable {

    WorkerSettings {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(gradientScale, "gradientScale");
        Objects.requireNonNull(sessionId, "sessionId");
        hyperparameters = Map.copyOf(hyperparameters);
    }

    static WorkerSettings of(GradWatchParts parts) {
        GradWatchConfig c = parts.config();
        return new WorkerSettings(c.every(), c.histogramsEvery(), c.layers().pattern(), c.updates(), c.activations(),
                c.gradientScale(), c.sessionId(), c.queueCapacity(), parts.hyperparameters());
    }

    GradWatchConfig config() {
        return new GradWatchConfig(every, histogramsEvery, Pattern.compile(layers), updates, activations,
                gradientScale, sessionId, queueCapacity);
    }

    /** Whether iteration {@code iteration} is measured (the same rule as {@link GradWatchConfig#samples}). */
    boolean samples(long iteration) {
        return iteration % every == 0 || histogramsEvery > 0 && iteration % histogramsEvery == 0;
    }
}
