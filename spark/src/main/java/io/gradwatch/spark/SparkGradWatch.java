package io.gradwatch.spark;

import io.gradwatch.report.UserMetric;

import java.util.Map;

/**
 * The driver's handle on a monitored Spark training: which workers reported, a way to publish numbers
 * of your own, and {@link #close()} (publishes what is pending and closes the UI storage and TensorBoard
 * run; call it when training is over, or use try-with-resources).
 */
public final class SparkGradWatch implements AutoCloseable {

    private final String sessionId;
    private final DriverReports reports;
    private final ReportReceiver receiver;
    private long lastMetricTimestamp;

    SparkGradWatch(String sessionId, DriverReports reports, ReportReceiver receiver) {
        this.sessionId = sessionId;
        this.reports = reports;
        this.receiver = receiver;
    }

    /** The session id every worker reports under. */
    public String sessionId() {
        return sessionId;
    }

    /** Reports that reached the driver so far, per worker id. */
    public Map<String, Long> reportsPerWorker() {
        return reports.reportsPerWorker();
    }

    /**
     * Publishes a number of your own (validation accuracy, say) for the session, at {@code iteration}. It is
     * filed under the first worker that reported (whose series TensorBoard's run directory holds), so that
     * the UI does not list an extra worker.
     */
    public synchronized void metric(String name, double value, long iteration, int epoch) {
        lastMetricTimestamp = Math.max(System.currentTimeMillis(), lastMetricTimestamp + 1);
        long timestamp = lastMetricTimestamp;
        reports.metric(worker -> new UserMetric(sessionId, worker, name, iteration, epoch, timestamp, value));
    }

    /** Makes everything received so far visible in the sinks (UI storage, TensorBoard files). */
    public void flush() {
        reports.flush();
    }

    /** Stops receiving, then flushes and closes every sink. Idempotent. */
    @Override
    public void close() {
        receiver.close();
        reports.close();
        ExecutorMonitors.close(sessionId); // the executors that share the driver's JVM (local mode)
    }
}
