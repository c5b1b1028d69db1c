package io.gradwatch.tensorboard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Writes TensorBoard event files from plain Java, without TensorFlow: scalars, histograms (from
 * values or from counts), text, hparams and a custom-scalars layout, into one run directory.
 *
 * <pre>{@code
 * try (SummaryWriter w = SummaryWriter.create(Path.of("runs/exp1"))) {
 *     w.scalar("loss", step, loss);
 *     w.histogram("weights/layer0", step, values);
 * }
 * }</pre>
 *
 * Every call encodes on the caller's thread and queues the event without waiting (see
 * {@link Builder} for the queue bound, the flush interval and the close time limit); one writer
 * thread per SummaryWriter writes the file. Methods are safe to call from several threads.
 * By default the writer is closed on JVM shutdown.
 */
public final class SummaryWriter implements AutoCloseable {

    /** The name written into each file's source metadata. */
    public static final String WRITER_NAME = "io.gradwatch.tensorboard";

    private final AsyncEventWriter async;
    private final WriterClock clock;
    private final long closeTimeoutMillis;
    private final Thread shutdownHook;

    private SummaryWriter(AsyncEventWriter async, WriterClock clock, long closeTimeoutMillis, boolean closeOnShutdown) {
        this.async = async;
        this.clock = clock;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.shutdownHook = closeOnShutdown ? new Thread(this::close, "gradwatch-tensorboard-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** A writer into {@code logDir} with the defaults of {@link Builder}. */
    public static SummaryWriter create(Path logDir) {
        return builder(logDir).build();
    }

    /** Options for a writer into {@code logDir} (created if missing). */
    public static Builder builder(Path logDir) {
        return new Builder(logDir);
    }

    /** A scalar (float32 {@code simple_value}), written as given: NaN and infinities too. */
    public boolean scalar(String tag, long step, double value) {
        return write(step, List.of(Values.scalar(tag, (float) value)));
    }

    /** Several scalars sharing one step, in one event. */
    public boolean scalars(long step, Map<String, ? extends Number> values) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        values.forEach((tag, v) -> encoded.add(Values.scalar(tag, v.floatValue())));
        return write(step, encoded);
    }

    /**
     * A histogram of {@code values} with TensorFlow's default buckets (identical to TensorFlow's own
     * writer). NaN and infinities are left out (TensorFlow refuses them); count them with
     * {@link TfHistogram#nonFinite(double[])} if you want to publish how many there were.
     */
    public boolean histogram(String tag, long step, double[] values) {
        return histogram(tag, step, TfHistogram.of(values));
    }

    /** Like {@link #histogram(String, long, double[])} for floats. */
    public boolean histogram(String tag, long step, float[] values) {
        return histogram(tag, step, TfHistogram.of(values));
    }

    /** A histogram you binned yourself, see {@link HistogramData#fromCounts}. */
    public boolean histogram(String tag, long step, HistogramData histogram) {
        return write(step, List.of(Values.histogram(tag, histogram)));
    }

    /** Markdown text under {@code tag} (TensorBoard's Text tab). */
    public boolean text(String tag, long step, String markdown) {
        return write(step, List.of(Values.text(tag, markdown)));
    }

    /**
     * This run's hyperparameters for TensorBoard's HParams tab: writes the experiment (which fixes
     * the columns to these hparams and to {@code metricTags}) and the session start info, at step 0.
     * Values must be String, Number or Boolean. Call once per run.
     */
    public boolean hparams(Map<String, ?> hparams, List<String> metricTags, String groupName) {
        hparams.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("hparam \"" + k + "\" must be a String, Number or Boolean, got "
                        + (v == null ? "null" : v.getClass().getName()));
            }
        });
        double now = clock.wallMillis() / 1000.0;
        return write(0, List.of(
                Values.hparams(HParams.EXPERIMENT_TAG, HParams.experiment("", now, hparams, metricTags)),
                Values.hparams(HParams.SESSION_START_TAG, HParams.sessionStart(hparams, groupName, now))));
    }

    /** Marks this run's session as ended (successfully or not) in the HParams tab. */
    public boolean sessionEnd(long step, boolean success) {
        return write(step, List.of(Values.hparams(HParams.SESSION_END_TAG,
                HParams.sessionEnd(success ? HParams.STATUS_SUCCESS : HParams.STATUS_FAILURE,
                        clock.wallMillis() / 1000.0))));
    }

    /** The Custom Scalars dashboard's layout. Write it once per run. */
    public boolean customScalars(CustomScalarsLayout layout) {
        return write(0, List.of(Values.customScalars(layout.encode())));
    }

    /** Waits (at most the close timeout) until everything written so far is handed to the OS. */
    public boolean flush() {
        return async.flush(closeTimeoutMillis);
    }

    /** Writes what is queued, flushes and closes the file, waiting at most the close timeout. Idempotent. */
    @Override
    public void close() {
        async.close(closeTimeoutMillis);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; nothing to remove
            }
        }
    }

    /** Counters: written, dropped, failed. */
    public WriterStats stats() {
        EventFileWriter f = async.file();
        return new WriterStats(f.file(), f.writtenEvents(), f.writtenBytes(), async.droppedEvents(), f.failures(),
                f.lostEvents(), async.flushes());
    }

    /** One event of already encoded Summary.Values, stamped now. */
    boolean write(long step, List<byte[]> values) {
        return write(step, clock.wallMillis() / 1000.0, values);
    }

    /** One event of already encoded Summary.Values. */
    boolean write(long step, double wallTimeSecs, List<byte[]> values) {
        return async.offer(List.of(Events.summary(wallTimeSecs, step, values)));
    }

    /** Several events queued as one batch: all are written, or all are dropped. */
    boolean writeEvents(List<byte[]> events) {
        return async.offer(events);
    }

    AsyncEventWriter async() {
        return async;
    }

    /**
     * Options of a {@link SummaryWriter}, each checked as it is set.
     */
    public static final class Builder {

        /** Default longest time a written event waits before it reaches the OS. */
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);
        /** Default bound of the queue, in events. */
        public static final int DEFAULT_MAX_QUEUED_EVENTS = 100_000;
        /** Default bound of the queue, in bytes. */
        public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;
        /** Default time close() and flush() wait for the writer thread. */
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

        private final Path logDir;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private int maxQueuedEvents = DEFAULT_MAX_QUEUED_EVENTS;
        private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private WriterClock clock = WriterClock.system();
        private ThreadFactory threads = r -> {
            Thread t = new Thread(r, "gradwatch-tensorboard-writer");
            t.setDaemon(true);
            return t;
        };
        private boolean closeOnShutdown = true;
        private EventFileWriter.ChannelOpener opener = EventFileWriter.FILES;

        private Builder(Path logDir) {
            this.logDir = Objects.requireNonNull(logDir, "logDir must not be null");
        }

        /** Longest time an event waits in memory before it reaches the OS (default 5 s). */
        public Builder flushInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive, got " + interval);
            }
            this.flushInterval = interval;
            return this;
        }

        /** Events that may wait for the writer thread before new ones are dropped (default 100,000). */
        public Builder maxQueuedEvents(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("maxQueuedEvents must be at least 1, got " + events);
            }
            this.maxQueuedEvents = events;
            return this;
        }

        /** Bytes that may wait for the writer thread before new events are dropped (default 64 MiB). */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxQueuedBytes must be at least 1, got " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /** How long close() and flush() wait for the writer thread (default 10 s). */
        public Builder closeTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** The clocks (a seam for tests). */
        public Builder clock(WriterClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Makes the writer thread (default: a daemon named gradwatch-tensorboard-writer). */
        public Builder threadFactory(ThreadFactory factory) {
            this.threads = Objects.requireNonNull(factory, "threadFactory must not be null");
            return this;
        }

        /** Whether a JVM shutdown hook closes the writer (default true). */
        public Builder closeOnShutdown(boolean enabled) {
            this.closeOnShutdown = enabled;
            return this;
        }

        /** How files are opened (a seam for tests that simulate a full disk). */
        Builder channelOpener(EventFileWriter.ChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /**
         * Creates the directory if needed and opens the first events file.
         *
         * @throws IllegalArgumentException if the directory cannot be created or written, naming the path and the fix
         */
        public SummaryWriter build() {
            Path dir = RunDirectory.prepare(logDir);
            EventFileWriter file;
            try {
                file = EventFileWriter.open(dir, WRITER_NAME, opener, clock::wallMillis);
            } catch (IOException e) {
                throw RunDirectory.cannotOpen(dir, e);
            }
            AsyncEventWriter async = new AsyncEventWriter(file, clock, maxQueuedEvents, maxQueuedBytes,
                    flushInterval.toNanos(), threads);
            return new SummaryWriter(async, clock, closeTimeout.toMillis(), closeOnShutdown);
        }
    }
}
