package io.gradwatch.tensorboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves event writing off the caller's thread: callers hand over batches of serialized events
 * without ever waiting; one writer thread frames them into the events file.
 *
 * <ul>
 *   <li><b>Bounded, never blocking.</b> At most {@code maxEvents} events and {@code maxBytes} bytes
 *       wait in the queue. A batch that does not fit is dropped whole (a step is written completely
 *       or not at all) and its events are counted in {@link #droppedEvents()}; the first drop is
 *       logged. Flush and close requests are never dropped.</li>
 *   <li><b>Flushes.</b> Records reach the OS at the latest {@code flushInterval} after the first of
 *       them was written, and only when something is pending; {@link #flush(long)} forces it.</li>
 *   <li><b>Close.</b> {@link #close(long)} writes everything queued before it, flushes and closes the
 *       file within a time limit; events offered after close are dropped and counted.</li>
 * </ul>
 */
final class AsyncEventWriter {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private sealed interface Item permits Batch, Flush, Sync, Stop {
    }

    private record Batch(List<byte[]> events, long bytes) implements Item {
    }

    private record Flush(CountDownLatch done) implements Item {
    }

    /** Processed like any item (a deadline check follows), then released: lets tests step the clock. */
    private record Sync(CountDownLatch done) implements Item {
    }

    private record Stop() implements Item {
    }

    private final EventFileWriter file;
    private final WriterClock clock;
    private final long maxEvents;
    private final long maxBytes;
    private final long flushIntervalNanos;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedEvents = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final Object admission = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private long dirtySinceNanos = -1;
    private boolean dirty;

    AsyncEventWriter(EventFileWriter file, WriterClock clock, long maxEvents, long maxBytes, long flushIntervalNanos,
                     ThreadFactory threads) {
        this.file = file;
        this.clock = clock;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.flushIntervalNanos = flushIntervalNanos;
        this.thread = threads.newThread(this::run);
        this.thread.start();
    }

    /** Queues {@code events} without waiting; false (and counted) if the queue is full or the writer closed. */
    boolean offer(List<byte[]> events) {
        long bytes = 0;
        for (byte[] e : events) {
            bytes += e.length;
        }
        boolean wasClosed;
        synchronized (admission) { // so that nothing is queued behind the Stop item
            wasClosed = closed;
            if (!wasClosed && reserve(events.size(), bytes)) {
                queue.add(new Batch(List.copyOf(events), bytes));
                return true;
            }
        }
        if (dropped.getAndAdd(events.size()) == 0) {
            LOG.warn("gradwatch: TensorBoard writer {} ({} events dropped); later drops are only counted "
                    + "(scalar gradwatch/tensorboard_dropped_events)", wasClosed ? "is closed" : "queue is full",
                    events.size());
        }
        return false;
    }

    private boolean reserve(int events, long bytes) {
        if (queuedEvents.addAndGet(events) > maxEvents | queuedBytes.addAndGet(bytes) > maxBytes) {
            queuedEvents.addAndGet(-events);
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Waits until everything queued before this call is handed to the OS, at most {@code timeoutMillis}. */
    boolean flush(long timeoutMillis) {
        if (closed || Thread.currentThread() == thread) {
            return false;
        }
        CountDownLatch done = new CountDownLatch(1);
        queue.add(new Flush(done));
        return await(done, timeoutMillis);
    }

    /** Test seam: has the writer thread process everything queued so far and check its flush deadline. */
    boolean sync(long timeoutMillis) {
        CountDownLatch done = new CountDownLatch(1);
        queue.add(new Sync(done));
        return await(done, timeoutMillis);
    }

    /** Writes what is queued, flushes and closes the file; gives up waiting after {@code timeoutMillis}. Idempotent. */
    synchronized boolean close(long timeoutMillis) {
        synchronized (admission) {
            if (closed) {
                return !thread.isAlive();
            }
            closed = true;
            queue.add(new Stop());
        }
        try {
            thread.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("gradwatch: the TensorBoard writer did not finish within {} ms; events still queued may be lost",
                    timeoutMillis);
            return false;
        }
        return true;
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

    private static boolean await(CountDownLatch latch, long timeoutMillis) {
        try {
            return latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        try {
            while (true) {
                long wait = dirty ? dirtySinceNanos + flushIntervalNanos - clock.nanoTime() : flushIntervalNanos;
                Item item = queue.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (item instanceof Batch b) {
                    for (byte[] e : b.events()) {
                        file.append(e);
                    }
                    queuedEvents.addAndGet(-b.events().size());
                    queuedBytes.addAndGet(-b.bytes());
                    if (!dirty) {
                        dirty = true;
                        dirtySinceNanos = clock.nanoTime();
                    }
                } else if (item instanceof Flush f) {
                    flushNow();
                    f.done().countDown();
                } else if (item instanceof Stop) {
                    flushNow();
                    file.close();
                    return;
                }
                if (dirty && clock.nanoTime() - dirtySinceNanos >= flushIntervalNanos) {
                    flushNow();
                }
                if (item instanceof Sync s) {
                    s.done().countDown();
                }
            }
        } catch (InterruptedException e) {
            flushNow();
            file.close();
        } catch (RuntimeException | Error e) {
            LOG.error("gradwatch: the TensorBoard writer thread failed; later events are dropped", e);
            closed = true;
            file.close();
        }
    }

    private void flushNow() {
        if (dirty) {
            file.flush();
            dirty = false;
            flushes.incrementAndGet();
        }
    }
}
