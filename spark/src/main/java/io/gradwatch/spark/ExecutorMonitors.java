package io.gradwatch.spark;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.listener.GradWatchListener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gradwatch listener (with its analysis thread) per session and worker in each executor JVM.
 * Spark deserialises a fresh listener copy for every task; the copies find their worker's monitor
 * here instead of each starting, and leaking, an analysis thread of its own.
 */
final class ExecutorMonitors {

    /** A worker's listener and the sink it publishes through. */
    record Monitor(GradWatchListener listener, RouterSink sink) {
    }

    private static final Map<String, Monitor> MONITORS = new ConcurrentHashMap<>();

    private ExecutorMonitors() {
    }

    static Monitor of(WorkerSettings settings, String workerId) {
        return MONITORS.computeIfAbsent(settings.sessionId() + '\u0000' + workerId, key -> {
            RouterSink sink = new RouterSink();
            // No diagnosis here: the driver diagnoses each worker's whole series.
            GradWatchListener listener = new GradWatchListener(settings.config(), List.of(sink),
                    settings.hyperparameters(), Diagnoser::disabled);
            listener.setWorkerID(workerId);
            return new Monitor(listener, sink);
        });
    }

    /** Closes this JVM's monitors of {@code sessionId} (on the driver in local mode, when training ends). */
    static void close(String sessionId) {
        MONITORS.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(sessionId + '\u0000')) {
                e.getValue().listener().close();
                return true;
            }
            return false;
        });
    }
}
