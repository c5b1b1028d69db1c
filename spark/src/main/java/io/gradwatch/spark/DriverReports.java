package io.gradwatch.spark;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.diagnosis.Diagnosers;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.sink.GuardedSink;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.Sinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The driver's end of the report path: the executors' records arrive here (from the training master
 * after each split, or over HTTP), are diagnosed per worker over that worker's whole series, and are
 * published to the user's sinks. Calls are serialised: a sink sees one call at a time, in arrival order.
 */
final class DriverReports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final List<GuardedSink> sinks;
    private final java.util.function.Supplier<Diagnoser> diagnoserFactory;
    private final Map<String, Diagnoser> diagnosers = new LinkedHashMap<>();
    private final Map<String, Long> reportsPerWorker = new TreeMap<>();
    private long rejected;
    private boolean closed;

    DriverReports(List<ReportSink> sinks, java.util.function.Supplier<Diagnoser> diagnoserFactory) {
        this.sinks = sinks.stream().map(Sinks::guarded).toList();
        this.diagnoserFactory = diagnoserFactory;
    }

    synchronized void accept(ReportRecord record) {
        if (closed) {
            return;
        }
        Object value;
        try {
            value = record.payload();
        } catch (RuntimeException e) {
            if (rejected++ == 0) {
                LOG.error("gradwatch: dropped a report from worker {}; further drops are only counted",
                        record.getWorkerID(), e);
            }
            return;
        }
        if (value instanceof SessionInfo session) {
            start(session);
        } else if (value instanceof StepReport report) {
            publish(report);
        }
    }

    /** Every task of a worker sends its session; the sinks hear of each worker once. */
    private void start(SessionInfo session) {
        if (!diagnosers.containsKey(session.workerId())) {
            diagnosers.put(session.workerId(), Diagnosers.guarded(diagnoserFactory));
            reportsPerWorker.putIfAbsent(session.workerId(), 0L);
            sinks.forEach(s -> s.start(session));
        }
    }

    private void publish(StepReport report) {
        Diagnoser diagnoser = diagnosers.get(report.workerId());
        if (diagnoser == null) {
            // a session record always precedes its worker's reports; keep the report even so
            diagnoser = Diagnosers.guarded(diagnoserFactory);
            diagnosers.put(report.workerId(), diagnoser);
        }
        StepReport diagnosed = report.withDiagnosis(diagnoser.assess(report));
        reportsPerWorker.merge(report.workerId(), 1L, Long::sum);
        sinks.forEach(s -> s.publish(diagnosed));
    }

    /** Publishes a number the driver measured (validation accuracy, say) to every sink. */
    synchronized void metric(io.gradwatch.report.UserMetric metric) {
        if (!closed) {
            sinks.forEach(s -> s.metric(metric));
        }
    }

    /** The worker whose session reached the driver first (TensorBoard's run directory holds its series), or null. */
    synchronized String firstWorker() {
        return diagnosers.isEmpty() ? null : diagnosers.keySet().iterator().next();
    }

    /** Reports received so far, per worker id (sorted). */
    synchronized Map<String, Long> reportsPerWorker() {
        return Map.copyOf(reportsPerWorker);
    }

    synchronized Set<String> workers() {
        return Set.copyOf(reportsPerWorker.keySet());
    }

    synchronized void flush() {
        sinks.forEach(GuardedSink::flush);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            sinks.forEach(GuardedSink::close);
        }
    }
}
