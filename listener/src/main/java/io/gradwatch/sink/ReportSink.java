package io.gradwatch.sink;

import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;

/**
 * Where reports go. Measuring code never knows which sinks exist; the listener hands each sink
 * the session once per worker, then every report, on gradwatch's analysis thread (one thread, so
 * a sink sees calls in order and never concurrently). A sink must not block for long: sinks that
 * write to disk or network queue the work on their own thread.
 *
 * <p>Exceptions thrown here never reach training: the listener wraps each sink so that a failure
 * is logged once and counted.
 */
public interface ReportSink extends AutoCloseable {

    /** Called once per worker before that worker's first report. */
    default void start(SessionInfo session) {
    }

    /** Publishes one report. */
    void publish(StepReport report);

    /** Publishes a number the training program measured itself (e.g. validation accuracy). */
    default void metric(UserMetric metric) {
    }

    /** Publishes something {@code recover()} did (a skipped batch, a roll-back, a halt). */
    default void recovery(RecoveryEvent event) {
    }

    /** Makes everything published so far durable or visible, waiting if needed. */
    default void flush() {
    }

    /** Flushes and releases resources; later calls to publish are ignored. */
    @Override
    default void close() {
    }
}
