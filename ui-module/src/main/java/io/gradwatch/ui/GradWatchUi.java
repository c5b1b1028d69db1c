package io.gradwatch.ui;

import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Entry points of the gradwatch UI: starting or joining DL4J's UI server, the storages shared by
 * every listener of the JVM, and sinks for other routers (remote UI servers).
 *
 * <p>Usually reached through {@code GradWatch.builder().ui()}. All listeners of one JVM share one
 * server and one storage, so the page's session selector can overlay their runs.
 */
public final class GradWatchUi {

    /** DL4J type id of gradwatch's records. */
    public static final String TYPE_ID = "GradWatch";
    /** Path of the page on the UI server. */
    public static final String PAGE_PATH = "/gradients";

    private static final Logger log = LoggerFactory.getLogger(GradWatchUi.class);
    private static BoundedStatsStorage memoryStorage;
    private static final Map<File, FileStatsStorage> fileStorages = new HashMap<>();

    private GradWatchUi() {
    }

    /**
     * Starts DL4J's UI server on {@code port} (0 = a free port), or joins the one already running in
     * this JVM (whatever its port), and logs the page's URL.
     */
    public static synchronized UIServer server(int port) {
        VertxUIServer running = VertxUIServer.getInstance();
        UIServer server;
        if (running != null && !running.isStopped()) {
            server = running;
            if (port != 0 && running.getPort() != port) {
                log.warn("gradwatch: DL4J's UI server already runs on port {} in this JVM; using it instead of port {}",
                        running.getPort(), port);
            }
        } else {
            try {
                server = VertxUIServer.getInstance(port, false, null);
            } catch (RuntimeException e) {
                throw new IllegalStateException("DL4J's UI server could not start on port " + port
                        + " (is the port in use?): use ui(0) for any free port, or ui(port) for another", e);
            }
            if (server == null || server.isStopped()) {
                throw new IllegalStateException("DL4J's UI server did not start on port " + port
                        + " (is the port in use?): use ui(0) for any free port, or ui(port) for another");
            }
        }
        return server;
    }

    /** The page's URL on {@code server}, e.g. http://localhost:9000/gradients. */
    public static String pageUrl(UIServer server) {
        return "http://localhost:" + server.getPort() + PAGE_PATH;
    }

    /** The JVM's bounded in-memory storage (created on first use). */
    public static synchronized BoundedStatsStorage memoryStorage() {
        if (memoryStorage == null || memoryStorage.isClosed()) {
            memoryStorage = new BoundedStatsStorage();
        }
        return memoryStorage;
    }

    /** DL4J's FileStatsStorage for {@code file}, one instance per file in this JVM. */
    public static synchronized FileStatsStorage fileStorage(File file) {
        File key;
        try {
            key = file.getCanonicalFile();
        } catch (IOException e) {
            throw new UncheckedIOException("uiStorage(" + file + "): cannot resolve the path", e);
        }
        FileStatsStorage s = fileStorages.get(key);
        if (s == null || s.isClosed()) {
            File parent = key.getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IllegalArgumentException("uiStorage(" + file + "): cannot create directory " + parent);
            }
            s = new FileStatsStorage(key);
            fileStorages.put(key, s);
        }
        return s;
    }

    /** Starts or joins the server on {@code port}, attaches {@code storage} and logs the page's URL. */
    public static synchronized UIServer serve(int port, StatsStorage storage) {
        UIServer server = server(port);
        if (!server.isAttached(storage)) {
            server.attach(storage);
        }
        log.info("gradwatch: Gradients page at {}", pageUrl(server));
        return server;
    }

    /** A sink that publishes into any DL4J storage or router (e.g. one you attached yourself). */
    public static ReportSink sink(StatsStorageRouter router) {
        return new UiSink(Objects.requireNonNull(router, "router"));
    }

    /**
     * A sink that posts to the UI server at {@code address} (e.g. {@code http://uihost:9000}), which must
     * have been started with {@code enableRemoteListener()} and have gradwatch-ui on its classpath.
     * Add it with {@code GradWatch.builder().sink(GradWatchUi.remote(address))}.
     */
    public static ReportSink remote(String address) {
        return new UiSink(new RemoteUIStatsStorageRouter(Objects.requireNonNull(address, "address")));
    }
}
