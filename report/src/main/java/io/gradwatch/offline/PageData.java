package io.gradwatch.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's data: for each run, the answers the live Gradients page gets from its endpoints under
 * /gradients/api/ (sessions, layers, series, verdicts), built from the event files and keyed by the
 * endpoint path the page's data seam asks for ({@code series?session=<run>&worker=0}: parameters sorted
 * by name, URI-encoded), plus {@code report}: the runs table and what was wrong with the files.
 * Series are thinned to at most {@link #POINTS} reports per run, as the live page asks for.
 */
final class PageData {

    static final int POINTS = 1_000;
    static final String WORKER = "0";
    /** The statistics the page draws; the export has every series. */
    private static final Set<String> DRAWN = Set.of("rms", "max_abs", "nan_count", "inf_count", "ratio",
            "dead_fraction", "saturated_fraction");

    private PageData() {
    }

    static Map<String, Object> build(String title, List<RunData> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> sessions = new ArrayList<>();
        List<Object> table = new ArrayList<>();
        for (RunData data : runs) {
            RunView run = new RunView(data);
            List<Long> steps = run.reportSteps();
            DiagnosisText.Verdicts verdicts = DiagnosisText.parse(data.texts(RunView.DIAGNOSIS), run.layers());
            Map<String, String> ids = Map.of("session", run.name(), "worker", WORKER);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", run.name());
            s.put("workers", List.of(WORKER));
            s.put("modelClass", modelClass(data));
            s.put("startTime", startMillis(data));
            s.put("layers", run.layers().size());
            s.put("hyperparameters", hyperparameters(data));
            s.put("records", steps.size());
            s.put("latestIteration", steps.isEmpty() ? null : steps.get(steps.size() - 1));
            sessions.add(s);
            out.put(path("layers", Map.of("session", run.name())), layers(run));
            out.put(path("series", ids), series(run, steps));
            out.put(path("verdicts", ids), verdicts(run.name(), verdicts));
            table.add(summary(run, s, steps, verdicts));
        }
        out.put("sessions", Map.of("sessions", sessions, "dl4jMultiSession", false));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("title", title);
        report.put("runs", table);
        out.put("report", report);
        return out;
    }

    /** The page's key of an answer: endpoint?k=v&... with the parameters sorted and URI-encoded. */
    static String path(String endpoint, Map<String, String> ids) {
        StringBuilder s = new StringBuilder(endpoint);
        char sep = '?';
        for (String k : new java.util.TreeSet<>(ids.keySet())) {
            s.append(sep).append(encode(k)).append('=').append(encode(ids.get(k)));
            sep = '&';
        }
        return s.toString();
    }

    /** As JavaScript's encodeURIComponent. */
    static String encode(String v) {
        String e = java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
        return e.replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(")
                .replace("%29", ")").replace("%7E", "~");
    }

    private static Map<String, Object> layers(RunView run) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", run.name());
        j.put("worker", WORKER);
        j.put("modelClass", modelClass(run.data()));
        j.put("gradientScale", "");
        j.put("gradientScaleDescription", gradientScale(run.data()));
        List<Object> layers = new ArrayList<>();
        for (RunView.Layer l : run.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("index", l.index());
            m.put("type", l.type());
            m.put("activation", l.activation());
            m.put("params", List.of());
            layers.add(m);
        }
        j.put("layers", layers);
        j.put("columns", run.layerSeriesTags());
        return j;
    }

    private static Map<String, Object> series(RunView run, List<Long> allSteps) {
        List<Long> steps = stride(allSteps, POINTS);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", run.name());
        j.put("worker", WORKER);
        j.put("workers", List.of(WORKER));
        j.put("records", allSteps.size());
        j.put("latestIteration", allSteps.isEmpty() ? null : allSteps.get(allSteps.size() - 1));
        j.put("latestEpoch", null);
        List<Object> layers = new ArrayList<>();
        run.layers().forEach(l -> layers.add(Map.of("name", l.name(), "index", l.index())));
        j.put("layers", layers);
        j.put("iterations", steps);
        j.put("epochs", List.of());
        j.put("loss", column(run, RunView.LOSS, steps));
        j.put("totalNorm", column(run, RunView.TOTAL_NORM, steps));
        j.put("epochStarts", List.of());
        Map<String, Object> series = new LinkedHashMap<>();
        Map<String, Object> latest = new LinkedHashMap<>();
        Map<String, Object> nonFinite = new LinkedHashMap<>();
        for (String tag : run.layerSeriesTags()) {
            String stat = tag.substring(tag.lastIndexOf('/') + 1);
            if (!DRAWN.contains(stat)) {
                continue;
            }
            series.put(tag, column(run, tag, steps));
            latest.put(tag, run.last(tag));
            if (tag.startsWith("gradients/") && stat.equals("nan_count")) {
                String param = tag.substring(0, tag.lastIndexOf('/'));
                List<Long> bad = new ArrayList<>();
                for (long step : allSteps) {
                    if (bad.size() < 1_000 && (positive(run.value(param + "/nan_count", step))
                            || positive(run.value(param + "/inf_count", step)))) {
                        bad.add(step);
                    }
                }
                nonFinite.put(param, bad);
            }
        }
        j.put("series", series);
        j.put("latest", latest);
        j.put("nonFinite", nonFinite);
        List<Object> metrics = new ArrayList<>();
        for (String tag : run.metricTags()) {
            List<Long> its = stride(List.copyOf(run.data().scalars().get(tag).keySet()), POINTS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", tag);
            m.put("iterations", its);
            m.put("values", column(run, tag, its));
            metrics.add(m);
        }
        j.put("metrics", metrics);
        return j;
    }

    private static Map<String, Object> verdicts(String session, DiagnosisText.Verdicts v) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", session);
        j.put("worker", WORKER);
        j.put("timeline", v.timeline().stream().map(PageData::verdict).toList());
        j.put("active", v.active().stream().map(PageData::verdict).toList());
        return j;
    }

    private static Map<String, Object> verdict(DiagnosisText.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", e.iteration());
        m.put("event", e.event());
        m.put("problem", null);
        m.put("severity", e.severity());
        m.put("layer", e.layer());
        m.put("param", null);
        m.put("firstIteration", e.firstIteration());
        m.put("measured", null);
        m.put("message", e.message());
        return m;
    }

    /** One row of the runs table: name, hyperparameters, final loss and metrics, worst verdict, file problems. */
    private static Map<String, Object> summary(RunView run, Map<String, Object> session, List<Long> steps,
                                               DiagnosisText.Verdicts v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.name());
        m.put("modelClass", session.get("modelClass"));
        m.put("layers", run.layers().size());
        m.put("hyperparameters", session.get("hyperparameters"));
        m.put("iterations", steps.isEmpty() ? null : steps.get(steps.size() - 1));
        m.put("finalLoss", run.last(RunView.LOSS));
        Map<String, Object> metrics = new LinkedHashMap<>();
        run.metricTags().forEach(t -> metrics.put(t, run.last(t)));
        m.put("metrics", metrics);
        long warnings = v.active().stream().filter(e -> e.severity().equals("WARNING")).count();
        m.put("worst", warnings > 0 ? "WARNING" : v.active().isEmpty() ? "none" : "NOTE");
        m.put("activeVerdicts", v.active().size());
        m.put("files", run.data().files());
        m.put("problems", run.data().problems());
        return m;
    }

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

    private static Map<String, String> hyperparameters(RunData data) {
        Map<String, String> hp = new LinkedHashMap<>();
        data.hparams().forEach((k, v) -> hp.put(k, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) : String.valueOf(v)));
        return hp;
    }

    /** From the session text's first line: "**gradwatch session** `id`, worker `0`, MultiLayerNetwork". */
    private static String modelClass(RunData data) {
        List<RunData.Text> t = data.texts(RunView.SESSION_TEXT);
        if (t.isEmpty()) {
            return "";
        }
        String first = t.get(t.size() - 1).text().split("\n", 2)[0];
        int comma = first.lastIndexOf(", ");
        return comma < 0 ? "" : first.substring(comma + 2).trim();
    }

    /** From the session text: "Gradients: <description>." */
    private static String gradientScale(RunData data) {
        List<RunData.Text> t = data.texts(RunView.SESSION_TEXT);
        for (String line : t.isEmpty() ? new String[0] : t.get(t.size() - 1).text().split("\n")) {
            if (line.startsWith("Gradients: ")) {
                String d = line.substring("Gradients: ".length());
                return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            }
        }
        return "";
    }

    private static long startMillis(RunData data) {
        double min = Double.MAX_VALUE;
        for (var s : data.scalars().values()) {
            if (!s.isEmpty()) {
                min = Math.min(min, s.firstEntry().getValue().wallTime());
            }
        }
        return min == Double.MAX_VALUE ? 0 : (long) (min * 1000);
    }
}
