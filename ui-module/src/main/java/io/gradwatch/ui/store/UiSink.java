package io.gradwatch.ui.store;

import io.gradwatch.report.Scalar;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.storage.impl.JavaStorageMetaData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes gradwatch reports into a DL4J StatsStorageRouter (an attached storage, or a
 * RemoteUIStatsStorageRouter) as {@link SessionRecord} and {@link UpdateRecord}s. Storage
 * timestamps are made unique per (session, worker): DL4J keys updates by timestamp, so two records
 * in one millisecond would otherwise overwrite each other.
 */
public final class UiSink implements ReportSink {

    private final StatsStorageRouter router;
    private final Map<String, Long> lastTimestamp = new HashMap<>();
    /** Per (session, worker): the static info written, and the series keys of its newest layout. */
    private final Map<String, Written> written = new HashMap<>();
    private final Map<String, SessionInfo> sessions = new HashMap<>();
    private final Map<String, Integer> recoveryCounts = new HashMap<>();

    private record Written(SessionRecord record, List<SeriesKey> keys) {
    }
    private volatile boolean closed;

    public UiSink(StatsStorageRouter router) {
        this.router = router;
    }

    @Override
    public void start(SessionInfo session) {
        if (closed) {
            return;
        }
        SessionRecord record = SessionRecord.of(session);
        router.putStorageMetaData(new JavaStorageMetaData(session.startTimeMillis(), session.sessionId(),
                BinaryRecord.TYPE_ID, session.workerId(), SessionRecord.class, UpdateRecord.class));
        router.putStaticInfo(record);
        // DL4J's own pages read StatsListener records: write them from the same statistics.
        router.putStorageMetaData(Dl4jRecords.metaData(session));
        router.putStaticInfo(Dl4jRecords.initialization(session));
        sessions.put(key(session.sessionId(), session.workerId()), session);
        written.put(key(session.sessionId(), session.workerId()), new Written(record, null));
    }

    @Override
    public void publish(StepReport report) {
        if (closed) {
            return;
        }
        long ts = uniqueTimestamp(report.sessionId(), report.workerId(), report.timestampMillis());
        List<Scalar> scalars = report.scalars();
        int layout = layoutOf(report, scalars);
        router.putUpdate(UpdateRecords.fromReport(report, scalars, layout, ts));
        SessionInfo session = sessions.get(key(report.sessionId(), report.workerId()));
        if (session != null) {
            Object lr = session.hyperparameters().get("learning_rate");
            router.putUpdate(Dl4jRecords.report(report, ts, session.startTimeMillis(),
                    "ComputationGraph".equals(session.modelClass()), lr instanceof Number n ? n.doubleValue() : null));
        }
    }

    @Override
    public void metric(UserMetric metric) {
        if (closed) {
            return;
        }
        long ts = uniqueTimestamp(metric.sessionId(), metric.workerId(), metric.timestampMillis());
        router.putUpdate(UpdateRecords.fromMetric(metric, ts));
    }

    /**
     * A recovery action, stored as the series {@code recovery/skipped}, {@code recovery/rolled_back} or
     * {@code recovery/halted} (the session's count so far, at the event's iteration), beside the user metrics,
     * so that the run's time charts can mark it.
     */
    /** The prefix of the series a recovery action is stored under; the page draws them as marks, not lines. */
    public static final String RECOVERY_SERIES = "recovery/";

    @Override
    public void recovery(io.gradwatch.report.RecoveryEvent event) {
        int count = recoveryCounts.merge(event.sessionId() + "/" + event.action(), 1, Integer::sum);
        metric(new UserMetric(event.sessionId(), event.workerId(),
                RECOVERY_SERIES + event.action().name().toLowerCase(java.util.Locale.ROOT), event.iteration(),
                event.epoch(), event.timestampMillis(), count));
    }

    /** The number of the layout naming {@code scalars}; stores a new one (once per session, normally). */
    private int layoutOf(StepReport report, List<Scalar> scalars) {
        String key = key(report.sessionId(), report.workerId());
        Written w = written.get(key);
        SessionRecord record = w != null ? w.record() : SessionRecord.bare(report.sessionId(), report.workerId(),
                report.timestampMillis());
        if (w != null && w.keys() != null && sameKeys(w.keys(), scalars)) {
            return record.layouts().size() - 1;
        }
        SessionRecord next = record.withLayout(UpdateRecords.layoutOf(report, scalars));
        router.putStaticInfo(next);
        written.put(key, new Written(next, scalars.stream().map(Scalar::key).toList()));
        return next.layouts().size() - 1;
    }

    private static boolean sameKeys(List<SeriesKey> keys, List<Scalar> scalars) {
        if (keys.size() != scalars.size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).equals(scalars.get(i).key())) {
                return false;
            }
        }
        return true;
    }

    private static String key(String session, String worker) {
        return session + "\u0000" + worker;
    }

    private long uniqueTimestamp(String session, String worker, long wanted) {
        String key = key(session, worker);
        Long last = lastTimestamp.get(key);
        long ts = last == null ? wanted : Math.max(wanted, last + 1);
        lastTimestamp.put(key, ts);
        return ts;
    }

    /** Waits for queued writes (file storage) to reach the storage, at most this long. */
    public static final long FLUSH_MILLIS = 10_000;

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
            if (router instanceof AsyncRouter async) {
                async.close(FLUSH_MILLIS); // writes what is queued, then its thread ends
            }
        }
    }
}
