package io.gradwatch.ui.store;

import io.gradwatch.async.AsyncQueue;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;

/**
 * Moves writes to a slow router (DL4J's FileStatsStorage commits to disk on every put) onto one
 * daemon thread behind a bounded {@link AsyncQueue} with the drop-and-count policy: enqueuing never
 * blocks; when the queue is full the record is dropped and counted, and the first drop is logged.
 * {@link #flush(long)} waits (bounded) until everything enqueued so far is written.
 */
public final class AsyncRouter implements StatsStorageRouter {

    public static final int QUEUE_CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AsyncRouter.class);

    private final StatsStorageRouter target;
    private final AsyncQueue<Runnable> queue;

    public AsyncRouter(StatsStorageRouter target, String name) {
        this.target = target;
        this.queue = AsyncQueue.<Runnable>builder("gradwatch-ui-writer-" + name, Runnable::run)
                .capacity(QUEUE_CAPACITY)
                .overflow(AsyncQueue.Overflow.dropAndCount())
                .build();
    }

    private void offer(Runnable r) {
        if (!queue.offer(r) && queue.dropped() == 1) {
            log.warn("gradwatch: the UI storage writer is {} records behind; dropping records (counted)",
                    QUEUE_CAPACITY);
        }
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return queue.dropped();
    }

    /** Waits up to {@code millis} for every record enqueued so far to be written; true if it was. */
    public boolean flush(long millis) {
        return queue.flush(Duration.ofMillis(millis));
    }

    /** Writes what is queued (waiting at most {@code millis}), then ends the writer thread. */
    public boolean close(long millis) {
        return queue.close(Duration.ofMillis(millis));
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
