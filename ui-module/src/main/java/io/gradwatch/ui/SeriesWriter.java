package io.gradwatch.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the per-layer series of one worker: gradient RMS, update:weight ratio, activation health,
 * loss and user metrics over iterations, strided to at most {@code points} points. Iterations
 * whose gradient held NaN or Inf are listed per parameter even when striding skipped them.
 */
final class SeriesWriter {

    private SeriesWriter() {
    }

    static Json write(String session, String worker, List<String> workers, List<UpdateRecord> all, int points) {
        List<UpdateRecord> reports = new ArrayList<>();
        Map<String, List<UpdateRecord>> metrics = new LinkedHashMap<>();
        for (UpdateRecord u : all) {
            if (u.isMetric()) {
                metrics.computeIfAbsent(u.metricName(), k -> new ArrayList<>()).add(u);
            } else {
                reports.add(u);
            }
        }
        List<UpdateRecord> picked = stride(reports, points);
        UpdateRecord last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        Json j = new Json().beginObject().field("session", session).field("worker", worker)
                .name("workers").beginArray();
        workers.forEach(j::value);
        j.endArray().field("records", reports.size());
        if (last == null) {
            j.name("latestIteration").nullValue().name("latestEpoch").nullValue();
        } else {
            j.field("latestIteration", last.iteration()).field("latestEpoch", last.epoch());
        }
        j.name("iterations").beginArray();
        picked.forEach(u -> j.value(u.iteration()));
        j.endArray().name("loss").beginArray();
        picked.forEach(u -> j.value(u.loss()));
        j.endArray().name("totalNorm").beginArray();
        picked.forEach(u -> j.value(u.totalNorm()));
        j.endArray().name("params").beginArray();
        if (last != null) {
            for (int i = 0; i < last.parameterCount(); i++) {
                writeParam(j, last, i, picked, reports);
            }
        }
        j.endArray().name("activations").beginArray();
        if (last != null) {
            for (int i = 0; i < last.activationCount(); i++) {
                writeActivation(j, last, i, picked);
            }
        }
        j.endArray().name("metrics").beginArray();
        for (Map.Entry<String, List<UpdateRecord>> e : metrics.entrySet()) {
            List<UpdateRecord> m = stride(e.getValue(), points);
            j.beginObject().field("name", e.getKey()).name("iterations").beginArray();
            m.forEach(u -> j.value(u.iteration()));
            j.endArray().name("values").beginArray();
            m.forEach(u -> j.value(u.metricValue()));
            j.endArray().endObject();
        }
        return j.endArray().endObject();
    }

    private static void writeParam(Json j, UpdateRecord last, int i, List<UpdateRecord> picked,
                                   List<UpdateRecord> reports) {
        String layer = last.layer(i);
        String param = last.param(i);
        j.beginObject().field("layer", layer).field("param", param).field("layerIndex", last.layerIndex(i));
        j.name("gradientRms").beginArray();
        for (UpdateRecord u : picked) {
            int k = find(u, layer, param, i);
            j.value(k < 0 ? Double.NaN : u.stat(k, UpdateRecord.G_RMS));
        }
        j.endArray().name("updateRatio").beginArray();
        for (UpdateRecord u : picked) {
            int k = find(u, layer, param, i);
            j.value(k < 0 ? Double.NaN : u.stat(k, UpdateRecord.RATIO));
        }
        j.endArray().name("nonFiniteIterations").beginArray();
        int listed = 0;
        for (UpdateRecord u : reports) {
            int k = find(u, layer, param, i);
            if (k >= 0 && (u.stat(k, UpdateRecord.G_NAN) > 0 || u.stat(k, UpdateRecord.G_INF) > 0
                    || !Double.isFinite(u.stat(k, UpdateRecord.G_RMS))) && listed++ < 1_000) {
                j.value(u.iteration());
            }
        }
        j.endArray().name("latest").beginObject()
                .field("gradientRms", last.stat(i, UpdateRecord.G_RMS))
                .field("gradientMaxAbs", last.stat(i, UpdateRecord.G_MAX_ABS))
                .field("updateRatio", last.stat(i, UpdateRecord.RATIO))
                .field("nanCount", last.stat(i, UpdateRecord.G_NAN))
                .field("infCount", last.stat(i, UpdateRecord.G_INF)).endObject();
        j.endObject();
    }

    private static void writeActivation(Json j, UpdateRecord last, int i, List<UpdateRecord> picked) {
        String layer = last.activationLayer(i);
        j.beginObject().field("layer", layer).field("layerIndex", last.activationLayerIndex(i));
        j.name("dead").beginArray();
        for (UpdateRecord u : picked) {
            int k = findActivation(u, layer, i);
            j.value(k < 0 ? Double.NaN : u.deadFraction(k));
        }
        j.endArray().name("saturated").beginArray();
        for (UpdateRecord u : picked) {
            int k = findActivation(u, layer, i);
            j.value(k < 0 ? Double.NaN : u.saturatedFraction(k));
        }
        j.endArray().field("latestDead", last.deadFraction(i)).field("latestSaturated", last.saturatedFraction(i))
                .field("latestNonFinite", last.activationNonFinite(i)).endObject();
    }

    /** Index of layer/param in {@code u}: {@code hint} when the layout matches, else a search; -1 if absent. */
    static int find(UpdateRecord u, String layer, String param, int hint) {
        if (hint < u.parameterCount() && u.layer(hint).equals(layer) && u.param(hint).equals(param)) {
            return hint;
        }
        for (int k = 0; k < u.parameterCount(); k++) {
            if (u.layer(k).equals(layer) && u.param(k).equals(param)) {
                return k;
            }
        }
        return -1;
    }

    private static int findActivation(UpdateRecord u, String layer, int hint) {
        if (hint < u.activationCount() && u.activationLayer(hint).equals(layer)) {
            return hint;
        }
        for (int k = 0; k < u.activationCount(); k++) {
            if (u.activationLayer(k).equals(layer)) {
                return k;
            }
        }
        return -1;
    }

    /** At most {@code points} records, evenly strided, always including the first and the last. */
    static List<UpdateRecord> stride(List<UpdateRecord> records, int points) {
        int n = records.size();
        if (n <= points) {
            return records;
        }
        List<UpdateRecord> out = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            out.add(records.get((int) ((long) i * (n - 1) / (points - 1))));
        }
        return out;
    }
}
