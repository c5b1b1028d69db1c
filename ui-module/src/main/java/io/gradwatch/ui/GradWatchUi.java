package io.gradwatch.ui;

import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.Terminal;
import io.gradwatch.sink.UiOptions;
import io.gradwatch.ui.server.UiServers;
import io.gradwatch.ui.store.BoundedStatsStorage;
import io.gradwatch.ui.store.UiSink;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
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
    /** Path of the page on the UI server. */
    public static final String PAGE_PATH = "/gradients";

    private static final Logger log = LoggerFactory.getLogger(GradWatchUi.class);
    private static BoundedStatsStorage memoryStorage;
    private static final Map<File, FileStatsStorage> fileStorages = new HashMap<>();

    private GradWatchUi() {
    }

    /**
     * Starts DL4J's UI server on the loopback interface and {@code port} (0 = a free port), or joins the one
     * already running in this JVM (whatever its port).
     */
    public static UIServer server(int port) {
        return server(UiOptions.LOOPBACK, port);
    }

    /** Like {@link #server(int)}, listening on {@code host} ("0.0.0.0": every interface) when it starts one. */
    public static UIServer server(String host, int port) {
        return UiServers.start(host, port);
    }

    /**
     * Stops the UI server gradwatch started in this JVM, if any, at once. A listener's close() leaves the server
     * running (the program may still read its page); without this call it stops when the program's own threads
     * have ended, unless keepServing() was asked for.
     */
    public static void stopServer() {
        UiServers.stopOwned();
    }

    /** The page's URL on {@code server}, e.g. http://localhost:9000/gradients. */
    public static String pageUrl(UIServer server) {
        String host = UiServers.ownedHost();
        String shown = host == null || UiServers.isLoopback(host) || host.equals("0.0.0.0") || host.equals("::")
                ? "localhost" : host;
        return "http://" + shown + ":" + server.getPort() + PAGE_PATH;
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
    public static UIServer serve(int port, StatsStorage storage) {
        return serve(UiOptions.LOOPBACK, port, storage);
    }

    /** Like {@link #serve(int, StatsStorage)}, listening on {@code host} when it starts the server. */
    public static synchronized UIServer serve(String host, int port, StatsStorage storage) {
        UIServer server = server(host, port);
        if (!server.isAttached(storage)) {
            server.attach(storage);
        }
        Terminal.info(log, "gradwatch: Gradients page at " + pageUrl(server));
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
