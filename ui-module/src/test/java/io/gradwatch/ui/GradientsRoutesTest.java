package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.Verdict;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.testing.TestNetworks;
import io.gradwatch.ui.http.PageAssets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every endpoint on a free port, for an empty storage, live sessions, NaN reports and a hostile layer name. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradientsRoutesTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String[] DATA_ENDPOINTS = {"layers", "series", "depth", "heatmap", "verdicts"};
    static Http http;
    static GradWatchListener starter;

    @BeforeAll
    static void startServer() {
        // ui(0) starts DL4J's UI server on a free port; later listeners join it.
        starter = GradWatch.builder().ui(0).build();
        http = new Http(GradWatchUi.server(0).getPort());
    }

    @Test
    @Order(1)
    void everyEndpoint_onEmptyStorage_answersJson() {
        Http.Response sessions = http.get("/gradients/api/sessions");
        assertEquals(200, sessions.status());
        assertTrue(sessions.contentType().startsWith("application/json"), sessions.contentType());
        assertEquals(0, sessions.json().getJsonArray("sessions").size());
        for (String e : DATA_ENDPOINTS) {
            Http.Response noSession = http.get("/gradients/api/" + e);
            assertEquals(400, noSession.status(), e);
            assertTrue(noSession.json().getString("error").contains("session"), e);
            Http.Response unknown = http.get("/gradients/api/" + e, Map.of("session", "nope", "layer", "x"));
            assertEquals(404, unknown.status(), e);
            assertNotNull(unknown.json().getString("error"), e);
        }
        Http.Response page = http.get("/gradients");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"empty\""), "the page has an empty state");
    }

    @Test
    @Order(2)
    void everyEndpoint_onLiveMlpSession_answersItsLayers() throws InterruptedException {
        MultiLayerNetwork net = TestNetworks.mlp(1);
        GradWatchListener l = GradWatch.builder().sessionId("live-mlp").every(1).histogramsEvery(1).ui(0).build();
        StatsListener dl4j = new StatsListener(GradWatchUi.memoryStorage());
        net.addListeners(l, dl4j);
        DataSet d = TestNetworks.data(1, 32, 12, 3);
        for (int i = 0; i < 5; i++) {
            net.fit(d);
        }
        l.close();

        JsonArray sessions = http.get("/gradients/api/sessions").json().getJsonArray("sessions");
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(((JsonObject) s).getString("id")));
        assertEquals(List.of("live-mlp"), ids, "DL4J's own StatsListener session is not listed as a gradwatch session");

        JsonObject layers = get("layers", "live-mlp").json();
        assertEquals(3, layers.getJsonArray("layers").size());
        assertEquals("MEAN_LOSS", layers.getString("gradientScale"));

        JsonObject series = get("series", "live-mlp", "keys", "gradients/*/*/rms").json();
        assertEquals(5, series.getJsonArray("iterations").size());
        JsonObject byKey = series.getJsonObject("series");
        assertEquals(6, byKey.size(), "3 layers x (W, b): " + byKey.fieldNames());
        assertEquals(series.getJsonArray("iterations").getLong(4), series.getLong("latestIteration"));
        String layer0 = series.getJsonArray("layers").getJsonObject(0).getString("name");
        JsonArray rms = byKey.getJsonArray("gradients/" + layer0 + "/W/rms");
        assertEquals(5, rms.size());
        assertTrue(rms.getDouble(0) > 0);
        assertEquals(1, get("series", "live-mlp", "keys", "updates/" + layer0 + "/W/ratio").json()
                .getJsonObject("series").size(), "one key asked, one served");

        JsonObject depth = get("depth", "live-mlp", "iteration", "2", "keys", "gradients/*/*/rms").json();
        assertEquals(2, depth.getLong("iteration"));
        assertEquals(6, depth.getJsonObject("values").size());
        JsonObject layer0Rms = new JsonObject().put("key", "gradients/" + layer0 + "/W/rms").put("kind", "gradients")
                .put("layer", layer0).put("parameter", "W").put("statistic", "rms");
        assertTrue(get("layers", "live-mlp").json().getJsonArray("columns").stream().anyMatch(layer0Rms::equals),
                "every column with its parts, so the page never takes a key apart");
        assertTrue(series.getJsonArray("columns").stream().anyMatch(layer0Rms::equals));
        assertEquals(6, series.getJsonArray("columns").size(), "one descriptor per served series");

        JsonObject heat = get("heatmap", "live-mlp", "layer", layer0, "param", "W").json();
        assertEquals(5, heat.getJsonArray("iterations").size());
        assertFalse(heat.getJsonArray("cells").isEmpty());

        JsonObject verdicts = get("verdicts", "live-mlp").json();
        assertNotNull(verdicts.getJsonArray("active"));
        assertNotNull(verdicts.getJsonArray("timeline"));

        // DL4J's own StatsListener beside gradwatch: its session has DL4J's pages of its own, and so has gradwatch's.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (http.get("/train/" + dl4j.getSessionID() + "/overview/data").status() != 200
                && System.nanoTime() < deadline) {
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(200, http.get("/train/" + dl4j.getSessionID() + "/overview").status(), "DL4J's own session");
        assertEquals(200, http.get("/train/live-mlp/overview").status(), "gradwatch's session on DL4J's pages");
    }

    @Test
    @Order(3)
    void nanAndInfinity_areEncodedAsStrings() {
        SyntheticReports reports = new SyntheticReports("nan-run", List.of("dense", "out"), new int[]{4, 3, 2}, 1000);
        ReportSink sink = GradWatchUi.sink(GradWatchUi.memoryStorage());
        sink.start(reports.session());
        Verdict v = new Verdict(Verdict.Problem.NON_FINITE, Verdict.Severity.WARNING, "dense", "W", 1, Double.NaN, "NaN in dense/W");
        sink.publish(reports.step(0, true, false, Diagnosis.none()));
        sink.publish(reports.step(1, true, true, new Diagnosis(List.of(v), List.of(v), List.of())));
        sink.close();

        for (String e : DATA_ENDPOINTS) {
            Http.Response r = get(e, "nan-run", "layer", "dense", "iteration", "1");
            assertEquals(200, r.status(), e + ": " + r.body());
            assertFalse(r.body().matches("(?s).*[:\\[,]\\s*(NaN|-?Infinity).*"), e + " has a bare NaN: " + r.body());
            r.json();
        }
        JsonObject series = get("series", "nan-run").json();
        JsonObject byKey = series.getJsonObject("series");
        assertEquals("NaN", byKey.getJsonArray("gradients/dense/W/rms").getValue(1));
        assertEquals("Infinity", byKey.getJsonArray("updates/dense/W/ratio").getValue(1));
        assertEquals(new JsonObject().put("layer", "dense").put("parameter", "W").put("iterations", new JsonArray().add(1)),
                series.getJsonArray("nonFinite").getJsonObject(0));
        assertEquals(3, series.getJsonObject("latest").getInteger("gradients/dense/W/nan_count"));
        JsonObject verdicts = get("verdicts", "nan-run").json();
        assertEquals("NaN", verdicts.getJsonArray("active").getJsonObject(0).getValue("measured"));
        assertEquals("started", verdicts.getJsonArray("timeline").getJsonObject(0).getString("event"));
        assertEquals("WARNING", verdicts.getJsonArray("active").getJsonObject(0).getString("severity"));
        assertEquals("NaN/Inf", verdicts.getJsonArray("active").getJsonObject(0).getString("words"));
        // The runs table's summary of the run, from the same records: latest iteration and loss, active verdicts.
        JsonObject run = http.get("/gradients/api/sessions").json().getJsonArray("sessions").stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("id").equals("nan-run")).findFirst().orElseThrow();
        assertEquals(1L, run.getLong("latestIteration"));
        assertEquals(2.3, run.getDouble("latestLoss"), 1e-6);
        assertEquals("NON_FINITE", run.getJsonArray("active").getJsonObject(0).getString("problem"));
        assertTrue(run.getJsonObject("metrics").isEmpty(), "no metric was published");
    }

    @Test
    @Order(30)
    void heatmap_ofAnUnknownLayer_is404_andItsRowsAreDecimalDecades() {
        Http.Response unknown = get("heatmap", "nan-run", "layer", "no-such-layer");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.json().getString("error").contains("no-such-layer"));
        JsonObject heat = get("heatmap", "nan-run", "layer", "dense", "param", "W").json();
        List<String> labels = new ArrayList<>();
        heat.getJsonArray("rows").forEach(r -> labels.add(((JsonObject) r).getString("label")));
        assertTrue(labels.contains("1e-8") && labels.contains("1e-7"), labels.toString());
        assertTrue(labels.stream().noneMatch(l -> l.contains("2^")), labels.toString());
        // Every row's label is the decade its edges span: low >= 10^d / 2 and high <= 10^(d+1) * 2.
        for (Object o : heat.getJsonArray("rows")) {
            JsonObject r = (JsonObject) o;
            String l = r.getString("label");
            if (l.startsWith("1e")) {
                double d = Math.pow(10, Integer.parseInt(l.substring(2)));
                assertTrue(r.getDouble("low") >= d / 2 && r.getDouble("high") <= d * 20, r.encode());
            }
        }
    }

    @Test
    @Order(4)
    void scriptLayerName_isEscapedInEveryEndpoint() {
        ComputationGraph graph = scriptGraph(SCRIPT);
        GradWatchListener l = GradWatch.builder().sessionId("script-run").every(1).histogramsEvery(1).ui(0)
                .build();
        graph.addListeners(l);
        DataSet d = TestNetworks.data(2, 16, 12, 3);
        for (int i = 0; i < 3; i++) {
            graph.fit(d);
        }
        l.close();
        for (String e : DATA_ENDPOINTS) {
            Http.Response r = get(e, "script-run", "layer", SCRIPT, "param", "W");
            assertEquals(200, r.status(), e + ": " + r.body());
            assertFalse(r.body().contains("<script>"), e + " leaks a raw tag: " + r.body());
            r.json();
        }
        JsonObject layers = get("layers", "script-run").json();
        assertEquals(SCRIPT, layers.getJsonArray("layers").getJsonObject(0).getString("name"));
        JsonObject heat = get("heatmap", "script-run", "layer", SCRIPT, "param", "W").json();
        assertEquals(3, heat.getJsonArray("iterations").size());
    }

    @Test
    @Order(5)
    void page_andItsAssets_areServedFromTheJar() {
        Http.Response page = http.get("/gradients");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        String echarts = "/assets/webjars/echarts/" + PageAssets.echartsVersion() + "/echarts.min.js";
        assertTrue(page.body().contains(echarts), "the page loads ECharts from the jar");
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from the internet");
        assertEquals(200, http.get(echarts).status());
        assertTrue(http.get(echarts).body().length() > 500_000);
        for (String script : PageAssets.SCRIPTS) {
            assertTrue(page.body().contains("/gradients/assets/" + script), "the page loads " + script);
            assertEquals(200, http.get("/gradients/assets/" + script).status(), script);
        }
        assertEquals(200, http.get("/gradients/assets/gradients.css").status());
        long t0 = System.nanoTime();
        assertEquals(404, http.get("/gradients/assets/missing.js").status(), "a missing asset is answered");
        assertEquals(404, http.get("/gradients/assets/..%2Fgradients.html").status());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "and answered at once");
    }

    @Test
    @Order(6)
    void noEndpoint_acceptsWrites() {
        for (String e : new String[]{"sessions", "layers", "series", "depth", "heatmap", "verdicts"}) {
            int status = http.post("/gradients/api/" + e + "?session=live-mlp", "{}").status();
            assertTrue(status == 404 || status == 405, e + " answered POST with " + status);
        }
    }

    @Test
    @Order(7)
    void badParameters_answerJsonErrors() {
        Http.Response points = get("series", "live-mlp", "points", "many");
        assertEquals(400, points.status());
        assertNotNull(points.json().getString("error"));
        Http.Response iteration = get("depth", "live-mlp", "iteration", "x");
        assertEquals(400, iteration.status());
        Http.Response worker = get("series", "live-mlp", "worker", "7");
        assertEquals(404, worker.status());
        worker.json();
    }

    @Test
    @Order(8)
    void everyEndpoint_forASessionWithoutReportsYet_answersEmptySeries() {
        ReportSink sink = GradWatchUi.sink(GradWatchUi.memoryStorage());
        sink.start(new SyntheticReports("just-started", List.of("a", "b"), new int[]{3, 2, 1}, 5).session());
        for (String e : DATA_ENDPOINTS) {
            Http.Response r = get(e, "just-started", "layer", "a");
            assertEquals(200, r.status(), e + ": " + r.body());
            r.json();
        }
        JsonObject series = get("series", "just-started").json();
        assertNull(series.getValue("latestIteration"));
        assertEquals(0, series.getJsonObject("series").size());
        assertNull(get("depth", "just-started").json().getValue("iteration"));
        assertEquals(2, get("layers", "just-started").json().getJsonArray("layers").size());
    }

    static Http.Response get(String endpoint, String session, String... more) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("session", session);
        for (int i = 0; i + 1 < more.length; i += 2) {
            q.put(more[i], more[i + 1]);
        }
        return http.get("/gradients/api/" + endpoint, q);
    }

    /** A graph whose first layer carries {@code name}. */
    static ComputationGraph scriptGraph(String name) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer(name, new DenseLayer.Builder().nIn(12).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), name)
                .setOutputs("out").build());
        g.init();
        return g;
    }
}
