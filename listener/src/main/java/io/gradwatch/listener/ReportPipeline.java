package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.publish.Publisher;
import io.gradwatch.publish.PublishingThread;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a listener and its ParallelWrapper clones share: the buffer pool, the session counter, and the
 * {@link PublishingThread} that turns each {@link Snapshot} into a report and publishes it, in order.
 *
 * <p>Queue policy: when {@code queueCapacity} snapshots are waiting, the training thread waits for a free slot
 * (backpressure) rather than losing reports, for at most {@code maxWait}; the time waited is published in every
 * report's {@link io.gradwatch.report.Overhead#backpressureMillis()}. If the wait runs out (a sink that hangs), the
 * snapshot is dropped and counted, and later ones are dropped at once until the thread takes one again, so
 * training never waits on a stuck sink twice. {@link #close()} is bounded whatever a sink does.
 */
final class ReportPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final PublishingThread thread;
    private final ReportAssembler assembler;
    private final BufferPool pool = new BufferPool();
    /** Takes half of a training-thread pass when the buffers are at their bound ({@link InlineStatistics#analyseBoth}). */
    private final ThreadPoolExecutor inlineHelper = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "gradwatch-inline");
                t.setDaemon(true);
                return t;
            });
    private final Duration maxWait;
    private final AtomicLong lastTimestamp = new AtomicLong();
    private final AtomicLong droppedSnapshots = new AtomicLong();
    private final AtomicInteger sessions = new AtomicInteger(1);
    private final String firstSessionId;
    private volatile String latestSessionId;
    private volatile boolean stalled;
    private volatile boolean closed;
    /** Whether any monitored iteration reached the pipeline: said once at close when none did. */
    private volatile boolean sawTraining;

    /** The log line for a listener closed without having seen one training iteration. */
    static final String NO_TRAINING_SEEN = "gradwatch: closed without seeing a training iteration; nothing was recorded"
            + "\n  gradwatch watches fit(...) of a MultiLayerNetwork, ComputationGraph or SameDiff it is added to. "
            + "Layer-wise net.pretrain(...) (autoencoder, VAE layers) runs with each layer's own listeners, which "
            + "gradwatch does not see: pretrain, then call fit(...) with gradwatch added to watch the supervised "
            + "phase; a model of another type is not monitored.";

    ReportPipeline(GradWatchConfig config, List<ReportSink> sinks, Supplier<Diagnoser> diagnoserFactory) {
        this.assembler = new ReportAssembler(config.gradientScale());
        inlineHelper.allowCoreThreadTimeOut(true); // no thread stays while nothing needs one
        this.maxWait = config.maxWait();
        this.firstSessionId = config.sessionId();
        this.latestSessionId = config.sessionId();
        this.thread = new PublishingThread("gradwatch-analysis", new Publisher(sinks, diagnoserFactory),
                config.queueCapacity() + 1, maxWait); // + 1: room for the session start
    }

    Executor inlineHelper() {
        return inlineHelper;
    }

    BufferPool pool() {
        return pool;
    }

    long backpressureNanos() {
        return thread.waitedNanos();
    }

    /** A wall-clock timestamp unique and increasing across all workers (DL4J storage keys on it). */
    long uniqueTimestamp(long nowMillis) {
        return lastTimestamp.updateAndGet(prev -> Math.max(nowMillis, prev + 1));
    }

    void start(SessionInfo session) {
        latestSessionId = session.sessionId();
        enqueue(p -> p.start(session));
    }

    /** The id of this listener's next session: its own id with a counter ({@code <id>-2}, {@code <id>-3}, ...). */
    String nextSessionId() {
        return firstSessionId + "-" + sessions.incrementAndGet();
    }

    /** The session started last (user metrics belong to it). */
    String latestSessionId() {
        return latestSessionId;
    }

    void submit(Snapshot snapshot) {
        sawTraining = true;
        boolean queued = !closed && enqueue(p -> publish(snapshot, p));
        if (!queued) {
            snapshot.releaseTo(pool);
            if (!closed && droppedSnapshots.getAndIncrement() == 0) {
                LOG.warn("gradwatch: the analysis thread took no report for {} ms (a sink that hangs?); snapshots are "
                        + "dropped and counted until it moves again; training goes on", maxWait.toMillis());
            }
        }
    }

    void metric(UserMetric metric) {
        if (!closed) {
            enqueue(p -> p.metric(metric));
        }
    }

    /** Hands a recovery event to the sinks, in order with the reports. */
    void recovery(RecoveryEvent event) {
        if (!closed) {
            enqueue(p -> p.recovery(event));
        }
    }

    /** Waits (at most the wait limit) until every snapshot submitted so far has been published, then flushes the sinks. */
    void flush() {
        if (closed || thread.isPublishingThread()) {
            return;
        }
        if (!thread.flush()) {
            LOG.warn("gradwatch: reports still pending after {} ms", maxWait.toMillis());
        }
        pool.clear(); // what flush() leaves behind is only what the next snapshot needs again
    }

    /** Asks the sinks to flush without waiting (e.g. at the end of an epoch). */
    void flushLater() {
        if (!closed) {
            thread.trySubmit(Publisher::flush);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inlineHelper.shutdown();
        thread.close();
        pool.clear();
        if (!sawTraining) {
            LOG.warn(NO_TRAINING_SEEN);
        }
        if (droppedSnapshots.get() > 0) {
            LOG.warn("gradwatch: {} snapshots were dropped because the analysis thread was stuck", droppedSnapshots);
        }
    }

    /** Offers {@code task}, waiting at most the limit; after a wait ran out, not at all until the thread moves again. */
    private boolean enqueue(Consumer<Publisher> task) {
        boolean queued = stalled ? thread.trySubmit(task) : thread.submit(task);
        stalled = !queued;
        return queued;
    }

    /** On the publishing thread: the report of {@code snapshot}, whose buffers go back to the pool, published. */
    private void publish(Snapshot snapshot, Publisher publisher) {
        long start = System.nanoTime();
        StepReport report;
        try {
            report = assembler.assemble(snapshot, publisher.sessionOf(snapshot.workerId(), firstSessionId), start,
                    publisher.sinkFailures());
        } finally {
            snapshot.releaseTo(pool);
        }
        publisher.publish(report);
    }
}
