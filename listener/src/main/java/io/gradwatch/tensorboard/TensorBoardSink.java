package io.gradwatch.tensorboard;

import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.Scalar;
import io.gradwatch.report.SessionInfo;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Publishes gradwatch's reports as TensorBoard event files in one run directory.
 *
 * <p>Per report (step = DL4J iteration, wall time = the report's timestamp), as one batch that is
 * written whole or dropped whole: one event with every scalar (each {@code report.scalars()} value
 * under {@code key.path()}, {@code loss}, {@code gradients/total_norm}, gradwatch's own figures), one
 * event with the histograms when the report carries them, and a {@code diagnosis} text when a
 * verdict started or ended. See {@link Tags} for the names.
 *
 * <p><b>NaN and infinities.</b> A non-finite statistic (or loss, or user metric) is not written as a
 * scalar point: TensorBoard's charts do not draw NaN and let an infinity flatten the axis. The
 * series shows a gap at that step instead; {@code .../nan_count} and {@code .../inf_count} are always
 * written and say why, and {@code gradwatch/non_finite_skipped} counts the values left out per step.
 * Histograms hold finite values only.
 *
 * <p><b>Workers.</b> The first worker to start (the only one outside ParallelWrapper) writes into the
 * run directory itself, with the hparams, the custom-scalars layout and the session end. Each further
 * ParallelWrapper worker writes its series into {@code <run>/worker-<id>}, its own TensorBoard run;
 * since it has no session info of its own, the HParams tab lists it as a metric group of the session.
 * User metrics ({@code listener.metric(...)}) always go to the session's own run.
 *
 * <p><b>Sessions.</b> A listener that sees another network (or its network training again from an
 * earlier iteration) starts a new session; its series go to {@code <run>/<session id>}, a TensorBoard run
 * of its own, and the session before is ended, so no run has duplicate or backward steps.
 *
 * <p>Writing happens on one background thread per run directory; {@link #publish} only encodes and
 * queues (see {@link SummaryWriter} for the queue, flush and close policy).
 */
public final class TensorBoardSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final Path runDir;
    private final Function<Path, SummaryWriter> writers;
    private final SummaryWriter root;
    private final List<String> userMetrics;
    private final Set<String> publishedMetrics = new HashSet<>();
    /** One TensorBoard run per session: the first in the run directory, later ones in subdirectories. */
    private final Map<String, SessionRun> runs = new LinkedHashMap<>();
    private String firstSession;
    private long skippedMetrics;
    private boolean closed;
    private final Map<String, Integer> recoveryCounts = new java.util.HashMap<>();

    /** The writers of one session: its run's own, and one per further ParallelWrapper worker. */
    private final class SessionRun {
        final Path dir;
        final SummaryWriter root;
        final Map<String, SummaryWriter> workerWriters = new LinkedHashMap<>();
        String rootWorker;
        SessionInfo pendingSession;
        boolean sessionWritten;
        long lastStep;
        boolean ended;

        SessionRun(Path dir, SummaryWriter root) {
            this.dir = dir;
            this.root = root;
        }

        SummaryWriter writerFor(String workerId) {
            if (rootWorker == null) {
                rootWorker = workerId;
            }
            if (rootWorker.equals(workerId)) {
                return root;
            }
            return workerWriters.computeIfAbsent(workerId, id -> writers.apply(dir.resolve(Tags.workerRun(id))));
        }

        /** Ends the HParams session (once), then closes its writers. */
        void end() {
            if (!ended) {
                ended = true;
                if (sessionWritten) {
                    root.sessionEnd(lastStep, true);
                }
                if (root != TensorBoardSink.this.root) {
                    root.close();
                }
                workerWriters.values().forEach(SummaryWriter::close);
            }
        }
    }

    private TensorBoardSink(Path runDir, Function<Path, SummaryWriter> writers, List<String> userMetrics) {
        this.runDir = runDir;
        this.writers = writers;
        this.userMetrics = List.copyOf(userMetrics);
        this.root = writers.apply(runDir);
    }

    /**
     * A sink writing the run directory {@code runDir} (created if missing).
     *
     * @throws IllegalArgumentException if the directory cannot be created or written, naming the path and the fix
     */
    public static TensorBoardSink create(Path runDir) {
        return create(runDir, List.of());
    }

    /**
     * A sink writing the run directory {@code runDir} whose HParams experiment also lists the user metrics
     * {@code userMetrics} (names given to {@code listener.metric(...)}) as columns.
     *
     * @throws IllegalArgumentException if the directory cannot be created or written, naming the path and the fix
     */
    public static TensorBoardSink create(Path runDir, List<String> userMetrics) {
        // the listener's own shutdown hook closes its sinks, after publishing what is pending
        return new TensorBoardSink(runDir, dir -> SummaryWriter.builder(dir).closeOnShutdown(false).build(),
                userMetrics);
    }

    /** A sink whose writers (the run's and each extra worker's) come from {@code writers}. */
    static TensorBoardSink create(Path runDir, Function<Path, SummaryWriter> writers) {
        return create(runDir, writers, List.of());
    }

    static TensorBoardSink create(Path runDir, Function<Path, SummaryWriter> writers, List<String> userMetrics) {
        return new TensorBoardSink(runDir, writers, userMetrics);
    }

    @Override
    public void start(SessionInfo session) {
        SessionRun run = run(session.sessionId());
        SummaryWriter w = run.writerFor(session.workerId());
        if (w != run.root || run.sessionWritten || run.pendingSession != null) {
            return;
        }
        // written with the first report: the HParams metrics are the series that report shows exist
        run.pendingSession = session;
    }

    /** The run's metadata at step 0: HParams experiment and session start, custom-scalars layout, session text. */
    private void writeSession(SessionRun run, SessionInfo session, StepReport first) {
        run.sessionWritten = true;
        double wall = session.startTimeMillis() / 1000.0;
        Map<String, Object> hp = new LinkedHashMap<>();
        session.hyperparameters().forEach((k, v) -> hp.put(k,
                v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
        List<byte[]> values = List.of(
                Values.hparams(HParams.EXPERIMENT_TAG, HParams.experiment(
                        "gradwatch session " + session.sessionId(), wall, hp, SessionLayout.metrics(first, userMetrics))),
                Values.hparams(HParams.SESSION_START_TAG, HParams.sessionStart(hp, session.sessionId(), wall)),
                Values.customScalars(SessionLayout.layout(session, first).encode()),
                Values.text(Tags.SESSION_TEXT, SessionLayout.describe(session)));
        run.root.writeMetadata(0, wall, values); // kept by the writer and written first wherever it was lost
    }

    @Override
    public void publish(StepReport report) {
        SessionRun run = run(report.sessionId());
        SummaryWriter w = run.writerFor(report.workerId());
        if (w == run.root && run.pendingSession != null) {
            writeSession(run, run.pendingSession, report);
            run.pendingSession = null;
        }
        double wall = report.timestampMillis() / 1000.0;
        long step = report.iteration();
        ScalarBatch scalars = new ScalarBatch();
        scalars.add(Tags.LOSS, report.loss());
        scalars.add(Tags.TOTAL_NORM, report.gradientTotalNorm());
        for (Scalar s : report.scalars()) {
            scalars.add(Tags.scalar(s.key()), s.value());
        }
        for (ParameterReport p : report.parameters()) {
            double rms = p.gradient().rms();
            if (rms > 0) { // zero and NaN are in the rms series already
                scalars.addIfFinite(Tags.gradientLog10Rms(p.id()), Math.log10(rms));
            }
        }
        Overhead o = report.overhead();
        scalars.addIfFinite(Tags.OVERHEAD_FRACTION, o.overheadFraction());
        scalars.addIfFinite(Tags.TRAINING_THREAD_MS, o.trainingThreadMillis());
        scalars.addIfFinite(Tags.ANALYSIS_MS, o.analysisMillis());
        scalars.addIfFinite(Tags.BACKPRESSURE_MS, o.backpressureMillis());
        scalars.addIfFinite(Tags.SINK_FAILURES, o.sinkFailures());
        WriterStats stats = w.stats();
        scalars.addIfFinite(Tags.DROPPED_EVENTS, stats.droppedEvents());
        scalars.addIfFinite(Tags.WRITE_FAILURES, stats.writeFailures());
        scalars.addIfFinite(Tags.LOST_EVENTS, stats.lostEvents());
        long skipped = scalars.skipped + (w == run.root ? takeSkippedMetrics() : 0);
        scalars.addIfFinite(Tags.NON_FINITE_SKIPPED, skipped);

        List<byte[]> events = new ArrayList<>(3);
        events.add(Events.summary(wall, step, scalars.values));
        List<byte[]> histograms = LogHistograms.values(report);
        if (!histograms.isEmpty()) {
            events.add(Events.summary(wall, step, histograms));
        }
        if (report.diagnosis().changed()) {
            events.add(Events.summary(wall, step, List.of(Values.text(Tags.DIAGNOSIS,
                    SessionLayout.diagnosis(report)))));
        }
        w.writeEvents(events);
        if (w == run.root) {
            run.lastStep = Math.max(run.lastStep, step);
        }
    }

    /** User metrics (validation accuracy, say) describe the session, not a worker: they go to the run directory. */
    @Override
    public void metric(UserMetric metric) {
        if (!Float.isFinite((float) metric.value())) {
            skippedMetrics++;
            return;
        }
        publishedMetrics.add(metric.name());
        run(metric.sessionId()).root.write(metric.iteration(), metric.timestampMillis() / 1000.0,
                List.of(Values.scalar(metric.name(), (float) metric.value())));
    }

    /**
     * A recovery action: the session's count of that action so far as a scalar ({@code recovery/skipped},
     * {@code recovery/rolled_back}, {@code recovery/halted}) and its line as text, at the event's iteration.
     */
    @Override
    public void recovery(io.gradwatch.report.RecoveryEvent event) {
        int count = recoveryCounts.merge(event.sessionId() + "/" + event.action(), 1, Integer::sum);
        run(event.sessionId()).root.write(event.iteration(), event.timestampMillis() / 1000.0,
                List.of(Values.scalar(Tags.recoveryCount(event.action()), count),
                        Values.text(Tags.RECOVERY_TEXT, event.describe())));
    }

    @Override
    public void flush() {
        root.flush();
        for (SessionRun run : runs.values()) {
            if (run.root != root) {
                run.root.flush();
            }
            run.workerWriters.values().forEach(SummaryWriter::flush);
        }
    }

    /** Ends the HParams session, then flushes and closes every file (each within the writer's time limit). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> empty = userMetrics.stream().filter(m -> !publishedMetrics.contains(m)).toList();
        if (runs.values().stream().anyMatch(r -> r.sessionWritten) && !empty.isEmpty()) {
            LOG.warn("gradwatch: hparamsMetrics {} declared for {} but never published with listener.metric(...) "
                    + "(or only as NaN/infinity): TensorBoard's HParams tab shows empty columns for them", empty, runDir);
        }
        runs.values().forEach(SessionRun::end);
        root.close();
    }

    /** The run directory's writer counters (extra workers' writers not included). */
    public WriterStats stats() {
        return root.stats();
    }

    /**
     * The run of session {@code sessionId}: the run directory for the first session; for each later one
     * (a listener that sees another network), the subdirectory named by its id, after ending the one before.
     */
    private SessionRun run(String sessionId) {
        SessionRun run = runs.get(sessionId);
        if (run != null) {
            return run;
        }
        if (firstSession == null) {
            firstSession = sessionId;
            run = new SessionRun(runDir, root);
        } else {
            runs.values().forEach(SessionRun::end);
            Path dir = runDir.resolve(sessionId);
            run = new SessionRun(dir, writers.apply(dir));
        }
        runs.put(sessionId, run);
        return run;
    }

    private long takeSkippedMetrics() {
        long n = skippedMetrics;
        skippedMetrics = 0;
        return n;
    }

    /** Scalars of one step, leaving out (and counting) non-finite values. */
    private static final class ScalarBatch {
        final List<byte[]> values = new ArrayList<>(256);
        long skipped;

        /** Adds {@code v}, or counts it as skipped when it is NaN or infinite as a float32. */
        void add(String tag, double v) {
            if (!addIfFinite(tag, v)) {
                skipped++;
            }
        }

        boolean addIfFinite(String tag, double v) {
            float f = (float) v;
            if (Float.isFinite(f)) {
                values.add(Values.scalar(tag, f));
                return true;
            }
            return false;
        }
    }
}
