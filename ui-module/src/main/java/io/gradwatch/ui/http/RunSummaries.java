package io.gradwatch.ui.http;

import io.gradwatch.report.Verdict;
import io.gradwatch.ui.store.SessionStore;
import io.gradwatch.ui.store.UpdateRecord;
import org.deeplearning4j.core.storage.StatsStorage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runs table shows of one run without asking for its series: the latest report's iteration,
 * loss and active verdicts, and the latest value of each user metric. Computed again only when the
 * run received a record since (finished runs of a sweep cost nothing per poll).
 */
public final class RunSummaries {

    private static final int CACHE_ENTRIES = 1_024;

    private final SessionStore store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RunSummaries(SessionStore store) {
        this.store = store;
    }

    private record Cached(StatsStorage storage, long version, Summary summary) {
    }

    /** One run's summary; {@code latest} is null before its first report. */
    public record Summary(UpdateRecord latest, Map<String, Double> metrics) {
    }

    public Summary of(StatsStorage s, String session, String worker) {
        UpdateRecord newest = store.latest(s, session, worker);
        long version = newest == null ? Long.MIN_VALUE : newest.getTimeStamp();
        String key = session + "\u0000" + worker;
        Cached hit = cache.get(key);
        if (hit != null && hit.storage == s && hit.version == version) {
            return hit.summary;
        }
        UpdateRecord latest = null;
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (UpdateRecord u : store.updates(s, session, worker)) {
            if (u.isMetric()) {
                metrics.put(u.metricName(), u.metricValue());
            } else {
                latest = u;
            }
        }
        Summary summary = new Summary(latest, metrics);
        if (cache.size() >= CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Cached(s, version, summary));
        return summary;
    }

    /** Writes {@code latestIteration}, {@code latestLoss}, {@code metrics} and {@code active} verdicts. */
    public static void write(Json j, Summary summary) {
        UpdateRecord latest = summary.latest();
        if (latest == null) {
            j.name("latestIteration").nullValue().name("latestLoss").nullValue();
        } else {
            j.field("latestIteration", latest.iteration()).field("latestLoss", latest.loss());
        }
        j.name("metrics").beginObject();
        summary.metrics().forEach(j::field);
        j.endObject().name("active").beginArray();
        List<Verdict> active = latest == null ? List.of() : latest.active();
        for (Verdict v : active) {
            GradientsApi.verdict(j, v, latest.iteration(), "active");
        }
        j.endArray();
    }
}
