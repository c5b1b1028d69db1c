package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;

/**
 * A training program for {@link ServerLifecycleTest}, run in a JVM of its own: {@code train} starts the UI,
 * publishes a few reports, closes and returns from main ({@code keep}: the same with keepServing()); {@code busy PORT} dies of the failed start.
 * Either way the JVM must end by itself.
 */
public final class EndingProgram {

    private EndingProgram() {
    }

    public static void main(String[] args) {
        if (args[0].equals("busy")) {
            GradWatch.builder().sessionId("busy").ui(Integer.parseInt(args[1])).build();
            return;
        }
        boolean keep = args[0].equals("keep");
        GradWatchListener listener = keep ? GradWatch.builder().sessionId("kept").ui(0).keepServing().build()
                : GradWatch.builder().sessionId("ending").ui(0).build();
        ServerTest.publish(GradWatchUi.sink(GradWatchUi.memoryStorage()), "ending", 3);
        int port = GradWatchUi.server(0).getPort();
        listener.close();
        // Still served after close(): the program may read its own page before it ends.
        System.out.println("status-after-close " + new Http(port).get("/gradients").status());
        System.out.println("main-returned " + port);
    }
}
