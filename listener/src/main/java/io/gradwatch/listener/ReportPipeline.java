package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * gradwatch's analysis thread: takes snapshots from a bounded queue, computes reports, diagnoses
 * them and hands them to the sinks, in order. Shared by a listener and its ParallelWrapper clones.
 *
 * <p>Queue policy: when {@code queueCapacity} snapshots are waiting, the training thread waits for
 * a free slot (backpressure) rather than losing reports; the time waited is measured and published
 * in every report's {@link io.gradwatch.report.Overhead#backpressureMillis()}.
 */
final class ReportPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private sealed interface Task permits Start, Analyse, Metric, Flush, Stop {
    }

    private record Start(SessionInfo session) implements Task {
    }

    private record Analyse(Snapshot snapshot) implements Task {
    }

    private record Metric(UserMetric metric) implements Task {
    }

    private record Flush(CountDownLatch done) implements Task {
    }

    private record Stop() implements Task {
    }

    private final BlockingQueue<Task> queue;
    private final List<GuardedSink> sinks;
    private final ReportAssembler assembler;
    private final Supplier<Diagnoser> diagnoserFactory;
    private final Map<String, Diagnoser> diagnosers = new HashMap<>();
    private final BufferPool pool;
    private final AtomicLong backpressureNanos = new AtomicLong();
    private final AtomicLong lastTimestamp = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    ReportPipeline(GradWatchConfig config, List<ReportSink> sinks, Supplier<Diagnoser> diagnoserFactory) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity() + 1); // + 1: room for the session start
        this.sinks = sinks.stream().map(Sinks::guarded).toList();
        this.assembler = new ReportAssembler(config.sessionId(), config.gradientScale());
        this.diagnoserFactory = diagnoserFactory;
        this.pool = new BufferPool(config.queueCapacity() + 2);
        this.thread = new Thread(this::run, "gradwatch-analysis");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    BufferPool pool() {
        return pool;
    }

    long backpressureNanos() {
        return backpressureNanos.get();
    }

    /** A wall-clock timestamp unique and increasing across all workers (DL4J storage keys on it). */
    long uniqueTimestamp(long nowMillis) {
        return lastTimestamp.updateAndGet(prev -> Math.max(nowMillis, prev + 1));
    }

    void start(SessionInfo session) {
        enqueue(new Start(session));
    }

    void submit(Snapshot snapshot) {
        if (closed) {
            snapshot.releaseTo(pool);
            return;
        }
        enqueue(new Analyse(snapshot));
    }

    void metric(UserMetric metric) {
        if (!closed) {
            enqueue(new Metric(metric));
        }
    }

    /** Waits until every snapshot submitted so far has been published, then flushes the sinks. */
    void flush() {
        if (closed || Thread.currentThread() == thread) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Flush(done));
        await(done);
    }

    /** Asks the sinks to flush without waiting (e.g. at the end of an epoch). */
    void flushLater() {
        if (!closed) {
            queue.offer(new Flush(new CountDownLatch(1)));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        enqueue(new Stop());
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("gradwatch: the analysis thread did not finish within {} s; closing the sinks anyway",
                    CLOSE_TIMEOUT_SECONDS);
        }
        sinks.forEach(GuardedSink::close);
    }

    private void enqueue(Task task) {
        if (queue.offer(task)) {
            return;
        }
        long start = System.nanoTime();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            backpressureNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private void await(CountDownLatch latch) {
        try {
            if (!latch.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("gradwatch: reports still pending after {} s", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (task instanceof Stop) {
                    return;
                }
                handle(task);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("gradwatch: analysis failed; this report is lost, training goes on", e);
            }
        }
    }

    private void handle(Task task) {
        if (task instanceof Start start) {
            diagnosers.put(start.session().workerId(), Diagnosers.guarded(diagnoserFactory));
            sinks.forEach(s -> s.start(start.session()));
        } else if (task instanceof Analyse analyse) {
            publish(analyse.snapshot());
        } else if (task instanceof Metric m) {
            sinks.forEach(s -> s.metric(m.metric()));
        } else if (task instanceof Flush flush) {
            sinks.forEach(GuardedSink::flush);
            flush.done().countDown();
        }
    }

    private void publish(Snapshot snapshot) {
        long start = System.nanoTime();
        StepReport report;
        try {
            report = assembler.assemble(snapshot, start, sinkFailures());
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
