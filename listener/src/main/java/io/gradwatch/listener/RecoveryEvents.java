package io.gradwatch.listener;

import io.gradwatch.report.RecoveryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where each recovery action goes, once: a WARN line, the list {@code listener.recoveries()} returns, the
 * user's {@code onRecovery} consumers (on the training thread, right after the action; what they throw is
 * logged once and never reaches training) and the sinks (TensorBoard, UI) through the analysis thread.
 */
final class RecoveryEvents {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final List<RecoveryEvent> events = new CopyOnWriteArrayList<>();
    private final List<Consumer<RecoveryEvent>> consumers;
    private final Consumer<RecoveryEvent> sinks;
    private boolean consumerFailed;

    RecoveryEvents(List<Consumer<RecoveryEvent>> consumers, Consumer<RecoveryEvent> sinks) {
        this.consumers = List.copyOf(consumers);
        this.sinks = sinks;
    }

    void publish(RecoveryEvent event) {
        events.add(event);
        LOG.warn(event.describe());
        for (Consumer<RecoveryEvent> c : consumers) {
            try {
                c.accept(event);
            } catch (RuntimeException e) {
                if (!consumerFailed) {
                    consumerFailed = true;
                    LOG.error("gradwatch: an onRecovery consumer threw; training goes on (later failures are not "
                            + "logged)", e);
                }
            }
        }
        sinks.accept(event);
    }

    /** Every event so far, in order. */
    List<RecoveryEvent> all() {
        return List.copyOf(events);
    }
}
