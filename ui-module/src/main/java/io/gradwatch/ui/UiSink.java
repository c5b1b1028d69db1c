package io.gradwatch.ui;

import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.storage.impl.JavaStorageMetaData;

import java.util.HashMap;
import java.util.Map;

/**
 * Publishes gradwatch reports into a DL4J StatsStorageRouter (an attached storage, or a
 * RemoteUIStatsStorageRouter) as {@link SessionRecord} and {@link UpdateRecord}s. Storage
 * timestamps are made unique per (session, worker): DL4J keys updates by timestamp, so two records
 * in one millisecond would otherwise overwrite each other.
 */
final class UiSink implements ReportSink {

    private final StatsStorageRouter router;
    private final Map<String, Long> lastTimestamp = new HashMap<>();
    private volatile boolean closed;

    private final Runnable onClose;

    UiSink(StatsStorageRouter router) {
        this(router, () -> { });
    }

    /** {@code onClose} runs once, after the last write was flushed (e.g. releasing the server's lease). */
    UiSink(StatsStorageRouter router, Runnable onClose) {
        this.router = router;
        this.onClose = onClose;
    }

    @Override
    public void start(SessionInfo session) {
        if (closed) {
            return;
        }
        SessionRecord record = SessionRecord.of(session);
        router.putStorageMetaData(new JavaStorageMetaData(session.startTimeMillis(), session.sessionId(),
                GradWatchUi.TYPE_ID, session.workerId(), SessionRecord.class, UpdateRecord.class));
        router.putStaticInfo(record);
    }

    @Override
    public void publish(StepReport report) {
        if (closed) {
            return;
        }
        long ts = uniqueTimestamp(report.sessionId(), report.workerId(), report.timestampMillis());
        router.putUpdate(UpdateRecords.fromReport(report, ts));
    }

    @Override
    public void metric(UserMetric metric) {
        if (closed) {
            return;
        }
        long ts = uniqueTimestamp(metric.sessionId(), metric.workerId(), metric.timestampMillis());
        router.putUpdate(UpdateRecords.fromMetric(metric, ts));
    }

    private long uniqueTimestamp(String session, String worker, long wanted) {
        String key = session + "\u0000" + worker;
        Long last = lastTimestamp.get(key);
        long ts = last == null ? wanted : Math.max(wanted, last + 1);
        lastTimestamp.put(key, ts);
        return ts;
    }

    /** Waits for queued writes (file storage) to reach the storage, at most this long. */
    static final long FLUSH_MILLIS = 10_000;

    @Override
    public void flush() {
        if (router instanceof AsyncRouter async) {
            async.flush(FLUSH_MILLIS);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                flush();
            } finally {
                onClose.run();
            }
        }
    }
}
