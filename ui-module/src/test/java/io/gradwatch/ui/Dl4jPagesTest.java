package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.testing.TestNetworks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nd4j.linalg.dataset.DataSet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 9, item 7: DL4J's own pages show a run that attaches only gradwatch (no StatsListener). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the JVM's one storage: the run-less case first
class Dl4jPagesTest {

    @Test
    void overviewData_carriesTheScoresAndUpdateRatiosGradwatchComputed() throws Exception {
        List<StepReport> reports = new CopyOnWriteArrayList<>();
        GradWatchListener l = GradWatch.builder().sessionId("dl4j-pages").every(1).onReport(reports::add).ui(0).build();
        MultiLayerNetwork net = TestNetworks.mlp(3);
        net.addListeners(l);
        DataSet d = TestNetworks.data(3, 32, 12, 3);
        for (int i = 0; i < 6; i++) {
            net.fit(d);
        }
        l.flush();
        Http http = new Http(GradWatchUi.server(0).getPort());
        // DL4J's TrainModule learns of sessions from storage events, routed asynchronously.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Response r = http.get("/train/dl4j-pages/overview/data");
        while (r.status() != 200 || r.json().getJsonArray("scores") == null
                || r.json().getJsonArray("scores").size() < reports.size()) {
            assertTrue(System.nanoTime() < deadline, "DL4J's overview never showed the run: " + r.status() + " " + r.body());
            TimeUnit.MILLISECONDS.sleep(100);
            r = http.get("/train/dl4j-pages/overview/data");
        }
        JsonObject o = r.json();
        JsonArray scores = o.getJsonArray("scores");
        assertEquals(reports.size(), scores.size(), "one score per gradwatch report");
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(reports.get(i).loss(), scores.getDouble(i), 1e-6, "score " + i);
        }
        JsonObject ratios = o.getJsonObject("updateRatios");
        assertFalse(ratios.isEmpty(), "update ratios: " + o.encode());
        StepReport last = reports.get(reports.size() - 1);
        ParameterReport w0 = last.parameters().stream().filter(p -> p.layerIndex() == 0 && p.parameter().equals("W"))
                .findFirst().orElseThrow();
        JsonArray r0 = ratios.getJsonArray("0_W");
        assertNotNull(r0, "ratios of 0_W: " + ratios.fieldNames());
        double expected = w0.update().meanAbs() / w0.weights().meanAbs();
        assertEquals(expected, r0.getDouble(r0.size() - 1), 1e-4, "DL4J's ratio is the ratio of gradwatch's mean magnitudes");
        for (String page : List.of("/train/dl4j-pages/model/graph", "/train/dl4j-pages/model/data/0",
                "/train/dl4j-pages/system/data", "/train/dl4j-pages/overview", "/train/dl4j-pages/model",
                "/train/dl4j-pages/system")) {
            assertEquals(200, http.get(page).status(), page);
        }
        assertTrue(http.get("/gradients/api/sessions").json().getBoolean("dl4jMultiSession"),
                "the Gradients page learns where DL4J's per-run pages are");
        assertEquals("/train/dl4j-pages/overview", redirectOf(GradWatchUi.server(0).getPort(), "/train/overview"),
                "DL4J's familiar address leads to the run updated last");
        l.close();
    }

    @Test
    @Order(1)
    void trainOverview_beforeAnyRun_leadsToDl4jsSessionList() throws Exception {
        GradWatchListener l = GradWatch.builder().sessionId("no-updates-yet").ui(0).build();
        assertEquals("/train", redirectOf(GradWatchUi.server(0).getPort(), "/train/overview"));
        l.close();
    }

    /** The Location of a 302 answer to GET {@code path}; fails on any other status. */
    private static String redirectOf(int port, String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), path + " answered " + r.statusCode() + ": " + r.body());
        return r.headers().firstValue("Location").orElse("(no Location header)");
    }
}
