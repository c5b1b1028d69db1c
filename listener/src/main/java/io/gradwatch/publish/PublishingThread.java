package io.gradwatch.publish;

import io.gradwatch.async.AsyncQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one thread a {@link Publisher} runs on: tasks wait in a bounded {@link AsyncQueue} and run in order, so a
 * sink sees one call at a time. When the queue is full a caller waits at most {@code maxWait} (backpressure).
 * {@link #close()} is bounded whatever a sink does: the thread drains, flushes and closes the sinks within
 * {@code maxWait}; if it is stuck, the sinks are closed from another thread, again within {@code maxWait}, and the
 * stuck thread (a daemon) is abandoned.
 */
public final class PublishingThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final Publisher publisher;
    private final AsyncQueue<Consumer<Publisher>> queue;
    private final Duration maxWait;

    /** Starts thread {@code name} for {@code publisher}; at most {@code capacity} tasks wait. */
    public PublishingThread(String name, Publisher publisher, int capacity, Duration maxWait) {
        this.publisher = publisher;
        this.maxWait = maxWait;
        this.queue = AsyncQueue.<Consumer<Publisher>>builder(name, new AsyncQueue.Handler<>() {
            @Override
            public void handle(Consumer<Publisher> task) {
                task.accept(publisher);
            }

            @Override
            public void flush() {
                publisher.flush();
            }

            @Override
            public void close() {
                publisher.close();
            }
        }).capacity(capacity).overflow(AsyncQueue.Overflow.waitAtMost(maxWait)).build();
    }

    /** Queues {@code task}, waiting at most the limit for room; false if it was dropped. */
    public boolean submit(Consumer<Publisher> task) {
        return queue.offer(task);
    }

    /** Queues {@code task} only if there is room now; false if it was dropped. */
    public boolean trySubmit(Consumer<Publisher> task) {
        return queue.tryOffer(task);
    }

    /** Waits (at most the limit) until every task queued so far has run; false if it ran out. */
    public boolean awaitQueued() {
        return queue.sync(maxWait);
    }

    /** Waits (at most the limit) until every task queued so far has run, then flushes the sinks; false if it ran out. */
    public boolean flush() {
        return queue.flush(maxWait);
    }

    /** Whether the caller is this thread (which must not wait for itself). */
    public boolean isPublishingThread() {
        return queue.isQueueThread();
    }

    /** Total time callers waited for room in the queue. */
    public long waitedNanos() {
        return queue.waitedNanos();
    }

    /** Reports published so far per worker id; safe from any thread. */
    public Map<String, Long> reportsPerWorker() {
        return publisher.reportsPerWorker();
    }

    /** Runs what is queued, then flushes and closes the sinks, all within the limit (see the class comment). */
    @Override
    public void close() {
        if (!queue.close(maxWait)) {
            closeSinksApart();
        }
    }

    private void closeSinksApart() {
        Thread closer = new Thread(publisher::close, "gradwatch-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(maxWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("gradwatch: a sink did not close within {} ms; giving up on it", maxWait.toMillis());
        }
    }
}
