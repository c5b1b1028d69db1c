package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.testing.ExpectedErrorOutput;
import io.gradwatch.ui.server.UiServers;
import org.deeplearning4j.ui.api.UIServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 8: a private server, no phantom after a failed start, and programs that end by themselves.
 * Tests that start a server stop it, so each test starts its own.
 */
@ExpectedErrorOutput("the busy-port start failures the tests provoke")
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
        assertEquals(200, new Http(server.getPort()).get("/gradients").status(), "served after close() while the program runs");
        GradWatchUi.stopServer();
        assertTrue(server.isStopped());
        awaitNoVertxThreads("after stopServer()");
    }

    @Test
    void aProgramUsingUi_endsByItself_afterMainReturns() throws Exception {
        Process p = javaMain("train");
        String out = finish(p);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("status-after-close 200"), out);
        assertTrue(out.contains("program has ended"), out);
    }

    @Test
    void aProgramUnderALauncherLikeExecJava_endsByItself_whileTheLaunchersThreadWaits() throws Exception {
        Process p = javaMain("exec-java");
        String out = finish(p);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("program has ended"), out);
        assertTrue(out.contains("launcher: every non-daemon thread of the program has ended"), out);
    }

    @Test
    void aProgramWhoseUiStartFails_endsByItself() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = javaMain("busy", String.valueOf(taken.getLocalPort()));
            String out = finish(p);
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains("ui(0)"), "the failure names the fix: " + out);
        }
    }

    private static Process javaMain(String... args) throws java.io.IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EndingProgram.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** The process's output; fails if it has not ended within 60 s (a phantom server kept it alive). */
    private static String finish(Process p) throws Exception {
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
            fail("the program did not end within 60 s: " + out.get(10, TimeUnit.SECONDS));
        }
        return out.get(10, TimeUnit.SECONDS);
    }

    /**
     * Runs everywhere, CI included: the probe is an address on which a server bound to every interface answers
     * (checked with a control socket first): 127.0.0.2 (Linux routes all of 127/8 to the loopback device, but a
     * socket bound to 127.0.0.1 only answers there), else any non-loopback address of this machine.
     */
    @Test
    void ui_listensOnLoopbackOnly() throws Exception {
        InetAddress probe = addressWhereAWildcardServerAnswers();
        assertNotNull(probe, "no address on this machine reaches a server bound to every interface "
                + "(tried 127.0.0.2 and every non-loopback address): the check cannot tell loopback-only apart");
        GradWatchListener listener = GradWatch.builder().sessionId("private").ui(0).build();
        try {
            int port = GradWatchUi.server(0).getPort();
            assertTrue(connects(InetAddress.getLoopbackAddress(), port), "loopback answers");
            assertFalse(connects(probe, port), "the server must not answer on " + probe.getHostAddress());
        } finally {
            listener.close();
            GradWatchUi.stopServer();
        }
    }

    @Test
    void keepServing_servesAfterMainReturns() throws Exception {
        Process p = javaMain("keep");
        try {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("main-returned ")) {
                    port = Integer.parseInt(line.substring("main-returned ".length()).trim());
                    break;
                }
            }
            assertTrue(port > 0, "the program printed its port");
            TimeUnit.MILLISECONDS.sleep(4 * UiServers.WATCH_MILLIS);
            assertTrue(p.isAlive(), "keepServing() keeps the JVM serving after main returned");
            assertEquals(200, new Http(port).get("/gradients").status());
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
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
        } catch (IOException e) {
            return false;
        }
    }

    /** The first of 127.0.0.2 and this machine's non-loopback addresses on which a wildcard-bound socket answers. */
    private static InetAddress addressWhereAWildcardServerAnswers() throws Exception {
        List<InetAddress> candidates = new ArrayList<>();
        candidates.add(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}));
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp() && !n.isLoopback()) {
                candidates.addAll(Collections.list(n.getInetAddresses()));
            }
        }
        try (ServerSocket wildcard = new ServerSocket(0)) {
            for (InetAddress a : candidates) {
                if (connects(a, wildcard.getLocalPort())) {
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
