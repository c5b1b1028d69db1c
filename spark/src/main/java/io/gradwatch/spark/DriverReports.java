package io.gradwatch.spark;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.publish.Publisher;
import io.gradwatch.publish.PublishingThread;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The driver's end of the report path: the executors' records arrive here (from the training master after each
 * split, or over HTTP) and go to the same {@link Publisher} as a local listener's reports, on a
 * {@link PublishingThread} of their own: diagnosed per worker over that worker's whole series, then published to
 * the user's sinks, one call at a time, in arrival order. {@link #accept} returns once its record is published,
 * so that a split's records are in the sinks when the training master moves on.
 */
final class DriverReports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    /** Records that may wait for the driver's publishing thread. */
    private static final int CAPACITY = 64;

    private final PublishingThread thread;
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    DriverReports(List<ReportSink> sinks, Supplier<Diagnoser> diagnoserFactory) {
        this.thread = new PublishingThread("gradwatch-driver", new Publisher(sinks, diagnoserFactory), CAPACITY,
                GradWatchConfig.DEFAULT_MAX_WAIT);
    }

    void accept(ReportRecord record) {
        if (closed) {
            return;
        }
        Object value;
        try {
            value = record.payload();
        } catch (RuntimeException e) {
            if (rejected.getAndIncrement() == 0) {
                LOG.error("gradwatch: dropped a report from worker {}; further drops are only counted",
                        record.getWorkerID(), e);
            }
            return;
        }
        if (value instanceof SessionInfo session) {
            thread.submit(p -> p.start(session));
        } else if (value instanceof StepReport report) {
            thread.submit(p -> p.publish(report));
        }
        thread.awaitQueued();
    }

    /**
     * Publishes a number the driver measured (validation accuracy, say) to every sink, filed under the worker whose
     * session reached the driver first (TensorBoard's run directory holds its series), or "0" before any.
     */
    void metric(Function<String, UserMetric> forWorker) {
        if (!closed) {
            thread.submit(p -> {
                String first = p.firstWorker();
                p.metric(forWorker.apply(first == null ? "0" : first));
            });
            thread.awaitQueued();
        }
    }

    /** Reports received so far, per worker id (sorted). */
    Map<String, Long> reportsPerWorker() {
        return thread.reportsPerWorker();
    }

    void flush() {
        if (!closed) {
            thread.flush();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            thread.close();
        }
    }
}
