package io.gradwatch.async;

/**
 * gradwatch's one clock, injected wherever time is read so that tests step it: a monotonic reading for waits,
 * deadlines and intervals, and wall time for stamps and file names.
 */
@FunctionalInterface
public interface Clock {

    /** A monotonic reading in nanoseconds. */
    long nanoTime();

    /** Milliseconds since the epoch. */
    default long wallMillis() {
        return System.currentTimeMillis();
    }

    /** The system clocks. */
    static Clock system() {
        return System::nanoTime;
    }
}
