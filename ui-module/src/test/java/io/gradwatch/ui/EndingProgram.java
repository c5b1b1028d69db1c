package io.gradwatch.ui;

import io.gradwatch.GradWatch;
import io.gradwatch.listener.GradWatchListener;

/**
 * A training program for {@link ServerLifecycleTest}, run in a JVM of its own: {@code train} starts the UI,
 * publishes a few reports, closes and returns from main ({@code keep}: the same with keepServing()); {@code busy PORT} dies of the failed start.
 * Either way the JVM must end by itself. {@code exec-java} runs {@code train} the way {@code mvn exec:java} does.
 */
public final class EndingProgram {

    private EndingProgram() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String[] args) throws InterruptedException {
        if (args[0].equals("exec-java")) {
            launchLikeExecJava(new String[]{"train"});
            return;
        }
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

    /**
     * What {@code mvn exec:java} does: main runs in a thread of its own thread group while the launcher's main
     * thread (Maven's) stays alive and joins every non-daemon thread of that group, then returns.
     */
    private static void launchLikeExecJava(String[] args) throws InterruptedException {
        ThreadGroup isolated = new ThreadGroup("EndingProgram");
        Thread program = new Thread(isolated, () -> main(args), "EndingProgram.main()");
        program.start();
        Thread[] threads = new Thread[64];
        int n;
        while ((n = isolated.enumerate(threads, true)) > 0) {
            boolean joined = false;
            for (int i = 0; i < n; i++) {
                if (!threads[i].isDaemon()) {
                    threads[i].join();
                    joined = true;
                }
            }
            if (!joined) {
                break;
            }
        }
        System.out.println("launcher: every non-daemon thread of the program has ended");
    }
}
