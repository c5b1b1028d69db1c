package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.ui.store.BoundedStatsStorage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Sharing one server, remote posting and a responsive event loop. One JVM for the class (see the pom). */
class ServerTest {

    @Test
    void severalListeners_shareOneServerAndOneStorage() {
        GradWatchListener a = GradWatch.builder().sessionId("run-a").ui(0).build();
        GradWatchListener b = GradWatch.builder().sessionId("run-b").ui(0).build();
        UIServer server = GradWatchUi.server(0);
        assertEquals(1, server.getStatsStorageInstances().stream().filter(s -> s instanceof BoundedStatsStorage).count());
        publish(GradWatchUi.sink(GradWatchUi.memoryStorage()), "run-a", 3);
        publish(GradWatchUi.sink(GradWatchUi.memoryStorage()), "run-b", 3);
        a.close();
        b.close();
        Http http = new Http(server.getPort());
        assertTrue(sessionIds(http).containsAll(List.of("run-a", "run-b")));
    }

    @Test
    void remoteRouter_postsToAServerWithRemoteListening() throws Exception {
        UIServer server = GradWatchUi.server(0);
        server.enableRemoteListener();
        Http http = new Http(server.getPort());
        ReportSink remote = GradWatchUi.remote("http://localhost:" + server.getPort());
        publish(remote, "remote-run", 5);
        remote.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sessionIds(http).contains("remote-run") || records(http, "remote-run") < 5) {
            assertTrue(System.nanoTime() < deadline, "remote records did not arrive within 30 s");
            TimeUnit.MILLISECONDS.sleep(100);
        }
        JsonObject series = GradientsRoutesTestHttp.series(http, "remote-run");
        assertEquals(14, series.getJsonObject("series").fieldNames().stream().filter(k -> k.endsWith("/rms")
                && k.startsWith("gradients/")).count());
        assertEquals(4, series.getLong("latestIteration"));
    }

    @Test
    void whenStorageIsSlow_thePageAndOtherRequestsStillAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        InMemoryStatsStorage slow = new InMemoryStatsStorage() {
            @Override
            public List<String> listSessionIDs() {
                if (!armed.get()) {
                    return super.listSessionIDs();
                }
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.listSessionIDs();
            }
        };
        UIServer server = GradWatchUi.serve(0, slow);
        armed.set(true);
        Http http = new Http(server.getPort());
        CompletableFuture<Http.Response> blocked = CompletableFuture.supplyAsync(() -> http.get("/gradients/api/sessions"));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the sessions request reached the storage");
        long t0 = System.nanoTime();
        Http.Response page = http.get("/gradients");
        long pageMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, page.status());
        assertTrue(pageMillis < 2_000, "page took " + pageMillis + " ms while a storage read was blocked");
        assertFalse(blocked.isDone(), "the blocked request is still waiting on its worker");
        release.countDown();
        assertEquals(200, blocked.get(30, TimeUnit.SECONDS).status());
        server.detach(slow);
    }

    static void publish(ReportSink sink, String session, int steps) {
        SyntheticReports s = SyntheticReports.referenceMlp(session);
        sink.start(s.session());
        for (int i = 0; i < steps; i++) {
            sink.publish(s.step(i, true, false, Diagnosis.none()));
        }
    }

    static List<String> sessionIds(Http http) {
        JsonArray sessions = http.get("/gradients/api/sessions").json().getJsonArray("sessions");
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(((JsonObject) s).getString("id")));
        return ids;
    }

    static long records(Http http, String session) {
        JsonArray sessions = http.get("/gradients/api/sessions").json().getJsonArray("sessions");
        for (Object o : sessions) {
            JsonObject s = (JsonObject) o;
            if (session.equals(s.getString("id"))) {
                return s.getLong("records");
            }
        }
        return 0;
    }

    /** Static helpers shared with other tests. */
    static final class GradientsRoutesTestHttp {
        static JsonObject series(Http http, String session) {
            return http.get("/gradients/api/series", java.util.Map.of("session", session)).json();
        }
    }
}
