package io.gradwatch.offline;

import io.gradwatch.report.Kind;
import io.gradwatch.report.SeriesKey;
import io.gradwatch.report.Statistic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's data: the answers the Gradients page gets from its endpoints (docs/ui.md: sessions,
 * layers, series, verdicts), built from each run's event files and keyed by the path the page's data
 * seam asks for ({@code gw.data.path}: {@code series?session=<run>&worker=0}, parameters sorted by
 * name and URI-encoded), plus {@code report}: the title and what was wrong with the files. Each run is
 * one session with one worker, "0". Series hold at most {@link #POINTS} evenly strided reports, as the
 * live page asks for; the export has every point.
 */
final class PageData {

    static final int POINTS = 1_000;
    static final String WORKER = "0";

    private PageData() {
    }

    /** The answers by path, and each damaged run's problems (run name to what was wrong, in run order). */
    record Built(Map<String, Object> answers, Map<String, List<String>> problems) {
    }

    /** Reads the runs one at a time (only their thinned answers are kept) and builds the answers. */
    static Built build(String title, List<RunFinder.RunFiles> runs) throws java.io.IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<Object> files = new ArrayList<>();
        for (RunFinder.RunFiles runFiles : runs) {
            RunData data = RunFinder.read(runFiles);
            ReportMain.warnProblems(data);
            if (!data.problems().isEmpty()) {
                problems.put(data.name(), data.problems());
            }
            RunView run = new RunView(data);
            List<Long> steps = run.reportSteps();
            DiagnosisText.Verdicts verdicts = DiagnosisText.parse(data.texts(RunView.DIAGNOSIS), run.layers());
            Map<String, String> ids = Map.of("session", run.name(), "worker", WORKER);
            sessions.add(session(run, steps, verdicts));
            out.put(path("layers", ids), layers(run));
            out.put(path("series", ids), SeriesAnswer.of(run, steps, POINTS));
            out.put(path("verdicts", ids), Map.of("session", run.name(), "worker", WORKER,
                    "timeline", verdicts.timeline().stream().map(PageData::verdict).toList(),
                    "active", verdicts.active().stream().map(PageData::verdict).toList()));
            heatmaps(run, out);
            files.add(Map.of("run", run.name(), "files", data.files(), "problems", data.problems()));
        }
        sessions.sort(Comparator.comparing(s -> (Long) s.get("startTime"))); // oldest first, as the server does
        out.put("sessions", Map.of("sessions", sessions, "dl4jMultiSession", false));
        out.put("report", Map.of("title", title, "runs", files));
        return new Built(out, problems);
    }

    /** Columns of a heatmap answer, as the page asks the server for. */
    static final int HEATMAP_COLUMNS = 200;

    /** A heatmap answer per gradient histogram tag {@code gradients/<layer>/<param>} of the run's layers. */
    private static void heatmaps(RunView run, Map<String, Object> out) {
        run.data().histograms().forEach((tag, histograms) -> {
            for (RunView.Layer l : run.layers()) {
                String prefix = "gradients/" + l.name() + "/";
                if (tag.startsWith(prefix) && tag.length() > prefix.length()) {
                    String param = tag.substring(prefix.length());
                    out.put(path("heatmap", Map.of("layer", l.name(), "param", param, "session", run.name(),
                            "worker", WORKER)), HeatmapAnswer.of(run, l.name(), param, histograms, HEATMAP_COLUMNS));
                }
            }
        });
    }

    /** The page's key of an answer: endpoint?k=v&... with the parameters sorted and encoded as encodeURIComponent does. */
    static String path(String endpoint, Map<String, String> ids) {
        StringBuilder s = new StringBuilder(endpoint);
        char sep = '?';
        for (Map.Entry<String, String> e : new TreeMap<>(ids).entrySet()) {
            s.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return s.toString();
    }

    static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    private static Map<String, Object> session(RunView run, List<Long> steps, DiagnosisText.Verdicts verdicts) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", run.name());
        s.put("workers", List.of(WORKER));
        s.put("modelClass", run.modelClass());
        s.put("startTime", startMillis(run.data()));
        s.put("layers", run.layers().size());
        s.put("hyperparameters", hyperparameters(run.data()));
        s.put("records", steps.size());
        Long last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        s.put("latestIteration", last);
        s.put("latestLoss", last == null ? null : run.value(RunView.LOSS, last));
        Map<String, Object> metrics = new LinkedHashMap<>();
        run.metricTags().forEach(t -> metrics.put(t, run.last(t)));
        s.put("metrics", metrics);
        s.put("active", verdicts.active().stream().map(PageData::verdict).toList());
        return s;
    }

    private static Map<String, Object> layers(RunView run) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("session", run.name());
        j.put("worker", WORKER);
        j.put("modelClass", run.modelClass());
        j.put("gradientScale", "");
        j.put("gradientScaleDescription", run.gradientScaleDescription());
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
        j.put("columns", run.columns().stream().map(PageData::descriptor).toList());
        return j;
    }

    /** {key, kind, layer, parameter, statistic}, as the page's endpoints describe each series. */
    static Map<String, Object> descriptor(SeriesKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", k.path());
        m.put("kind", k.kind().key());
        m.put("layer", k.layer());
        m.put("parameter", k.parameter());
        m.put("statistic", k.statistic().key());
        return m;
    }

    static boolean isGradientCounter(SeriesKey k) {
        return k.kind() == Kind.GRADIENTS && k.parameter() != null
                && (k.statistic() == Statistic.NAN_COUNT || k.statistic() == Statistic.INF_COUNT);
    }

    private static Map<String, Object> verdict(DiagnosisText.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", e.iteration());
        m.put("event", e.event());
        m.put("problem", e.problem() == null ? null : e.problem().name());
        m.put("words", e.problem() == null ? null : e.problem().words());
        m.put("severity", e.severity());
        m.put("layer", e.layer());
        m.put("param", e.param());
        m.put("firstIteration", e.firstIteration());
        m.put("measured", null); // the text gives the number only inside the message
        m.put("message", e.message());
        return m;
    }

    private static Map<String, String> hyperparameters(RunData data) {
        Map<String, String> hp = new LinkedHashMap<>();
        data.hparams().forEach((k, v) -> hp.put(k, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) : String.valueOf(v)));
        return hp;
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
