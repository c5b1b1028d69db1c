package io.gradwatch.ui;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves writes to a slow router (DL4J's FileStatsStorage commits to disk on every put) onto one
 * daemon thread behind a bounded queue. Enqueuing never blocks: when the queue is full the record
 * is dropped and counted, and the first drop is logged. {@link #flush(long)} waits until everything
 * enqueued so far is written.
 */
final class AsyncRouter implements StatsStorageRouter {

    static final int QUEUE_CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AsyncRouter.class);

    private final StatsStorageRouter target;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    AsyncRouter(StatsStorageRouter target, String name) {
        this.target = target;
        Thread t = new Thread(this::drain, "gradwatch-ui-writer-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void drain() {
        while (true) {
            try {
                Runnable r = queue.take();
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("gradwatch: writing a UI record failed: {}", e.toString());
                }
                written.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void offer(Runnable r) {
        if (queue.offer(r)) {
            enqueued.incrementAndGet();
        } else if (dropped.getAndIncrement() == 0) {
            log.warn("gradwatch: the UI storage writer is {} records behind; dropping records (counted)",
                    QUEUE_CAPACITY);
        }
    }

    /** Records dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Waits up to {@code millis} for every record enqueued so far to be written; true if it was. */
    boolean flush(long millis) {
        long goal = enqueued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (written.get() < goal) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void putStorageMetaData(StorageMetaData m) {
        offer(() -> target.putStorageMetaData(m));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> c) {
        offer(() -> target.putStorageMetaData(c));
    }

    @Override
    public void putStaticInfo(Persistable p) {
        offer(() -> target.putStaticInfo(p));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> c) {
        offer(() -> target.putStaticInfo(c));
    }

    @Override
    public void putUpdate(Persistable p) {
        offer(() -> target.putUpdate(p));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> c) {
        offer(() -> target.putUpdate(c));
    }
}
