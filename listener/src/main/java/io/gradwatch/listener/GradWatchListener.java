package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.HaltPolicy;
import io.gradwatch.RecoveryPolicy;
import io.gradwatch.report.RecoveryEvent;
import io.gradwatch.TrainingHaltedException;
import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.report.UserMetric;
import io.gradwatch.sink.ReportSink;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The DL4J adapter, and nothing more: at the points of an iteration where DL4J's arrays hold what
 * gradwatch reports, it copies them (one memcpy each) and hands them to the analysis thread.
 *
 * <ul>
 *   <li>onForwardPass: layer outputs (activations);</li>
 *   <li>onGradientCalculation: the flattened gradient, before the updater scales it in place;</li>
 *   <li>iterationDone: the flattened gradient view, which now holds the update the updater applied,
 *       and the parameters after the update.</li>
 * </ul>
 *
 * <p>Implements {@link RoutingIterationListener} so that ParallelWrapper gives each worker its own
 * clone (with its worker id); all clones share one analysis thread and one set of sinks. Calls from
 * several threads on one instance are safe too: per-iteration state is kept per thread. DL4J's
 * storage router is not used (gradwatch publishes through its own sinks).
 *
 * <p>Also a SameDiff {@link Listener} ({@code sd.addListeners(listener)}); those callbacks are handled
 * by {@link SameDiffAdapter}.
 *
 * <p>Nothing gradwatch throws reaches DL4J, except {@link TrainingHaltedException} when halting or recovery
 * was asked for ({@code haltOnNonFinite}, {@code haltOnExploding}, {@code recover()}; see {@link Protection}).
 */
public final class GradWatchListener implements RoutingIterationListener, Listener, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient GradWatchConfig config;
    private final transient ReportPipeline pipeline;
    private final transient Halting halting;
    private final transient HealthReports healthReports;
    private final transient Protection protection;
    private final transient Map<String, Object> userHyperparameters;
    private final transient ThreadLocal<IterationCapture> captures;
    private final transient SameDiffAdapter sameDiff;
    private final transient Thread shutdownHook;
    private volatile String workerId = "0";

    /**
     * Use {@code GradWatch.builder()...build()}, which validates the configuration and assembles the sinks.
     * Starts gradwatch's analysis thread and registers a JVM shutdown hook that closes the listener.
     */
    public GradWatchListener(GradWatchConfig config, List<ReportSink> sinks, Map<String, Object> userHyperparameters,
                             Supplier<Diagnoser> diagnosers) {
        this(config, sinks, userHyperparameters, diagnosers, HaltPolicy.none());
    }

    /** Like the other constructor, and stops training as {@code halt} says (see {@link TrainingHaltedException}). */
    public GradWatchListener(GradWatchConfig config, List<ReportSink> sinks, Map<String, Object> userHyperparameters,
                             Supplier<Diagnoser> diagnosers, HaltPolicy halt) {
        this(config, sinks, userHyperparameters, diagnosers, halt, null, List.of());
    }

    /**
     * Like the other constructors, and recovers from bad steps as {@code recovery} says (null: off), telling
     * {@code onRecovery} of each action (see docs/recovery.md).
     */
    public GradWatchListener(GradWatchConfig config, List<ReportSink> sinks, Map<String, Object> userHyperparameters,
                             Supplier<Diagnoser> diagnosers, HaltPolicy halt, RecoveryPolicy recovery,
                             List<Consumer<RecoveryEvent>> onRecovery) {
        this(config, new Halting(halt, config), new HealthReports(), recovery, List.copyOf(onRecovery), sinks,
                userHyperparameters, diagnosers);
    }

    private GradWatchListener(GradWatchConfig config, Halting halting, HealthReports healthReports,
                              RecoveryPolicy recovery, List<Consumer<RecoveryEvent>> onRecovery, List<ReportSink> sinks,
                              Map<String, Object> userHyperparameters, Supplier<Diagnoser> diagnosers) {
        this(config, new ReportPipeline(config, Protection.withSinks(sinks, halting, healthReports, recovery),
                diagnosers), halting, healthReports, recovery, onRecovery, Map.copyOf(userHyperparameters), true);
    }

    private GradWatchListener(GradWatchConfig config, ReportPipeline pipeline, Halting halting,
                              HealthReports healthReports, RecoveryPolicy recovery,
                              List<Consumer<RecoveryEvent>> onRecovery, Map<String, Object> userHyperparameters,
                              boolean owner) {
        this.config = config;
        this.pipeline = pipeline;
        this.halting = halting;
        this.healthReports = healthReports;
        this.protection = new Protection(halting, healthReports, recovery, onRecovery, config, pipeline);
        if (owner) {
            protection.register(workerId); // a clone registers when it gets its worker id
        }
        this.userHyperparameters = userHyperparameters;
        WorkerSession session = new WorkerSession(config, pipeline, userHyperparameters);
        this.captures = ThreadLocal.withInitial(() -> new IterationCapture(config, pipeline, session));
        this.sameDiff = new SameDiffAdapter(config, pipeline, session);
        this.shutdownHook = owner ? new Thread(pipeline::close, "gradwatch-shutdown") : null;
        if (owner) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** The analysis pipeline (a seam for tests in this package). */
    ReportPipeline pipeline() {
        return pipeline;
    }

    /** The configuration this listener was built with. */
    public GradWatchConfig config() {
        return config;
    }

    /** The actions {@code recover()} took so far, in order (empty without recover()). */
    public List<RecoveryEvent> recoveries() {
        return protection.recoveries();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        protection.checkPending(model);
        guarded(c -> c.forward(model, activations, null));
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        protection.checkPending(model);
        guarded(c -> c.forward(model, null, activations));
    }

    /**
     * Halting or recovery (opt-in) come first, before the updater runs; their halt is the one exception that
     * reaches DL4J. A step recovery will undo is not reported.
     */
    @Override
    public void onGradientCalculation(Model model) {
        if (!protection.beforeUpdate(model, workerId)) {
            guarded(c -> c.gradient(model, workerId));
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        guarded(c -> c.done(model, iteration, epoch, workerId));
        protection.afterUpdate(model, iteration, epoch, workerId);
    }

    /** Nothing gradwatch throws reaches DL4J (see {@link Capture#guarded}). */
    private void guarded(Consumer<IterationCapture> callback) {
        Capture.guarded(captures.get(), callback, workerId, "the network configuration");
    }

    @Override
    public void onEpochStart(Model model) {
        // nothing to measure at epoch start
    }

    @Override
    public void onEpochEnd(Model model) {
        pipeline.flushLater();
    }

    @Override
    public void onBackwardPass(Model model) {
        // the gradient is complete only at onGradientCalculation
    }

    /**
     * Publishes a number of your own (validation accuracy, say) to every sink, beside gradwatch's series:
     * a TensorBoard scalar under {@code name}, a series in the UI.
     */
    public void metric(String name, double value, long iteration, int epoch) {
        pipeline.metric(new UserMetric(pipeline.latestSessionId(), workerId, name, iteration, epoch,
                pipeline.uniqueTimestamp(System.currentTimeMillis()), value));
    }

    /** Blocks until every report of the iterations trained so far has reached every sink, then flushes them. */
    public void flush() {
        pipeline.flush();
    }

    /** Publishes what is pending, then closes every sink. Also runs on JVM shutdown. Idempotent. */
    @Override
    public void close() {
        pipeline.close();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing to remove
            }
        }
    }

    @Override
    public void setWorkerID(String workerID) {
        this.workerId = workerID;
        protection.register(workerID);
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    /** Ignored: the session id is fixed by the builder so that every sink agrees on it. */
    @Override
    public void setSessionID(String sessionID) {
        // deliberately ignored, see javadoc
    }

    @Override
    public String getSessionID() {
        return config.sessionId();
    }

    /** Ignored: gradwatch publishes through its own sinks, not DL4J's router. */
    @Override
    public void setStorageRouter(StatsStorageRouter router) {
        // deliberately ignored, see javadoc
    }

    /**
     * gradwatch uses no router (null). ParallelWrapper asks for it when it takes the listener over, which is
     * where a listener built with recover() says that ParallelWrapper is not supported.
     */
    @Override
    public StatsStorageRouter getStorageRouter() {
        if (protection.recovers() && StackWalker.getInstance().walk(frames -> frames.limit(8)
                .anyMatch(f -> f.getClassName().startsWith("org.deeplearning4j.parallelism.")))) {
            throw new UnsupportedOperationException(Recovery.UNSUPPORTED + " ParallelWrapper");
        }
        return null;
    }

    /**
     * A listener for another ParallelWrapper worker, sharing this one's analysis thread and sinks, with a
     * healthy state of its own for halting. recover() does not reach clones (refused when ParallelWrapper takes
     * the listener; a clone made some other way says so in the log).
     */
    @Override
    public GradWatchListener clone() {
        if (protection.recovers()) {
            org.slf4j.LoggerFactory.getLogger("io.gradwatch").error("gradwatch: {} ParallelWrapper; this worker's "
                    + "copy of the listener only measures", Recovery.UNSUPPORTED);
        }
        GradWatchListener copy = new GradWatchListener(config, pipeline, halting, healthReports, null, List.of(),
                userHyperparameters, false);
        copy.setWorkerID(workerId);
        return copy;
    }

    // ---- SameDiff (org.nd4j.autodiff.listeners.Listener): see SameDiffAdapter ----

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        return ListenerVariables.empty(); // gradwatch reads what training computes anyway
    }

    @Override
    public boolean isActive(Operation operation) {
        return SameDiffAdapter.isActive(operation);
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlMs) {
        if (protection.recovers()) {
            throw new UnsupportedOperationException(Recovery.UNSUPPORTED + " SameDiff");
        }
        sameDiff.iterationStart(sd, at, data, workerId);
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        sameDiff.opExecution(at, op, outputs, workerId);
    }

    @Override
    public void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
        sameDiff.preUpdate(at, v, update, workerId);
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
        sameDiff.iterationDone(sd, at, dataSet, loss, workerId);
    }

    @Override
    public void epochStart(SameDiff sd, At at) {
        // nothing to measure at epoch start
    }

    @Override
    public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
        pipeline.flushLater();
        return ListenerResponse.CONTINUE;
    }

    @Override
    public ListenerResponse validationDone(SameDiff sd, At at, long validationTimeMillis) {
        return ListenerResponse.CONTINUE;
    }

    @Override
    public void operationStart(SameDiff sd, Operation op) {
        // per-iteration callbacks carry everything gradwatch needs
    }

    @Override
    public void operationEnd(SameDiff sd, Operation op) {
        // per-iteration callbacks carry everything gradwatch needs
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        // outputs are read after execution
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
                                    INDArray activation) {
        // the same arrays arrive at opExecution, where they are copied
    }
}
