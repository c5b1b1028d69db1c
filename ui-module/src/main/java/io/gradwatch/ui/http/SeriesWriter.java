package io.gradwatch.ui.http;

import io.gradwatch.report.Kind;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;
import io.gradwatch.ui.store.SessionRecord;
import io.gradwatch.ui.store.UiSink;
import io.gradwatch.ui.store.UpdateRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the series of one worker by canonical key ({@code gradients/layer0/W/rms}, ...), with the
 * report-level loss and total norm, epoch starts and user metrics, strided to at most {@code points}
 * points. Iterations whose gradient held NaN or Inf are listed per parameter even when striding
 * skipped them.
 */
public final class SeriesWriter {

    private SeriesWriter() {
    }

    public static Json write(String session, String worker, List<String> workers, SessionRecord info, Columns columns,
                      List<UpdateRecord> all, int points) {
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
        writeLayers(j, info);
        j.name("iterations").beginArray();
        picked.forEach(u -> j.value(u.iteration()));
        j.endArray().name("epochs").beginArray();
        picked.forEach(u -> j.value(u.epoch()));
        j.endArray().name("loss").beginArray();
        picked.forEach(u -> j.value(u.loss()));
        j.endArray().name("totalNorm").beginArray();
        picked.forEach(u -> j.value(u.totalNorm()));
        j.endArray().name("epochStarts").beginArray();
        int epoch = Integer.MIN_VALUE;
        for (UpdateRecord u : reports) {
            if (u.epoch() != epoch) {
                epoch = u.epoch();
                j.beginObject().field("epoch", epoch).field("iteration", u.iteration()).endObject();
            }
        }
        j.endArray();
        columns.writeDescriptors(j);
        j.name("series").beginObject();
        List<String> keys = columns.keys();
        for (int k = 0; k < keys.size(); k++) {
            j.name(keys.get(k)).beginArray();
            for (UpdateRecord u : picked) {
                j.value(columns.value(u, k));
            }
            j.endArray();
        }
        j.endObject().name("latest").beginObject();
        if (last != null) {
            for (int k = 0; k < keys.size(); k++) {
                j.field(keys.get(k), columns.value(last, k));
            }
        }
        j.endObject();
        writeNonFinite(j, columns, reports);
        j.name("metrics").beginArray();
        for (Map.Entry<String, List<UpdateRecord>> e : metrics.entrySet()) {
            List<UpdateRecord> m = stride(e.getValue(), points);
            j.beginObject().field("name", e.getKey())
                    .field("recovery", e.getKey().startsWith(UiSink.RECOVERY_SERIES)).name("iterations").beginArray();
            m.forEach(u -> j.value(u.iteration()));
            j.endArray().name("values").beginArray();
            m.forEach(u -> j.value(u.metricValue()));
            j.endArray().endObject();
        }
        return j.endArray().endObject();
    }

    /** Every layer of the session's layouts with its position in the network (0 = input side). */
    public static void writeLayers(Json j, SessionRecord info) {
        Map<String, Integer> layers = new LinkedHashMap<>();
        if (info != null) {
            info.layouts().forEach(l -> l.layerIndex().forEach(layers::putIfAbsent));
        }
        j.name("layers").beginArray();
        layers.forEach((name, index) -> j.beginObject().field("name", name).field("index", index).endObject());
        j.endArray();
    }

    /**
     * {@code nonFinite}: per parameter whose gradient NaN or Inf count was asked for, {layer, parameter,
     * iterations} with every iteration (up to 1,000) whose gradient held NaN or Inf, even where striding
     * skipped it.
     */
    private static void writeNonFinite(Json j, Columns columns, List<UpdateRecord> reports) {
        Map<List<String>, List<Integer>> counters = new LinkedHashMap<>();
        List<SeriesKey> typed = columns.typedKeys();
        for (int k = 0; k < typed.size(); k++) {
            SeriesKey key = typed.get(k);
            if (key.kind() == Kind.GRADIENTS && key.parameter() != null
                    && (key.statistic() == Statistic.NAN_COUNT || key.statistic() == Statistic.INF_COUNT)) {
                counters.computeIfAbsent(List.of(key.layer(), key.parameter()), p -> new ArrayList<>()).add(k);
            }
        }
        j.name("nonFinite").beginArray();
        counters.forEach((param, ks) -> {
            j.beginObject().field("layer", param.get(0)).field("parameter", param.get(1)).name("iterations").beginArray();
            int listed = 0;
            for (UpdateRecord u : reports) {
                if (listed < 1_000 && ks.stream().anyMatch(k -> columns.value(u, k) > 0)) {
                    j.value(u.iteration());
                    listed++;
                }
            }
            j.endArray().endObject();
        });
        j.endArray();
    }

    /** At most {@code points} records, evenly strided, always including the first and the last. */
    public static List<UpdateRecord> stride(List<UpdateRecord> records, int points) {
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
