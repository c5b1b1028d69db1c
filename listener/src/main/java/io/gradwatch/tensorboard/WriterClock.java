package io.gradwatch.tensorboard;

/** Time as the writer sees it: wall time for event stamps and file names, a monotonic clock for flush deadlines. */
public interface WriterClock {

    /** Milliseconds since the epoch. */
    long wallMillis();

    /** A monotonic reading in nanoseconds. */
    long nanoTime();

    /** The system clocks. */
    static WriterClock system() {
        return SystemClock.INSTANCE;
    }

    /** The system clocks, as a singleton. */
    enum SystemClock implements WriterClock {
        INSTANCE;

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    }
}
