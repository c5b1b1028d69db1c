package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import org.deeplearning4j.ui.api.UIServer;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 9, item 8: a private server, no phantom after a failed start, and programs that can end. */
class ServerLifecycleTest {

    @Test
    void ui_onAPortInUse_failsNamingTheFix_leavesNoThread_andARetryServes() throws Exception {
        GradWatchListener listener;
        int busy;
        try (ServerSocket taken = new ServerSocket(0)) {
            busy = taken.getLocalPort();
            Exception e = assertThrows(IllegalStateException.class,
                    () -> GradWatch.builder().sessionId("busy").ui(busy).build());
            assertTrue(e.getMessage().contains("ui(0)"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(busy)), e.getMessage());
            awaitNoVertxThreads("after the failed start");
            listener = GradWatch.builder().sessionId("retry").ui(0).build();
        }
        UIServer server = GradWatchUi.server(0);
        assertNotEquals(busy, server.getPort(), "the retry serves on a port of its own");
        assertEquals(200, new Http(server.getPort()).get("/gradients").status());
        assertTrue(GradWatchUi.pageUrl(server).endsWith(":" + server.getPort() + "/gradients"));

        listener.close();
        assertTrue(server.isStopped(), "close() stops the server gradwatch started");
        awaitNoVertxThreads("after close()");
    }

    @Test
    void ui_listensOnLoopbackOnly() throws Exception {
        GradWatchListener listener = GradWatch.builder().sessionId("private").ui(0).build();
        try {
            int port = GradWatchUi.server(0).getPort();
            assertTrue(connects(InetAddress.getLoopbackAddress(), port), "loopback answers");
            InetAddress external = nonLoopbackAddress();
            org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has no non-loopback address");
            assertFalse(connects(external, port), "the server must not answer on " + external.getHostAddress());
        } finally {
            listener.close();
        }
    }

    @Test
    void keepServing_keepsTheServerAfterClose_untilStopped() throws Exception {
        GradWatchListener listener = GradWatch.builder().sessionId("kept").ui(0).keepServing().build();
        UIServer server = GradWatchUi.server(0);
        listener.close();
        assertFalse(server.isStopped());
        assertEquals(200, new Http(server.getPort()).get("/gradients").status());
        GradWatchUi.stopServer();
        assertTrue(server.isStopped());
        awaitNoVertxThreads("after stopServer()");
    }

    @Test
    void uiHost_blank_isRejected() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> GradWatch.builder().uiHost(" "));
        assertTrue(e.getMessage().contains("0.0.0.0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> GradWatch.builder().keepServing().build());
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
        }
        return null;
    }

    /** Vert.x's event-loop, worker and acceptor threads are not daemons: any left alive keeps the JVM up. */
    static void awaitNoVertxThreads(String when) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                    .map(Thread::getName).filter(n -> n.startsWith("vert.x-")).toList();
            if (alive.isEmpty()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        } while (System.nanoTime() < deadline);
        fail("non-daemon Vert.x threads still alive " + when + ": " + alive);
    }
}
