package io.gradwatch.listener;

import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** One training thread's capture state, which an internal error stops for good. */
interface Capture {

    /** This thread's in-flight iteration. */
    InFlight inFlight();

    /** Drops the iteration in flight, returning its buffers. */
    void discard();

    /** Whether monitoring on this thread was stopped after an internal error. */
    default boolean stopped() {
        return inFlight().stopped();
    }

    /** Stops monitoring on this thread for good, returning any buffers taken so far. */
    default void stop() {
        inFlight().stop();
        discard();
    }

    /**
     * Runs a callback on {@code capture} so that nothing gradwatch throws reaches the training loop: after an
     * internal error this thread's monitoring stops (logged once, with the cause) and training goes on
     * unmonitored. {@code reportWith} says what to attach to a bug report.
     */
    static <C extends Capture> void guarded(C capture, Consumer<C> callback, String workerId, String reportWith) {
        if (capture.stopped()) {
            return;
        }
        try {
            callback.accept(capture);
        } catch (RuntimeException | LinkageError e) {
            capture.stop();
            LoggerFactory.getLogger("io.gradwatch").error("gradwatch stopped monitoring worker {} after an internal error; training goes on without it. "
                    + "Please report this with {}.", workerId, reportWith, e);
        }
    }
}
