package io.gradwatch.sink;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one boundary where sink failures stop: a sink that throws is logged once (with the stack
 * trace), counted, and called again next time; training never sees the exception.
 */
public final class GuardedSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final ReportSink delegate;
    private final AtomicLong failures = new AtomicLong();

    GuardedSink(ReportSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(SessionInfo session) {
        guard("start", () -> delegate.start(session));
    }

    @Override
    public void publish(StepReport report) {
        guard("publish", () -> delegate.publish(report));
    }

    @Override
    public void metric(UserMetric metric) {
        guard("metric", () -> delegate.metric(metric));
    }

    @Override
    public void recovery(io.gradwatch.report.RecoveryEvent event) {
        guard("recovery", () -> delegate.recovery(event));
    }

    @Override
    public void flush() {
        guard("flush", delegate::flush);
    }

    @Override
    public void close() {
        guard("close", delegate::close);
    }

    /** How many calls to the wrapped sink threw. */
    public long failures() {
        return failures.get();
    }

    private void guard(String call, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            if (failures.getAndIncrement() == 0) {
                LOG.error("gradwatch sink {} failed in {}; training goes on, further failures of this sink are only "
                        + "counted (see Overhead.sinkFailures in each report)", delegate.getClass().getName(), call, e);
            }
        }
    }
}
