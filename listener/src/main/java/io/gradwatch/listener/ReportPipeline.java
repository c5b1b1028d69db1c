package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.async.AsyncQueue;
import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.diagnosis.Diagnosers;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.GuardedSink;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.Sinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * gradwatch's analysis thread: takes snapshots from a bounded {@link AsyncQueue}, computes reports, diagnoses
 * them and hands them to the sinks, in order. Shared by a listener and its ParallelWrapper clones.
 *
 * <p>Queue policy: when {@code queueCapacity} snapshots are waiting, the training thread waits for
 * a free slot (backpressure) rather than losing reports, for at most {@code maxWait}; the time waited
 * is published in every report's {@link io.gradwatch.report.Overhead#backpressureMillis()}. If the wait
 * runs out (a sink that hangs), the snapshot is dropped and counted, and later ones are dropped at once
 * until the analysis thread takes one again, so training never waits on a stuck sink twice.
 *
 * <p>{@link #close()} is bounded whatever a sink does: the analysis thread drains, flushes and closes
 * the sinks within {@code maxWait}; if it is stuck, the sinks are closed from another thread, again
 * within {@code maxWait}, and the stuck thread (a daemon) is abandoned.
 */
final class ReportPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private sealed interface Task permits Start, Analyse, Metric, FlushSinks {
    }

    private record Start(SessionInfo session) implements Task {
    }

    private record Analyse(Snapshot snapshot) implements Task {
    }

    private record Metric(UserMetric metric) implements Task {
    }

    private record FlushSinks() implements Task {
    }

    private final AsyncQueue<Task> queue;
    private final List<GuardedSink> sinks;
    private final ReportAssembler assembler;
    private final Supplier<Diagnoser> diagnoserFactory;
    private final Map<String, Diagnoser> diagnosers = new HashMap<>();
    private final BufferPool pool;
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
    private final Map<String, String> sessionOfWorker = new HashMap<>(); // analysis thread only
    private volatile String latestSessionId;
    private volatile boolean stalled;
    private volatile boolean closed;

    ReportPipeline(GradWatchConfig config, List<ReportSink> sinks, Supplier<Diagnoser> diagnoserFactory) {
        this.sinks = sinks.stream().map(Sinks::guarded).toList();
        this.assembler = new ReportAssembler(config.gradientScale());
        this.diagnoserFactory = diagnoserFactory;
        this.pool = new BufferPool();
        inlineHelper.allowCoreThreadTimeOut(true); // no thread stays while nothing needs one
        this.maxWait = config.maxWait();
        this.firstSessionId = config.sessionId();
        this.latestSessionId = config.sessionId();
        this.queue = AsyncQueue.<Task>builder("gradwatch-analysis", new Analysis())
                .capacity(config.queueCapacity() + 1) // + 1: room for the session start
                .overflow(AsyncQueue.Overflow.waitAtMost(maxWait))
                .build();
    }

    Executor inlineHelper() {
        return inlineHelper;
    }

    BufferPool pool() {
        return pool;
    }

    long backpressureNanos() {
        return queue.waitedNanos();
    }

    /** Snapshots dropped because the analysis thread did not take them within the wait limit. */
    long droppedSnapshots() {
        return droppedSnapshots.get();
    }

    /** A wall-clock timestamp unique and increasing across all workers (DL4J storage keys on it). */
    long uniqueTimestamp(long nowMillis) {
        return lastTimestamp.updateAndGet(prev -> Math.max(nowMillis, prev + 1));
    }

    void start(SessionInfo session) {
        latestSessionId = session.sessionId();
        enqueue(new Start(session));
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
        if (closed || !enqueue(new Analyse(snapshot))) {
            snapshot.releaseTo(pool);
        }
    }

    void metric(UserMetric metric) {
        if (!closed) {
            enqueue(new Metric(metric));
        }
    }

    /** Waits (at most the wait limit) until every snapshot submitted so far has been published, then flushes the sinks. */
    void flush() {
        if (closed || queue.isQueueThread()) {
            return;
        }
        if (!queue.flush(maxWait)) {
            LOG.warn("gradwatch: reports still pending after {} ms", maxWait.toMillis());
        }
        pool.clear(); // what flush() leaves behind is only what the next snapshot needs again
    }

    /** Asks the sinks to flush without waiting (e.g. at the end of an epoch). */
    void flushLater() {
        if (!closed) {
            queue.tryOffer(new FlushSinks());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inlineHelper.shutdown();
        if (!queue.close(maxWait)) {
            closeSinksApart();
        }
        pool.clear();
        if (droppedSnapshots.get() > 0) {
            LOG.warn("gradwatch: {} snapshots were dropped because the analysis thread was stuck", droppedSnapshots);
        }
    }

    /** The analysis thread is stuck (in a sink): close the sinks from a thread of their own, within the limit. */
    private void closeSinksApart() {
        Thread closer = new Thread(() -> sinks.forEach(GuardedSink::close), "gradwatch-close");
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

    /** Offers {@code task}, waiting at most the limit; after a wait ran out, not at all until the thread moves again. */
    private boolean enqueue(Task task) {
        boolean queued = stalled ? queue.tryOffer(task) : queue.offer(task);
        stalled = !queued;
        if (!queued && task instanceof Analyse && droppedSnapshots.getAndIncrement() == 0) {
            LOG.warn("gradwatch: the analysis thread took no report for {} ms (a sink that hangs?); snapshots are "
                    + "dropped and counted until it moves again; training goes on", maxWait.toMillis());
        }
        return queued;
    }

    /** Runs on the analysis thread only. */
    private final class Analysis implements AsyncQueue.Handler<Task> {
        @Override
        public void handle(Task task) {
            ReportPipeline.this.handle(task);
        }

        @Override
        public void flush() {
            sinks.forEach(GuardedSink::flush);
        }

        @Override
        public void close() {
            sinks.forEach(GuardedSink::close);
        }
    }

    private void handle(Task task) {
        if (task instanceof Start start) {
            diagnosers.put(start.session().workerId(), Diagnosers.guarded(diagnoserFactory));
            sessionOfWorker.put(start.session().workerId(), start.session().sessionId());
            sinks.forEach(s -> s.start(start.session()));
        } else if (task instanceof Analyse analyse) {
            publish(analyse.snapshot());
        } else if (task instanceof Metric m) {
            sinks.forEach(s -> s.metric(m.metric()));
        } else if (task instanceof FlushSinks) {
            sinks.forEach(GuardedSink::flush);
        }
    }

    private void publish(Snapshot snapshot) {
        long start = System.nanoTime();
        StepReport report;
        try {
            report = assembler.assemble(snapshot, sessionOfWorker.getOrDefault(snapshot.workerId(), firstSessionId),
                    start, sinkFailures());
        } finally {
            snapshot.releaseTo(pool);
        }
        Diagnoser diagnoser = diagnosers.computeIfAbsent(report.workerId(), w -> Diagnosers.guarded(diagnoserFactory));
        StepReport diagnosed = report.withDiagnosis(diagnoser.assess(report));
        for (GuardedSink sink : sinks) {
            sink.publish(diagnosed);
        }
    }

    private long sinkFailures() {
        long total = 0;
        for (GuardedSink s : sinks) {
            total += s.failures();
        }
        return total;
    }
}
