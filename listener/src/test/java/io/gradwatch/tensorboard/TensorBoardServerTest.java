package io.gradwatch.tensorboard;

import io.gradwatch.report.Kind;
import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.RecordingSink;
import io.gradwatch.testing.ReferenceCapture;
import io.gradwatch.testing.TensorBoardServer;
import io.gradwatch.testing.TestNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.shade.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: TensorBoard itself ({@value TensorBoardServer#TESTED_VERSION}, each loader: the Rust data
 * server with {@code --load_fast=true}, the Python loader with {@code --load_fast=false}) reads what
 * gradwatch wrote in short trainings, and its HTTP data API (what its pages show) serves the numbers
 * gradwatch computed. Three runs: {@code mlp} (a plain training, with a user metric), {@code nan} (NaN
 * in the input from one step on), {@code killed} (its JVM killed with SIGKILL while training), all
 * with the same hparams keys and user metric: TensorBoard takes the HParams tab's columns from one
 * run's experiment, whichever it finds first.
 */
class TensorBoardServerTest {

    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final List<Integer> BASIS_POINTS = List.of(0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000);

    @TempDir
    static Path logDir;

    private static final RecordingSink mlp = new RecordingSink();
    private static final ReferenceCapture mlpDl4j = new ReferenceCapture();
    private static final RecordingSink nan = new RecordingSink();
    private static long nanFrom;
    private static long killedFlushedStep;
    private static final Map<Boolean, TensorBoardServer> servers = new HashMap<>();

    @BeforeAll
    static void writeRunsAndStartTensorBoard() throws Exception {
        java.util.Optional<Path> found = TensorBoardServer.findExecutable();
        if (found.isEmpty()) {
            return; // each test is then skipped (failed under CI=true) by requireTensorBoard
        }
        Path exe = found.get();
        Process killed = startKilledTraining();
        trainMlp();
        trainNan();
        killedFlushedStep = killAfterFlush(killed);
        for (boolean fast : new boolean[]{true, false}) {
            servers.put(fast, TensorBoardServer.start(exe, logDir, fast));
        }
        long mlpLast = mlp.reports.get(mlp.reports.size() - 1).iteration();
        long nanLast = nan.reports.get(nan.reports.size() - 1).iteration();
        for (TensorBoardServer tb : servers.values()) { // TensorBoard loads in the background
            awaitStep(tb, "mlp", Tags.LOSS, mlpLast);
            awaitStep(tb, "nan", "gradients/layer0/W/nan_count", nanLast);
            awaitStep(tb, "killed", Tags.LOSS, killedFlushedStep);
        }
    }

    @BeforeEach
    void requireTensorBoard() {
        TensorBoardServer.requireExecutable();
    }

    @AfterAll
    static void stopTensorBoard() {
        servers.values().forEach(TensorBoardServer::close);
    }

    private static void trainMlp() {
        MultiLayerNetwork net = TestNetworks.mlp(7);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(2).tensorBoard(logDir.resolve("mlp"))
                .sink(mlp).hparams(Map.of("trial", "tb-api", "seed", 7)).hparamsMetrics("validation/accuracy").build();
        net.addListeners(mlpDl4j, listener);
        DataSet data = TestNetworks.data(7, 32, 12, 3);
        for (int i = 0; i < 6; i++) {
            net.fit(data);
        }
        listener.metric("validation/accuracy", 0.625, net.getIterationCount() - 1, 0);
        listener.close();
    }

    /** Two good steps, then NaN in one input: every gradient from that step on is NaN. */
    private static void trainNan() {
        MultiLayerNetwork net = TestNetworks.mlp(8);
        GradWatchListener listener = GradWatch.builder().every(1).histogramsEvery(1).tensorBoard(logDir.resolve("nan"))
                .sink(nan).hparams(Map.of("trial", "nan", "seed", 8)).hparamsMetrics("validation/accuracy").build();
        net.addListeners(listener);
        DataSet good = TestNetworks.data(8, 32, 12, 3);
        INDArray poisoned = good.getFeatures().dup();
        poisoned.putScalar(0, 0, Double.NaN);
        DataSet bad = new DataSet(poisoned, good.getLabels());
        net.fit(good);
        net.fit(good);
        nanFrom = net.getIterationCount();
        net.fit(bad);
        net.fit(good);
        listener.metric("validation/accuracy", 0.125, net.getIterationCount() - 1, 0);
        listener.close();
    }

    private static Process startKilledTraining() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TfInterop.javaExecutable(), "-Xmx512m", "-cp",
                String.join(java.io.File.pathSeparator, TfInterop.testClasspath()),
                KilledTrainingMain.class.getName(), logDir.resolve("killed").toString(), "4"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Waits (bounded) for the child's flush, then kills it with SIGKILL while it goes on training. */
    private static long killAfterFlush(Process child) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (java.io.IOException e) {
                            return "read failed: " + e;
                        }
                    });
            String flushed = line.get(120, TimeUnit.SECONDS);
            assertNotNull(flushed, "the training child died before it flushed");
            assertTrue(flushed.startsWith("flushed "), flushed);
            assertTrue(child.isAlive(), "the child keeps training after its flush");
            return Long.parseLong(flushed.substring("flushed ".length()));
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");
        }
    }

    private static void awaitStep(TensorBoardServer tb, String run, String tag, long step) {
        tb.await(LOAD, points -> steps(points).contains(step), "/data/plugin/scalars/scalars", "run", run, "tag", tag);
    }

    /** The steps of a scalars, histograms or distributions answer: rows [wall_time, step, value]. */
    private static Set<Long> steps(JsonNode points) {
        Set<Long> steps = new HashSet<>();
        points.forEach(p -> steps.add(p.get(1).asLong()));
        return steps;
    }

    private static Map<Long, Double> scalars(TensorBoardServer tb, String run, String tag) {
        Map<Long, Double> byStep = new TreeMap<>();
        tb.get("/data/plugin/scalars/scalars", "run", run, "tag", tag)
                .forEach(p -> byStep.put(p.get(1).asLong(), p.get(2).asDouble()));
        return byStep;
    }

    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void runs_areListed(boolean fast) {
        List<String> runs = new ArrayList<>();
        servers.get(fast).get("/data/runs").forEach(r -> runs.add(r.asText()));
        assertEquals(List.of("killed", "mlp", "nan"), runs.stream().sorted().toList());
        assertEquals(TensorBoardServer.TESTED_VERSION, servers.get(fast).version());
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void gradientRms_ofEveryLayer_carriesTheValuesGradwatchReported(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        for (ParameterReport p : mlp.reports.get(0).parameters()) {
            Map<Long, Double> served = scalars(tb, "mlp", Tags.gradientRms(p.id()));
            Map<Long, Double> reported = new TreeMap<>();
            for (StepReport r : mlp.reports) {
                reported.put(r.iteration(), (double) (float) r.parameter(p.layer(), p.parameter()).gradient().rms());
            }
            assertEquals(reported, served, p.name() + " rms, by step (float32, as written)");
        }
        // and layer 0's against DL4J's own gradient array (raw sum over the batch / batch size)
        Map<Long, Double> served = scalars(tb, "mlp", "gradients/layer0/W/rms");
        for (ReferenceCapture.Step s : mlpDl4j.steps) {
            float[] g = s.gradients.get("0_W");
            double squares = 0;
            for (float v : g) {
                squares += ((double) v / s.batchSize) * ((double) v / s.batchSize);
            }
            double rms = Math.sqrt(squares / g.length);
            assertEquals(rms, served.get((long) s.iteration), rms * 1e-5, "layer0/W rms at step " + s.iteration);
        }
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void histogramsAndDistributions_ofEveryLayersW_haveGradwatchsBucketsAndCounts(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        int checked = 0;
        for (StepReport r : mlp.reports) {
            for (ParameterReport p : r.parameters()) {
                if (p.gradientHistogram() == null || !p.parameter().equals("W")) {
                    continue;
                }
                String tag = Tags.histogram(Kind.GRADIENTS, p.id());
                List<double[]> rows = rowsAt(tb.get("/data/plugin/histograms/histograms", "run", "mlp", "tag", tag),
                        r.iteration());
                HistogramData written = LogHistograms.toHistogram(p.gradientHistogram(), p.gradient());
                assertRowsEqual(expectedRows(written), rows, tag + " at step " + r.iteration());
                assertEquals((double) p.gradient().count(), rows.stream().mapToDouble(row -> row[2]).sum(),
                        "every value of " + tag + " is in a bucket");
                assertEquals(p.gradient().min(), rows.get(0)[0], tag + " starts at the minimum");
                assertEquals(p.gradient().max(), rows.get(rows.size() - 1)[1], tag + " ends at the maximum");

                JsonNode dist = pointAt(tb.get("/data/plugin/distributions/distributions", "run", "mlp", "tag", tag),
                        r.iteration());
                List<Integer> bps = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                dist.get(2).forEach(bp -> {
                    bps.add(bp.get(0).asInt());
                    values.add(bp.get(1).asDouble());
                });
                assertEquals(BASIS_POINTS, bps, tag);
                assertEquals(p.gradient().min(), values.get(0), tag + " distribution's 0th percentile");
                assertEquals(p.gradient().max(), values.get(8), tag + " distribution's 100th percentile");
                for (int i = 1; i < values.size(); i++) {
                    assertTrue(values.get(i) >= values.get(i - 1), tag + " percentiles ascend: " + values);
                }
                // the median lies in the bucket holding the middle rank (or, when that rank falls on an edge,
                // in a bucket next to it: TensorBoard's cumulative weights are rounded floats)
                double half = p.gradient().count() / 2.0;
                double low = bucketOfRank(rows, half * (1 - 1e-9))[0];
                double high = bucketOfRank(rows, half * (1 + 1e-9))[1];
                assertTrue(values.get(4) >= low && values.get(4) <= high,
                        tag + " median " + values.get(4) + " inside [" + low + ", " + high + "]");
                checked++;
            }
        }
        assertEquals(3 * 3, checked, "three layers' W, histograms at steps 0, 2 and 4");
    }

    /** TensorBoard's documented reading of a HistogramProto: empty end buckets dropped, min and max as outer edges. */
    private static List<double[]> expectedRows(HistogramData h) {
        double[] limits = h.bucketLimits();
        double[] counts = h.bucketCounts();
        int start = 0;
        while (counts[start] == 0) {
            start++;
        }
        int end = counts.length - 1;
        while (counts[end] == 0) {
            end--;
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = start; i <= end; i++) {
            rows.add(new double[]{i == start ? h.min() : limits[i - 1], i == end ? h.max() : limits[i], counts[i]});
        }
        return rows;
    }

    private static double[] bucketOfRank(List<double[]> rows, double rank) {
        double seen = 0;
        for (double[] row : rows) {
            seen += row[2];
            if (seen > rank) {
                return row;
            }
        }
        return rows.get(rows.size() - 1);
    }

    private static JsonNode pointAt(JsonNode points, long step) {
        for (JsonNode p : points) {
            if (p.get(1).asLong() == step) {
                return p;
            }
        }
        throw new AssertionError("no point at step " + step + " in " + points);
    }

    private static List<double[]> rowsAt(JsonNode points, long step) {
        List<double[]> rows = new ArrayList<>();
        pointAt(points, step).get(2).forEach(r -> rows.add(new double[]{r.get(0).asDouble(), r.get(1).asDouble(),
                r.get(2).asDouble()}));
        return rows;
    }

    private static void assertRowsEqual(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of buckets; expected "
                + expected.stream().map(java.util.Arrays::toString).toList() + ", served "
                + actual.stream().map(java.util.Arrays::toString).toList());
        for (int i = 0; i < expected.size(); i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(expected.get(i)[k], actual.get(i)[k], what + ": bucket " + i + " column " + k);
            }
        }
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void hparams_listsEverySessionWithItsHyperparameters_andEveryDeclaredMetricHasData(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        JsonNode experiment = tb.post("/data/plugin/hparams/experiment", "{\"experimentName\": \"\"}");
        Set<String> hparams = new HashSet<>();
        experiment.get("hparamInfos").forEach(h -> hparams.add(h.get("name").asText()));
        assertTrue(hparams.containsAll(List.of("trial", "seed", "activation", "learning_rate", "batch_size")),
                "hparam columns: " + hparams);
        List<String> metrics = new ArrayList<>();
        experiment.get("metricInfos").forEach(m -> metrics.add(m.get("name").get("tag").asText()));
        assertEquals(List.of("loss", "validation/accuracy", "gradients/total_norm", "gradients/layer0/W/rms",
                "gradients/layer1/W/rms", "gradients/layer2/W/rms"), metrics);

        JsonNode groups = tb.post("/data/plugin/hparams/session_groups", "{\"experimentName\": \"\", "
                + "\"allowedStatuses\": [\"STATUS_UNKNOWN\", \"STATUS_SUCCESS\", \"STATUS_FAILURE\", \"STATUS_RUNNING\"], "
                + "\"startIndex\": 0, \"sliceSize\": 100}");
        Map<String, JsonNode> byTrial = new LinkedHashMap<>();
        groups.get("sessionGroups").forEach(g -> byTrial.put(g.get("hparams").path("trial").asText(), g));
        assertEquals(Set.of("tb-api", "nan", "killed"), byTrial.keySet(), "one session per run");
        JsonNode mlpGroup = byTrial.get("tb-api");
        assertEquals(7.0, mlpGroup.get("hparams").get("seed").asDouble());
        assertEquals(mlp.sessions.get(0).hyperparameters().get("activation"),
                mlpGroup.get("hparams").get("activation").asText());
        Map<String, Map<String, Double>> values = new HashMap<>();
        byTrial.forEach((trial, g) -> g.get("metricValues").forEach(v -> values.computeIfAbsent(trial, t -> new HashMap<>())
                .put(v.get("name").get("tag").asText(), v.get("value").asDouble())));
        for (String trial : byTrial.keySet()) {
            for (String metric : metrics) {
                assertTrue(values.get(trial).containsKey(metric), "session " + trial + " has data for declared metric "
                        + metric + ": " + values.get(trial));
            }
        }
        assertEquals(0.625, values.get("tb-api").get("validation/accuracy"), 1e-7);
        assertEquals(0.375, values.get("killed").get("validation/accuracy"), 1e-7);
        StepReport last = mlp.reports.get(mlp.reports.size() - 1);
        assertEquals((float) last.loss(), values.get("tb-api").get("loss"), 0.0, "a metric is its series' last value");
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void customScalarsLayout_isServed(boolean fast) {
        JsonNode layout = servers.get(fast).get("/data/plugin/custom_scalars/layout");
        JsonNode category = layout.get("category").get(0);
        assertEquals("gradwatch", category.get("title").asText());
        Map<String, List<String>> charts = new LinkedHashMap<>();
        category.get("chart").forEach(c -> {
            List<String> tags = new ArrayList<>();
            c.get("multiline").get("tag").forEach(t -> tags.add(t.asText()));
            charts.put(c.get("title").asText(), tags);
        });
        CustomScalarsLayout ours = SessionLayout.layout(mlp.sessions.get(0), mlp.reports.get(0));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        ours.categories().get(0).charts().forEach(c -> expected.put(c.title(), c.tagRegexes()));
        assertEquals(expected, charts);
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void diagnosisAndSessionTexts_areServed(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        JsonNode diagnosis = tb.get("/data/plugin/text/text", "run", "nan", "tag", Tags.DIAGNOSIS);
        Set<Long> changed = new HashSet<>();
        for (StepReport r : nan.reports) {
            if (r.diagnosis().changed()) {
                changed.add(r.iteration());
            }
        }
        assertTrue(changed.contains(nanFrom), "NaN gradients start a verdict at step " + nanFrom);
        Set<Long> served = new HashSet<>();
        diagnosis.forEach(t -> {
            served.add(t.get("step").asLong());
            assertTrue(t.get("text").asText().contains("Iteration " + t.get("step").asLong()), t.toString());
        });
        assertEquals(changed, served, "a diagnosis text at each step where a verdict started or ended");

        JsonNode session = tb.get("/data/plugin/text/text", "run", "mlp", "tag", Tags.SESSION_TEXT);
        String html = session.get(0).get("text").asText();
        assertTrue(html.contains(mlp.sessions.get(0).sessionId()) && html.contains("layer0"), html);
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void nonFiniteValues_areAbsentFromTheirSeries_andCountedInNanCount(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        Map<String, Map<Long, Double>> served = new HashMap<>();
        int absent = 0;
        for (StepReport r : nan.reports) {
            Map<String, Double> reported = new LinkedHashMap<>();
            reported.put(Tags.LOSS, r.loss());
            reported.put(Tags.TOTAL_NORM, r.gradientTotalNorm());
            for (String layer : List.of("layer0", "layer1", "layer2")) {
                reported.put("gradients/" + layer + "/W/rms", r.parameter(layer, "W").gradient().rms());
                reported.put("gradients/" + layer + "/W/nan_count", (double) r.parameter(layer, "W").gradient().nanCount());
            }
            for (Map.Entry<String, Double> e : reported.entrySet()) {
                Map<Long, Double> series = served.computeIfAbsent(e.getKey(), tag -> scalars(tb, "nan", tag));
                float v = e.getValue().floatValue();
                if (Float.isFinite(v)) {
                    assertEquals((double) v, series.get(r.iteration()), e.getKey() + " at step " + r.iteration());
                } else {
                    assertFalse(series.containsKey(r.iteration()), e.getKey() + " is " + v + " at step "
                            + r.iteration() + ": no point there");
                    absent++;
                }
            }
        }
        assertTrue(served.get("gradients/layer0/W/nan_count").get(nanFrom) > 0, "the NaN step's count is served");
        assertTrue(absent >= 3, "loss, total norm and layer0's rms are NaN at step " + nanFrom + ": " + absent);
    }

    @ParameterizedTest(name = "load_fast={0}")
    @ValueSource(booleans = {true, false})
    void killedRun_isRead_withEveryStepUpToItsLastFlush(boolean fast) {
        TensorBoardServer tb = servers.get(fast);
        Map<Long, Double> loss = scalars(tb, "killed", Tags.LOSS);
        for (long step = 0; step <= killedFlushedStep; step++) {
            assertTrue(loss.containsKey(step), "killed run's loss at step " + step + ": " + loss.keySet());
        }
        assertFalse(scalars(tb, "killed", "gradients/layer0/W/rms").isEmpty());
    }
}
