package io.gradwatch.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * A number the training program measured itself (validation accuracy, say) and handed to gradwatch
 * with {@code listener.metric(...)}, so that it lands beside gradwatch's own series in every sink.
 *
 * @param name            series name, e.g. {@code validation/accuracy}
 * @param iteration       the iteration it belongs to
 * @param epoch           the epoch it belongs to
 * @param timestampMillis when it was recorded
 * @param value           the value (NaN and infinities allowed; sinks show them as such)
 */
public record UserMetric(String sessionId, String workerId, String name, long iteration, int epoch,
                         long timestampMillis, double value) implements Serializable {

    public UserMetric {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name, e.g. \"validation/accuracy\"");
        }
    }
}
