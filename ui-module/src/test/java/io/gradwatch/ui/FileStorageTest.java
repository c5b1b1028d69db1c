package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.TestNetworks;
import io.vertx.core.json.JsonObject;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** uiStorage(file) end to end, and ServeFile serving the saved file later. */
class FileStorageTest {

    @TempDir
    File dir;

    @Test
    void uiStorageFile_isServedLive_savedOnClose_andServedAgainByServeFile() throws Exception {
        File file = new File(dir, "runs/mlp.dl4j");
        MultiLayerNetwork net = TestNetworks.mlp(5);
        GradWatchListener l = GradWatch.builder().sessionId("file-mlp").every(1).histogramsEvery(2).ui(0)
                .uiStorage(file).build();
        net.addListeners(l);
        DataSet d = TestNetworks.data(5, 32, 12, 3);
        for (int i = 0; i < 6; i++) {
            net.fit(d);
        }
        l.close(); // writes what the writer thread holds into the file, then ends that thread
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("gradwatch-ui-writer-mlp.dl4j")) {
                t.join(5_000); // its last item is written; the thread is returning
                assertFalse(t.isAlive(), "close() ended the UI storage writer thread");
            }
        }
        UIServer server = GradWatchUi.server(0);
        Http http = new Http(server.getPort());
        JsonObject live = http.get("/gradients/api/series", Map.of("session", "file-mlp")).json();
        assertEquals(6, live.getInteger("records"));

        StatsStorage open = GradWatchUi.fileStorage(file);
        server.detach(open);
        open.close();
        assertTrue(file.length() > 0);

        Thread serve = new Thread(() -> {
            try {
                ServeFile.main(new String[]{file.getPath(), "0"});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-file");
        serve.setDaemon(true);
        serve.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ServerTest.sessionIds(http).contains("file-mlp")) {
            assertTrue(System.nanoTime() < deadline, "ServeFile did not attach the file within 30 s");
            TimeUnit.MILLISECONDS.sleep(100);
        }
        JsonObject served = http.get("/gradients/api/series", Map.of("session", "file-mlp")).json();
        assertEquals(live.getJsonArray("iterations"), served.getJsonArray("iterations"));
        assertEquals(live.getJsonObject("series"), served.getJsonObject("series"));
        assertFalse(served.getJsonObject("series").isEmpty(), "the column dictionary was saved with the session");
        JsonObject heat = http.get("/gradients/api/heatmap", Map.of("session", "file-mlp", "layer",
                served.getJsonArray("layers").getJsonObject(0).getString("name"))).json();
        assertEquals(3, heat.getJsonArray("iterations").size(), "histograms at iterations 0, 2, 4");
        assertEquals(List.of(FileStatsStorage.class), server.getStatsStorageInstances().stream()
                .filter(s -> s instanceof FileStatsStorage).map(Object::getClass).distinct().toList());
    }

    @Test
    void serveFile_ofAnEmptyOrCorruptFile_answersOneLineNamingTheFile() throws Exception {
        File empty = new File(dir, "empty.dl4j");
        assertTrue(empty.createNewFile());
        File corrupt = new File(dir, "corrupt.dl4j");
        byte[] noise = new byte[8192];
        new java.util.Random(1).nextBytes(noise);
        java.nio.file.Files.write(corrupt.toPath(), noise);
        for (File f : List.of(empty, corrupt, new File(dir, "missing.dl4j"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServeFile.open(f));
            assertTrue(e.getMessage().contains(f.getName()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeFile.open(empty)).getMessage()
                .contains("empty"));
    }
}
