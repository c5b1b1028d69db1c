package io.gradwatch.offline;

import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's {@code series} answer of one run (docs/ui.md), from its event files: the per-layer
 * columns of the statistics the page draws, with their descriptors, loss and total norm, user metrics, and per gradient parameter the
 * iterations whose gradient held NaN or Inf (from its nan_count and inf_count, over every report).
 * Epochs are not in the event files: {@code epochs} and {@code epochStarts} are empty.
 */
final class SeriesAnswer {

    /**
     * The statistics the page draws (what the live page asks the server for); the file carries only these
     * to stay small, the export has every series.
     */
    static final java.util.Set<Statistic> DRAWN = java.util.EnumSet.of(Statistic.RMS, Statistic.MAX_ABS,
            Statistic.NAN_COUNT, Statistic.INF_COUNT, Statistic.RATIO, Statistic.DEAD_FRACTION,
            Statistic.SATURATED_FRACTION);

    private SeriesAnswer() {
    }

    static Map<String, Object> of(RunView run, List<Long> allSteps, int points) {
        List<Long> steps = stride(allSteps, points);
        Long last = allSteps.isEmpty() ? null : allSteps.get(allSteps.size() - 1);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", run.name());
        j.put("worker", PageData.WORKER);
        j.put("workers", List.of(PageData.WORKER));
        j.put("records", allSteps.size());
        j.put("latestIteration", last);
        j.put("latestEpoch", null);
        List<Object> layers = new ArrayList<>();
        run.layers().forEach(l -> layers.add(Map.of("name", l.name(), "index", l.index())));
        j.put("layers", layers);
        j.put("iterations", steps);
        j.put("epochs", List.of());
        j.put("loss", column(run, RunView.LOSS, steps));
        j.put("totalNorm", column(run, RunView.TOTAL_NORM, steps));
        j.put("epochStarts", List.of());
        List<SeriesKey> columns = run.columns().stream().filter(k -> DRAWN.contains(k.statistic())).toList();
        j.put("columns", columns.stream().map(PageData::descriptor).toList());
        Map<String, Object> series = new LinkedHashMap<>();
        Map<String, Object> latest = new LinkedHashMap<>();
        Map<List<String>, List<String>> counters = new LinkedHashMap<>();
        for (SeriesKey k : columns) {
            series.put(k.path(), column(run, k.path(), steps));
            latest.put(k.path(), last == null ? null : run.value(k.path(), last));
            if (PageData.isGradientCounter(k)) {
                counters.computeIfAbsent(List.of(k.layer(), k.parameter()), p -> new ArrayList<>()).add(k.path());
            }
        }
        j.put("series", series);
        j.put("latest", latest);
        List<Object> nonFinite = new ArrayList<>();
        counters.forEach((param, tags) -> {
            List<Long> bad = new ArrayList<>();
            for (long step : allSteps) {
                if (bad.size() < 1_000 && tags.stream().anyMatch(t -> positive(run.value(t, step)))) {
                    bad.add(step);
                }
            }
            nonFinite.add(Map.of("layer", param.get(0), "parameter", param.get(1), "iterations", bad));
        });
        j.put("nonFinite", nonFinite);
        List<Object> metrics = new ArrayList<>();
        for (String tag : run.metricTags()) {
            List<Long> its = stride(List.copyOf(run.data().scalars().get(tag).keySet()), points);
            // recover()'s counts (recovery/skipped, ...) are events: the page marks them instead of drawing lines
            metrics.add(Map.of("name", tag, "recovery", tag.startsWith("recovery/"), "iterations", its,
                    "values", column(run, tag, its)));
        }
        j.put("metrics", metrics);
        return j;
    }

    /** The values of {@code tag} at {@code steps}; null where none was written (gradwatch skips NaN and Inf scalars). */
    private static List<Double> column(RunView run, String tag, List<Long> steps) {
        List<Double> values = new ArrayList<>(steps.size());
        steps.forEach(s -> values.add(run.value(tag, s)));
        return values;
    }

    private static boolean positive(Double v) {
        return v != null && v > 0;
    }

    /** At most {@code points} steps, evenly strided, always with the first and the last. */
    static List<Long> stride(List<Long> steps, int points) {
        int n = steps.size();
        if (n <= points) {
            return steps;
        }
        List<Long> out = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            out.add(steps.get((int) ((long) i * (n - 1) / (points - 1))));
        }
        return out;
    }
}
