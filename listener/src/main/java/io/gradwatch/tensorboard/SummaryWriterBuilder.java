package io.gradwatch.tensorboard;

import io.gradwatch.async.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Options of a {@link SummaryWriter}, each checked as it is set.
 */
final class SummaryWriterBuilder {

    /** Default longest time a written event waits before it reaches the OS. */
    static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);
    /** Default bound of the queue, in events. */
    static final int DEFAULT_MAX_QUEUED_EVENTS = 100_000;
    /** Default bound of the queue, in bytes. */
    static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;
    /** Default time close() and flush() wait for the writer thread. */
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Path logDir;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private int maxQueuedEvents = DEFAULT_MAX_QUEUED_EVENTS;
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Clock clock = Clock.system();
    private ThreadFactory threads = r -> {
        Thread t = new Thread(r, "gradwatch-tensorboard-writer");
        t.setDaemon(true);
        return t;
    };
    private boolean closeOnShutdown = true;
    private EventFileWriter.ChannelOpener opener = EventFileWriter.FILES;

    SummaryWriterBuilder(Path logDir) {
        this.logDir = Objects.requireNonNull(logDir, "logDir must not be null");
    }

    /** Longest time an event waits in memory before it reaches the OS (default 5 s). */
    SummaryWriterBuilder flushInterval(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + interval);
        }
        this.flushInterval = interval;
        return this;
    }

    /** Events that may wait for the writer thread before new ones are dropped (default 100,000). */
    SummaryWriterBuilder maxQueuedEvents(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("maxQueuedEvents must be at least 1, got " + events);
        }
        this.maxQueuedEvents = events;
        return this;
    }

    /** Bytes that may wait for the writer thread before new events are dropped (default 64 MiB). */
    SummaryWriterBuilder maxQueuedBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least 1, got " + bytes);
        }
        this.maxQueuedBytes = bytes;
        return this;
    }

    /** How long close() and flush() wait for the writer thread (default 10 s). */
    SummaryWriterBuilder closeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, got " + timeout);
        }
        this.closeTimeout = timeout;
        return this;
    }

    /** The clocks (a seam for tests). */
    SummaryWriterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return this;
    }

    /** Makes the writer thread (default: a daemon named gradwatch-tensorboard-writer). */
    SummaryWriterBuilder threadFactory(ThreadFactory factory) {
        this.threads = Objects.requireNonNull(factory, "threadFactory must not be null");
        return this;
    }

    /** Whether a JVM shutdown hook closes the writer (default true). */
    SummaryWriterBuilder closeOnShutdown(boolean enabled) {
        this.closeOnShutdown = enabled;
        return this;
    }

    /** How files are opened (a seam for tests that simulate a full disk). */
    SummaryWriterBuilder channelOpener(EventFileWriter.ChannelOpener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        return this;
    }

    /**
     * Creates the directory if needed and opens the first events file.
     *
     * @throws IllegalArgumentException if the directory cannot be created or written, naming the path and the fix
     */
    SummaryWriter build() {
        Path dir = RunDirectory.prepare(logDir);
        EventFileWriter file;
        try {
            file = EventFileWriter.open(dir, SummaryWriter.WRITER_NAME, opener, clock);
        } catch (IOException e) {
            throw RunDirectory.cannotOpen(dir, e);
        }
        AsyncEventWriter async = new AsyncEventWriter(file, clock, maxQueuedEvents, maxQueuedBytes,
                flushInterval.toNanos(), threads);
        return SummaryWriter.open(async, clock, closeTimeout.toMillis(), closeOnShutdown);
    }
}
