package io.gradwatch.ui.http;

import io.gradwatch.report.GradientScale;
import io.gradwatch.report.Verdict;
import io.gradwatch.ui.store.BinaryRecord;
import io.gradwatch.ui.store.SessionRecord;
import io.gradwatch.ui.store.SessionStore;
import io.gradwatch.ui.store.UpdateRecord;
import io.gradwatch.ui.store.UpdateRecords;
import org.deeplearning4j.core.storage.StatsStorage;

import java.util.List;
import java.util.Map;

/**
 * The read-only JSON endpoints under {@code /gradients/api/}. Every method runs off the Vert.x
 * event loop (the module hands it to a worker) and answers JSON, also for unknown sessions.
 */
public final class GradientsApi {

    /** Points per series when the caller does not say (older points are strided). */
    public static final int DEFAULT_POINTS = 1_000;
    public static final int MAX_POINTS = 20_000;

    private final SessionStore store;
    private final RunSummaries summaries;

    public GradientsApi(SessionStore store) {
        this.store = store;
        this.summaries = new RunSummaries(store);
    }

    public Reply sessions() {
        Json j = new Json().beginObject().name("sessions").beginArray();
        for (String id : store.sessionIdsByStart()) {
            StatsStorage s = store.storageOf(id);
            if (s == null) {
                continue;
            }
            List<String> workers = store.workers(s, id);
            String worker = workers.isEmpty() ? "0" : workers.get(0);
            SessionRecord info = store.staticInfo(s, id, worker);
            j.beginObject().field("id", id).name("workers").beginArray();
            workers.forEach(j::value);
            j.endArray();
            if (info != null) {
                j.field("modelClass", info.modelClass()).field("startTime", info.getTimeStamp())
                        .field("layers", info.layers().size()).name("hyperparameters").beginObject();
                for (Map.Entry<String, String> e : info.hyperparameters().entrySet()) {
                    j.field(e.getKey(), e.getValue());
                }
                j.endObject();
            }
            j.field("records", s.getNumUpdateRecordsFor(id, BinaryRecord.TYPE_ID, worker));
            RunSummaries.write(j, summaries.of(s, id, worker));
            j.endObject();
        }
        // Where DL4J's own pages of a session are: /train/<session>/overview in multi-session mode, else /train/overview.
        j.endArray().field("dl4jMultiSession", org.deeplearning4j.ui.VertxUIServer.getMultiSession().get());
        return Reply.ok(j.endObject());
    }

    public Reply layers(Map<String, String> q) {
        Target t = target(q);
        if (t.error != null) {
            return t.error;
        }
        SessionRecord info = store.staticInfo(t.storage, t.session, t.worker);
        if (info == null) {
            return Reply.notFound("session '" + t.session + "' has no gradwatch static info");
        }
        String scaleDescription = "";
        for (GradientScale g : GradientScale.values()) {
            if (g.name().equals(info.gradientScale())) {
                scaleDescription = g.description();
            }
        }
        Json j = new Json().beginObject().field("session", t.session).field("worker", t.worker)
                .field("modelClass", info.modelClass()).field("gradientScale", info.gradientScale())
                .field("gradientScaleDescription", scaleDescription).name("layers").beginArray();
        for (SessionRecord.Layer l : info.layers()) {
            j.beginObject().field("name", l.name()).field("index", l.index()).field("type", l.type())
                    .field("activation", l.activation()).name("params").beginArray();
            for (int i = 0; i < l.params().size(); i++) {
                j.beginObject().field("key", l.params().get(i)).field("size", l.sizes().get(i)).endObject();
            }
            j.endArray().endObject();
        }
        j.endArray();
        Columns.select(info, List.of()).writeDescriptors(j);
        return Reply.ok(j.endObject());
    }

    public Reply series(Map<String, String> q) {
        Target t = target(q);
        if (t.error != null) {
            return t.error;
        }
        int points = intParam(q, "points", DEFAULT_POINTS, 2, MAX_POINTS);
        if (points < 0) {
            return Reply.badRequest("points must be an integer between 2 and " + MAX_POINTS);
        }
        // Records only ever arrive (thinning happens on arrival), so the newest timestamp identifies the content.
        UpdateRecord latest = store.latest(t.storage, t.session, t.worker);
        long version = latest == null ? Long.MIN_VALUE : latest.getTimeStamp();
        String key = System.identityHashCode(t.storage) + "\u0000" + t.session + "\u0000" + t.worker
                + "\u0000" + points + "\u0000" + q.getOrDefault("keys", "");
        Cached hit = seriesCache.get(key);
        int layouts = layoutCount(t);
        if (hit != null && hit.version == version && hit.storage == t.storage && hit.layouts == layouts) {
            return new Reply(200, hit.json);
        }
        List<UpdateRecord> all = store.updates(t.storage, t.session, t.worker);
        SessionRecord info = store.staticInfo(t.storage, t.session, t.worker);
        Columns columns = Columns.select(info, Columns.patterns(q.get("keys")));
        String json = SeriesWriter.write(t.session, t.worker, store.workers(t.storage, t.session), info, columns, all,
                points).toString();
        if (seriesCache.size() >= CACHE_ENTRIES) {
            seriesCache.clear();
        }
        seriesCache.put(key, new Cached(t.storage, version, layouts, json));
        return new Reply(200, json);
    }

    /** Series answers of runs that did not change since they were last asked for (e.g. finished runs overlaid). */
    private static final int CACHE_ENTRIES = 64;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> seriesCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(StatsStorage storage, long version, int layouts, String json) {
    }

    private int layoutCount(Target t) {
        SessionRecord info = store.staticInfo(t.storage, t.session, t.worker);
        return info == null ? 0 : info.layouts().size();
    }

    public Reply depth(Map<String, String> q) {
        Target t = target(q);
        if (t.error != null) {
            return t.error;
        }
        long wanted;
        try {
            wanted = q.containsKey("iteration") ? Long.parseLong(q.get("iteration")) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Reply.badRequest("iteration must be an integer");
        }
        UpdateRecord best = null;
        UpdateRecord first = null;
        for (UpdateRecord u : store.updates(t.storage, t.session, t.worker)) {
            if (u.isMetric()) {
                continue;
            }
            if (first == null) {
                first = u;
            }
            if (u.iteration() <= wanted) {
                best = u;
            }
        }
        if (best == null) {
            best = first;
        }
        SessionRecord info = store.staticInfo(t.storage, t.session, t.worker);
        Columns columns = Columns.select(info, Columns.patterns(q.get("keys")));
        Json j = new Json().beginObject().field("session", t.session).field("worker", t.worker);
        SeriesWriter.writeLayers(j, info);
        if (best == null) {
            j.name("iteration").nullValue().name("values").beginObject().endObject();
            return Reply.ok(j.endObject());
        }
        j.field("iteration", best.iteration()).field("epoch", best.epoch()).name("values").beginObject();
        for (int k = 0; k < columns.keys().size(); k++) {
            j.field(columns.keys().get(k), columns.value(best, k));
        }
        return Reply.ok(j.endObject().endObject());
    }

    public Reply heatmap(Map<String, String> q) {
        Target t = target(q);
        if (t.error != null) {
            return t.error;
        }
        String layer = q.get("layer");
        String param = q.getOrDefault("param", "W");
        if (layer == null) {
            return Reply.badRequest("heatmap needs ?layer=NAME (and param=KEY, default W)");
        }
        int columns = intParam(q, "columns", 200, 2, 5_000);
        if (columns < 0) {
            return Reply.badRequest("columns must be an integer between 2 and 5000");
        }
        SessionRecord info = store.staticInfo(t.storage, t.session, t.worker);
        String path = UpdateRecords.parameterPath(layer, param);
        if (info == null || (!info.layouts().isEmpty()
                && info.layouts().stream().noneMatch(l -> l.histogram(path) >= 0))) {
            return Reply.notFound("session '" + t.session + "' has no parameter '" + layer + "/" + param
                    + "' (see /gradients/api/layers)");
        }
        return Reply.ok(HeatmapWriter.write(t.session, t.worker, layer, param, info,
                store.updates(t.storage, t.session, t.worker), columns));
    }

    public Reply verdicts(Map<String, String> q) {
        Target t = target(q);
        if (t.error != null) {
            return t.error;
        }
        List<UpdateRecord> all = store.updates(t.storage, t.session, t.worker);
        UpdateRecord last = null;
        Json j = new Json().beginObject().field("session", t.session).field("worker", t.worker)
                .name("timeline").beginArray();
        for (UpdateRecord u : all) {
            if (u.isMetric()) {
                continue;
            }
            last = u;
            for (Verdict v : u.started()) {
                verdict(j, v, u.iteration(), "started");
            }
            for (Verdict v : u.ended()) {
                verdict(j, v, u.iteration(), "ended");
            }
        }
        j.endArray().name("active").beginArray();
        if (last != null) {
            for (Verdict v : last.active()) {
                verdict(j, v, last.iteration(), "active");
            }
        }
        return Reply.ok(j.endArray().endObject());
    }

    public static void verdict(Json j, Verdict v, long iteration, String event) {
        j.beginObject().field("iteration", iteration).field("event", event).field("problem", v.problem().name())
                .field("words", v.problem().words())
                .field("severity", v.severity().name())
                .field("layer", v.layer()).field("param", v.parameter()).field("firstIteration", v.firstIteration())
                .field("measured", v.measured()).field("message", v.message()).endObject();
    }

    private record Target(StatsStorage storage, String session, String worker, Reply error) {
    }

    private Target target(Map<String, String> q) {
        String session = q.get("session");
        if (session == null || session.isEmpty()) {
            return new Target(null, null, null, Reply.badRequest("missing ?session=ID (see /gradients/api/sessions)"));
        }
        StatsStorage s = store.storageOf(session);
        if (s == null) {
            return new Target(null, session, null, Reply.notFound("no gradwatch session '" + session + "'"));
        }
        List<String> workers = store.workers(s, session);
        String worker = q.get("worker");
        if (worker == null) {
            worker = workers.isEmpty() ? "0" : workers.get(0);
        } else if (!workers.contains(worker)) {
            return new Target(null, session, worker, Reply.notFound("session '" + session + "' has no worker '"
                    + worker + "'"));
        }
        return new Target(s, session, worker, null);
    }

    /** The integer parameter, its default when absent, or -1 when malformed or out of range. */
    private static int intParam(Map<String, String> q, String name, int def, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v);
            return i < min || i > max ? -1 : i;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
