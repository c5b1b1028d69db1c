package io.gradwatch.ui.server;

import io.vertx.core.Vertx;
import org.deeplearning4j.ui.VertxUIServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's DL4J UI server as gradwatch sees it: started by gradwatch on one interface (loopback by
 * default) or found running (started by the user).
 *
 * <p>DL4J's Vert.x threads are not daemons, so a running server keeps the JVM alive after the program is
 * done (and {@code mvn exec:java} waits for them). A server gradwatch started therefore serves while the
 * program runs (also after its listeners are closed, so a program can still read the page) and is stopped
 * by a daemon watcher once the program's threads ({@link ProgramThreads}) have ended, i.e. when main and the
 * threads it started have ended; the JVM (or Maven) then exits. {@code keepServing()} switches the watcher off: the page stays up until Ctrl-C.
 */
public final class UiServers {

    /** Bound on every wait for Vert.x (start, stop). */
    public static final long WAIT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(UiServers.class);

    private static volatile VertxUIServer owned;
    private static Vertx ownedVertx;
    private static String ownedHost;
    private static volatile boolean keepServing;

    private UiServers() {
    }

    /** The running server (joined or started on host:port); fails naming the fix, leaving nothing behind. */
    public static synchronized VertxUIServer start(String host, int port) {
        VertxUIServer running = VertxUIServer.getInstance();
        if (running != null && !running.isStopped()) {
            if (running != owned) {
                log.info("gradwatch: using the DL4J UI server already running in this JVM on port {}",
                        running.getPort());
            } else if (!host.equals(ownedHost)) {
                log.warn("gradwatch: the UI server already listens on {}; uiHost({}) is ignored", ownedHost, host);
            }
            if (port != 0 && running.getPort() != port) {
                log.warn("gradwatch: DL4J's UI server already runs on port {} in this JVM; using it instead of port {}",
                        running.getPort(), port);
            }
            return running;
        }
        // Multi-session: DL4J's pages then answer per run at /train/<session>/overview, so every gradwatch run
        // (several per JVM) has its DL4J pages, not only the one DL4J picks as "current".
        VertxUIServer.getMultiSession().set(true);
        Vertx vertx = Vertx.vertx();
        BoundUiServer server = new BoundUiServer(host, port);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(server, r -> {
            if (r.succeeded()) {
                deployed.complete(r.result());
            } else {
                deployed.completeExceptionally(r.cause());
            }
        });
        try {
            deployed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            close(vertx);
            forget(server);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("gradwatch: DL4J's UI server could not listen on " + host + ":" + port
                    + " (" + cause + "); is the port in use? Use ui(0) for any free port, or ui(port) for another",
                    cause);
        }
        owned = server;
        ownedVertx = vertx;
        ownedHost = host;
        watch(server, ProgramThreads.ofCurrentThread());
        if (!isLoopback(host)) {
            log.warn("gradwatch: the UI server listens on {}:{}: anyone who can reach this interface reads the model, "
                    + "its hyperparameters and its gradients", host, server.getPort());
        }
        return server;
    }

    /** The server gradwatch started outlives the program's threads (until Ctrl-C or {@link #stopOwned()}). */
    public static synchronized void keepServing() {
        keepServing = true;
    }

    /** True while gradwatch's server must stay: the user asked to keep it, or the program still runs. */
    private static synchronized boolean needed(ProgramThreads program) {
        return owned != null && (keepServing || program.running());
    }

    private static void watch(VertxUIServer server, ProgramThreads program) {
        Thread watcher = new Thread(() -> {
            try {
                while (owned == server && needed(program)) {
                    TimeUnit.MILLISECONDS.sleep(WATCH_MILLIS);
                }
                synchronized (UiServers.class) {
                    if (owned == server && !keepServing) {
                        log.info("gradwatch: the program has ended; stopping the UI server");
                        stopOwned();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gradwatch-ui-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** How often the watcher looks whether the program has ended. */
    public static final long WATCH_MILLIS = 250;

    /** Stops the server gradwatch started (if any), within {@link #WAIT_SECONDS}. */
    public static synchronized void stopOwned() {
        if (owned == null) {
            return;
        }
        int port = owned.getPort();
        close(ownedVertx);
        forget(owned);
        owned = null;
        ownedVertx = null;
        keepServing = false;
        log.info("gradwatch: stopped the UI server on port {}", port);
    }

    /** The interface the server gradwatch started listens on, or null when gradwatch did not start it. */
    public static synchronized String ownedHost() {
        return owned == null ? null : ownedHost;
    }

    public static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    private static void close(Vertx vertx) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(r -> closed.complete(null));
        try {
            closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("gradwatch: Vert.x did not close within {} s: {}", WAIT_SECONDS, e.toString());
        }
    }

    /** Makes DL4J forget {@code server}, so a later start creates a fresh one instead of returning it. */
    private static void forget(VertxUIServer server) {
        if (VertxUIServer.getInstance() != server) {
            return;
        }
        try {
            java.lang.reflect.Field instance = VertxUIServer.class.getDeclaredField("instance");
            instance.setAccessible(true);
            instance.set(null, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("gradwatch: could not reset DL4J's UI server singleton: {}", e.toString());
        }
    }
}
