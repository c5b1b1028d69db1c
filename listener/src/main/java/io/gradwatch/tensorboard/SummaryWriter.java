package io.gradwatch.tensorboard;

import io.gradwatch.async.Clock;
import java.nio.file.Path;
import java.util.List;

/**
 * The writer of one run directory for {@link TensorBoardSink}: encoded Summary.Values in, events on
 * a bounded queue, one writer thread per run directory that writes the file (see
 * {@link SummaryWriterBuilder} for the queue bound, the flush interval and the close time limit).
 * Every call encodes on the caller's thread and queues without waiting. Not a general TensorBoard
 * API: it writes what the sink encodes, nothing else (issue 15).
 */
final class SummaryWriter implements AutoCloseable {

    /** The name written into each file's source metadata. */
    static final String WRITER_NAME = "io.gradwatch.tensorboard";

    private final AsyncEventWriter async;
    private final Clock clock;
    private final long closeTimeoutMillis;
    private final Thread shutdownHook;

    private SummaryWriter(AsyncEventWriter async, Clock clock, long closeTimeoutMillis, boolean closeOnShutdown) {
        this.async = async;
        this.clock = clock;
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.shutdownHook = closeOnShutdown ? new Thread(this::close, "gradwatch-tensorboard-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static SummaryWriter open(AsyncEventWriter async, Clock clock, long closeTimeoutMillis,
                              boolean closeOnShutdown) {
        return new SummaryWriter(async, clock, closeTimeoutMillis, closeOnShutdown);
    }

    /** Options for a writer into {@code logDir} (created if missing). */
    static SummaryWriterBuilder builder(Path logDir) {
        return new SummaryWriterBuilder(logDir);
    }

    /** Marks this run's session as ended (successfully or not) in the HParams tab. */
    boolean sessionEnd(long step, boolean success) {
        return write(step, List.of(Values.hparams(HParams.SESSION_END_TAG,
                HParams.sessionEnd(success ? HParams.STATUS_SUCCESS : HParams.STATUS_FAILURE,
                        clock.wallMillis() / 1000.0))));
    }

    /** Waits (at most the close timeout) until everything written so far is handed to the OS. */
    boolean flush() {
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
    WriterStats stats() {
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

    /** The run's metadata (hparams, session, layout): written first, and again at the head of a file that lost it. */
    boolean writeMetadata(long step, double wallTimeSecs, List<byte[]> values) {
        return async.offerMetadata(List.of(Events.summary(wallTimeSecs, step, values)));
    }

    /** Several events queued as one batch: all are written, or all are dropped. */
    boolean writeEvents(List<byte[]> events) {
        return async.offer(events);
    }

    AsyncEventWriter async() {
        return async;
    }
}
