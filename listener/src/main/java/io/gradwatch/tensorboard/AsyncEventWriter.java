package io.gradwatch.tensorboard;

import io.gradwatch.async.Clock;
import io.gradwatch.async.AsyncQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves event writing off the caller's thread: callers hand over batches of serialized events
 * without ever waiting; one writer thread frames them into the events file. Built on
 * {@link AsyncQueue} with the drop-and-count policy; {@code clock} drives the flush deadline, real time the
 * flush and close time limits.
 *
 * <ul>
 *   <li><b>Bounded, never blocking.</b> At most {@code maxEvents} events and {@code maxBytes} bytes
 *       wait in the queue. A batch that does not fit is dropped whole (a step is written completely
 *       or not at all) and its events are counted in {@link #droppedEvents()}; the first drop is
 *       logged. Flush and close requests are never dropped.</li>
 *   <li><b>Flushes.</b> Records reach the OS about {@code flushInterval} after the first of them was
 *       written (checked after every batch and at least every quarter interval), and only when something
 *       is pending; {@link #flush(long)} forces it.</li>
 *   <li><b>Metadata.</b> Batches offered with {@link #offerMetadata} (hparams, session, layout) are kept and
 *       written again at the head of any file that lost them (see {@link EventFileWriter}).</li>
 *   <li><b>Close.</b> {@link #close(long)} writes everything queued before it, flushes and closes the
 *       file within a time limit; events offered after close are dropped and counted.</li>
 * </ul>
 */
final class AsyncEventWriter {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private record Batch(List<byte[]> events, long bytes, boolean metadata) {
    }

    private final EventFileWriter file;
    private final Clock clock;
    private final long flushIntervalNanos;
    private final AsyncQueue<Batch> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private long dirtySinceNanos;
    private boolean dirty;

    AsyncEventWriter(EventFileWriter file, Clock clock, long maxEvents, long maxBytes, long flushIntervalNanos,
                     ThreadFactory threads) {
        this.file = file;
        this.clock = clock;
        this.flushIntervalNanos = flushIntervalNanos;
        this.queue = AsyncQueue.builder("the TensorBoard writer", new Writer())
                .bound(b -> b.events().size(), maxEvents)
                .bound(Batch::bytes, maxBytes)
                .overflow(AsyncQueue.Overflow.dropAndCount())
                .threadFactory(threads)
                .tickEvery(Duration.ofNanos(Math.max(1_000_000L, flushIntervalNanos / 4)))
                .build();
    }

    /** Queues {@code events} without waiting; false (and counted) if the queue is full or the writer closed. */
    boolean offer(List<byte[]> events) {
        return offer(events, false);
    }

    /** Like {@link #offer(List)} for the run's metadata, which the file keeps and rewrites where it was lost. */
    boolean offerMetadata(List<byte[]> events) {
        return offer(events, true);
    }

    private boolean offer(List<byte[]> events, boolean metadata) {
        long bytes = 0;
        for (byte[] e : events) {
            bytes += e.length;
        }
        if (queue.offer(new Batch(List.copyOf(events), bytes, metadata))) {
            return true;
        }
        if (dropped.getAndAdd(events.size()) == 0) {
            LOG.warn("gradwatch: TensorBoard writer queue is full or closed ({} events dropped); later drops are only "
                    + "counted (scalar gradwatch/tensorboard_dropped_events)", events.size());
        }
        return false;
    }

    /** Waits until everything queued before this call is handed to the OS, at most {@code timeoutMillis}. */
    boolean flush(long timeoutMillis) {
        return queue.flush(Duration.ofMillis(timeoutMillis));
    }

    /** Test seam: has the writer thread process everything queued so far and check its flush deadline. */
    boolean sync(long timeoutMillis) {
        return queue.sync(Duration.ofMillis(timeoutMillis));
    }

    /** Writes what is queued, flushes and closes the file; gives up waiting after {@code timeoutMillis}. Idempotent. */
    boolean close(long timeoutMillis) {
        return queue.close(Duration.ofMillis(Math.max(1, timeoutMillis)));
    }

    long droppedEvents() {
        return dropped.get();
    }

    long flushes() {
        return flushes.get();
    }

    EventFileWriter file() {
        return file;
    }

    /** Runs on the writer thread only. */
    private final class Writer implements AsyncQueue.Handler<Batch> {
        @Override
        public void handle(Batch b) {
            for (byte[] e : b.events()) {
                file.append(e, b.metadata());
            }
            if (!dirty) {
                dirty = true;
                dirtySinceNanos = clock.nanoTime();
            }
        }

        @Override
        public void tick() {
            if (dirty && clock.nanoTime() - dirtySinceNanos >= flushIntervalNanos) {
                flush();
            }
        }

        @Override
        public void flush() {
            if (dirty) {
                file.flush();
                dirty = false;
                flushes.incrementAndGet();
            }
        }

        @Override
        public void close() {
            file.close();
        }
    }
}
