package io.gradwatch;

/**
 * Entry point. Attach gradwatch to any DL4J network with one line:
 *
 * <pre>{@code
 * net.addListeners(GradWatch.builder().ui().tensorBoard("runs/exp1").build());
 * }</pre>
 */
public final class GradWatch {

    private GradWatch() {
    }

    /** A builder with the defaults documented on each of its methods. */
    public static GradWatchBuilder builder() {
        return new GradWatchBuilder();
    }
}
