package io.gradwatch;

import io.gradwatch.diagnosis.Diagnoser;
import io.gradwatch.diagnosis.Diagnosers;
import io.gradwatch.diagnosis.DiagnosisThresholds;
import io.gradwatch.listener.GradWatchListener;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict;
import io.gradwatch.sink.ReportSink;
import io.gradwatch.sink.Sinks;
import io.gradwatch.sink.UiOptions;
import io.gradwatch.sink.UiSinkProvider;
import io.gradwatch.tensorboard.TensorBoardSink;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a gradwatch listener. Each option is checked when it is set; {@link #build()} checks the
 * options together and returns a listener whose configuration can no longer change.
 */
public final class GradWatchBuilder {

    /** Default sampling interval: cheap enough to leave on (see the README's overhead table). */
    public static final int DEFAULT_EVERY = 10;
    /** Default histogram interval. */
    public static final int DEFAULT_HISTOGRAMS_EVERY = 100;
    /** Default UI port, DL4J's own. */
    public static final int DEFAULT_UI_PORT = 9000;
    /** DL4J's system property for its UI server's port, honoured by {@link #ui()}. */
    public static final String UI_PORT_PROPERTY = "org.deeplearning4j.ui.port";

    private int every = DEFAULT_EVERY;
    private int histogramsEvery = DEFAULT_HISTOGRAMS_EVERY;
    private Pattern layers = Pattern.compile("");
    private boolean updates = true;
    private boolean activations = true;
    private GradientScale gradientScale = GradientScale.MEAN_LOSS;
    private String sessionId;
    private int queueCapacity = 4;
    private Duration maxWait = GradWatchConfig.DEFAULT_MAX_WAIT;
    private long maxBufferBytes;
    private boolean log;
    private long logIntervalMillis = 10_000;
    private final List<Consumer<StepReport>> consumers = new ArrayList<>();
    private final List<ReportSink> sinks = new ArrayList<>();
    private Path tensorBoardDir;
    private Integer uiPort;
    private File uiStorageFile;
    private String uiHost = UiOptions.LOOPBACK;
    private boolean keepServing;
    private final Map<String, Object> hyperparameters = new LinkedHashMap<>();
    private final List<String> hparamsMetrics = new ArrayList<>();
    private Supplier<Diagnoser> diagnoser = Diagnosers::standard;
    private boolean diagnosisOff;
    private Path haltOnNonFinite;
    private Path haltOnExploding;
    private final List<Consumer<Verdict>> verdictConsumers = new ArrayList<>();

    /** Options set so far, each at most once (a second call is a mistake, as in Caffeine's builder). */
    private final Set<String> optionsSet = new HashSet<>();
    private RecoveryPolicy recovery;
    private final List<Consumer<io.gradwatch.report.RecoveryEvent>> recoveryConsumers = new ArrayList<>();

    GradWatchBuilder() {
    }

    /**
     * Records that {@code option} is being set; a second time fails naming it and the value it has
     * ({@code current}). The three diagnosis options (diagnosis, diagnoser, noDiagnosis) are one option.
     */
    private void once(String option, Object current) {
        if (!optionsSet.add(option)) {
            throw new IllegalStateException(option.equals("diagnosis")
                    ? "diagnosis was already chosen (diagnosis(...), diagnoser(...) or noDiagnosis()); choose once"
                    : option + "(...) was already set to " + current + " on this builder; set each option once");
        }
    }

    /** Compute statistics every {@code iterations} iterations (default {@value #DEFAULT_EVERY}). */
    public GradWatchBuilder every(int iterations) {
        once("every", every);
        if (iterations < 1) {
            throw new IllegalArgumentException("every(" + iterations + "): the interval must be at least 1 iteration");
        }
        this.every = iterations;
        return this;
    }

    /**
     * Also compute histograms every {@code iterations} iterations (default {@value #DEFAULT_HISTOGRAMS_EVERY});
     * 0 switches histograms off.
     */
    public GradWatchBuilder histogramsEvery(int iterations) {
        once("histogramsEvery", histogramsEvery);
        if (iterations < 0) {
            throw new IllegalArgumentException("histogramsEvery(" + iterations
                    + "): use a positive interval, or 0 to switch histograms off");
        }
        this.histogramsEvery = iterations;
        return this;
    }

    /**
     * Monitor only the arrays whose name "layer/param" (activations: "layer/activations") matches
     * {@code regex} from its start, e.g. {@code "layer0/"} or {@code "[^/]+/W"}. Default: everything.
     */
    public GradWatchBuilder layers(String regex) {
        once("layers", layers.pattern());
        Objects.requireNonNull(regex, "layers(regex): regex must not be null; omit the call to monitor every layer");
        try {
            this.layers = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("layers(\"" + regex + "\") is not a valid Java regular expression: "
                    + e.getDescription(), e);
        }
        return this;
    }

    /** Capture updates and weights (default on; each costs one copy of the parameters per sampled step). */
    public GradWatchBuilder updates(boolean enabled) {
        once("updates", updates);
        this.updates = enabled;
        return this;
    }

    /** Capture layer outputs for activation health (default on). */
    public GradWatchBuilder activations(boolean enabled) {
        once("activations", activations);
        this.activations = enabled;
        return this;
    }

    /** Which gradient to report (default {@link GradientScale#MEAN_LOSS}). */
    public GradWatchBuilder gradientScale(GradientScale scale) {
        once("gradientScale", gradientScale);
        this.gradientScale = Objects.requireNonNull(scale, "gradientScale must not be null");
        return this;
    }

    /** Session id shown in the UI and stored with every report (default: a random id). */
    public GradWatchBuilder sessionId(String id) {
        once("sessionId", sessionId);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        this.sessionId = id;
        return this;
    }

    /** Print readable lines through SLF4J (logger "io.gradwatch"), at most one block every 10 seconds. */
    public GradWatchBuilder log() {
        return log(10_000);
    }

    /** Like {@link #log()}, at most one block every {@code intervalMillis} (verdict changes always print). */
    public GradWatchBuilder log(long intervalMillis) {
        once("log", logIntervalMillis + " ms");
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("log(" + intervalMillis + "): the interval must not be negative");
        }
        this.log = true;
        this.logIntervalMillis = intervalMillis;
        return this;
    }

    /** Deliver every report to {@code consumer}, on gradwatch's analysis thread. */
    public GradWatchBuilder onReport(Consumer<StepReport> consumer) {
        consumers.add(Objects.requireNonNull(consumer, "onReport: consumer must not be null"));
        return this;
    }

    /** Publish to a sink of your own. */
    public GradWatchBuilder sink(ReportSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink must not be null"));
        return this;
    }

    /** Write TensorBoard event files into the run directory {@code logDir}. */
    public GradWatchBuilder tensorBoard(String logDir) {
        Objects.requireNonNull(logDir, "tensorBoard(logDir): logDir must not be null");
        if (logDir.isBlank()) {
            throw new IllegalArgumentException("tensorBoard(\"" + logDir + "\"): the run directory must not be blank; "
                    + "pass one such as \"runs/exp1\" (created if missing)");
        }
        return tensorBoard(Path.of(logDir));
    }

    /** Write TensorBoard event files into the run directory {@code logDir}. */
    public GradWatchBuilder tensorBoard(Path logDir) {
        Objects.requireNonNull(logDir, "tensorBoard(logDir): logDir must not be null");
        if (logDir.toString().isBlank()) {
            throw new IllegalArgumentException("tensorBoard(Path.of(\"\")): the run directory must not be empty; "
                    + "pass one such as Path.of(\"runs/exp1\") (created if missing)");
        }
        once("tensorBoard", tensorBoardDir); // one listener writes one run directory
        this.tensorBoardDir = logDir;
        return this;
    }

    /** Add hyperparameters of your own to those read from the network (TensorBoard's HParams tab, the UI). */
    public GradWatchBuilder hparams(Map<String, ?> values) {
        Objects.requireNonNull(values, "hparams must not be null");
        values.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("hparam \"" + k + "\" must be a String, Number or Boolean, got "
                        + (v == null ? "null" : v.getClass().getName()));
            }
            hyperparameters.put(k, v);
        });
        return this;
    }

    /**
     * The metrics you will publish with {@code listener.metric(name, ...)} (validation accuracy, say) that
     * TensorBoard's HParams tab should show as columns. TensorBoard fixes a run's columns when the run
     * starts, before any such metric exists, so they are named here; gradwatch's own columns (loss,
     * total norm, each layer's gradient RMS) are always there.
     */
    public GradWatchBuilder hparamsMetrics(String... names) {
        Objects.requireNonNull(names, "hparamsMetrics must not be null");
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("hparamsMetrics: a metric name must not be null or blank");
            }
            if (hparamsMetrics.contains(name)) {
                throw new IllegalArgumentException("hparamsMetrics: \"" + name + "\" is named twice");
            }
            hparamsMetrics.add(name);
        }
        return this;
    }

    /**
     * Publish to DL4J's training UI at http://localhost:9000/gradients (loopback only; see uiHost), or on the
     * port DL4J's system property {@value #UI_PORT_PROPERTY} names (0 = a free port). Needs
     * io.gradwatch:gradwatch-ui. A server gradwatch starts serves while the program runs and stops when
     * the program's own threads have ended, so the JVM can exit; keepServing() keeps it up until Ctrl-C.
     */
    public GradWatchBuilder ui() {
        return ui(Integer.getInteger(UI_PORT_PROPERTY, DEFAULT_UI_PORT));
    }

    /** Publish to DL4J's training UI on {@code port} (0 = a free port, which is logged). */
    public GradWatchBuilder ui(int port) {
        once("ui", uiPort);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ui(" + port + "): the port must be 0 (any free port) or 1..65535");
        }
        this.uiPort = port;
        return this;
    }

    /** Keep the UI's records in DL4J's FileStatsStorage at {@code file} instead of bounded memory. */
    public GradWatchBuilder uiStorage(File file) {
        once("uiStorage", uiStorageFile);
        this.uiStorageFile = Objects.requireNonNull(file, "uiStorage(file): file must not be null");
        if (file.getPath().isBlank()) {
            throw new IllegalArgumentException("uiStorage(new File(\"" + file.getPath() + "\")): the file name must "
                    + "not be blank; pass one such as new File(\"gradwatch-ui.bin\")");
        }
        return this;
    }

    /**
     * Listen on {@code host} instead of the loopback interface 127.0.0.1, e.g. "0.0.0.0" for every
     * interface. Anyone who can reach that interface reads the model, its hyperparameters and its
     * gradients; gradwatch logs a warning.
     */
    public GradWatchBuilder uiHost(String host) {
        once("uiHost", uiHost);
        Objects.requireNonNull(host, "uiHost(host): host must not be null; omit the call to listen on 127.0.0.1");
        if (host.isBlank()) {
            throw new IllegalArgumentException("uiHost(host): host must not be blank; use \"0.0.0.0\" for every "
                    + "interface or omit the call for 127.0.0.1");
        }
        this.uiHost = host.strip();
        return this;
    }

    /**
     * Keep the UI server gradwatch started running after the program's own threads have ended (by default
     * gradwatch then stops it, so the JVM can exit). The JVM then runs until it is stopped (Ctrl-C).
     */
    public GradWatchBuilder keepServing() {
        this.keepServing = true;
        return this;
    }

    /** Switch the automatic diagnosis off. */
    public GradWatchBuilder noDiagnosis() {
        once("diagnosis", null);
        this.diagnoser = Diagnoser::disabled;
        this.diagnosisOff = true;
        return this;
    }

    /**
     * Diagnose with the standard rules and {@code thresholds} instead of
     * {@link io.gradwatch.diagnosis.DiagnosisThresholds#defaults()}.
     */
    public GradWatchBuilder diagnosis(DiagnosisThresholds thresholds) {
        once("diagnosis", null);
        Objects.requireNonNull(thresholds, "diagnosis(thresholds): thresholds must not be null; "
                + "use noDiagnosis() to switch diagnosis off");
        this.diagnoser = () -> Diagnosers.standard(thresholds);
        return this;
    }

    /** Use {@code factory} to diagnose each worker's reports (one diagnoser per worker). */
    public GradWatchBuilder diagnoser(Supplier<Diagnoser> factory) {
        once("diagnosis", null);
        this.diagnoser = Objects.requireNonNull(factory, "diagnoser must not be null");
        return this;
    }

    /**
     * The longest time gradwatch makes anyone wait for it (default 30 s): training for a free queue slot
     * (after that, snapshots are dropped and counted while the analysis thread is stuck), and
     * {@code flush()}, {@code close()} and the JVM shutdown hook for the analysis thread and the sinks.
     */
    public GradWatchBuilder maxWait(Duration limit) {
        once("maxWait", maxWait);
        Objects.requireNonNull(limit, "maxWait(limit): limit must not be null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("maxWait(" + limit + "): the limit must be positive");
        }
        this.maxWait = limit;
        return this;
    }

    /**
     * Protect, then stop (off by default): when a gradient holds NaN or Inf, checked on the training thread
     * at every iteration before the updater applies it, save the model to {@code checkpoint} with DL4J's
     * ModelSerializer (its parameters are still the healthy ones) and throw
     * {@link TrainingHaltedException} out of {@code fit}. Costs one pass over the gradient per iteration
     * (see docs/diagnosis.md).
     */
    public GradWatchBuilder haltOnNonFinite(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "haltOnNonFinite(checkpoint): checkpoint must not be null");
        once("haltOnNonFinite", haltOnNonFinite);
        this.haltOnNonFinite = checkpoint;
        return this;
    }

    /**
     * The most heap gradwatch's copied arrays may take at once (default: 1.5 times the monitored model's
     * parameter bytes, at least 64 MiB). Beyond it, an iteration's update and weight statistics are computed
     * inside iterationDone from ND4J's buffers instead of copied (on the training thread and a helper
     * thread), and snapshots wait for buffers (see docs/performance.md).
     */
    public GradWatchBuilder maxBufferBytes(long bytes) {
        once("maxBufferBytes", maxBufferBytes);
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBufferBytes(" + bytes + "): the bound must be positive; "
                    + "omit the call for the default (1.5 x the model's parameter bytes)");
        }
        this.maxBufferBytes = bytes;
        return this;
    }

    /**
     * Protect, then stop (off by default): when an exploding-gradient verdict at warning severity is in
     * force (found on the analysis thread at a sampled iteration), save the model to {@code checkpoint}
     * at the next training-thread callback and throw {@link TrainingHaltedException} out of {@code fit}.
     */
    public GradWatchBuilder haltOnExploding(Path checkpoint) {
        Objects.requireNonNull(checkpoint, "haltOnExploding(checkpoint): checkpoint must not be null");
        once("haltOnExploding", haltOnExploding);
        this.haltOnExploding = checkpoint;
        return this;
    }

    /**
     * Call {@code consumer} with each verdict when it starts ({@link io.gradwatch.report.Verdict#ended()} false),
     * when its severity changes (false again, the same first iteration, the new severity) and when it ends
     * (true, with a message saying so), on gradwatch's analysis thread.
     */
    public GradWatchBuilder onVerdict(Consumer<Verdict> consumer) {
        verdictConsumers.add(Objects.requireNonNull(consumer, "onVerdict: consumer must not be null"));
        return this;
    }

    /**
     * Recover instead of stopping (off by default), with {@link RecoveryPolicy#defaults()}: a step whose gradient
     * is non-finite or whose gradient norm or loss spikes is skipped (the model left exactly as if the batch was
     * never seen); when skipping is not enough the model rolls back to the last state gradwatch certified
     * healthy with half the learning rate; after 3 roll-backs training halts with that state in the model
     * (and saved, if {@code haltOnNonFinite(path)} is set). Every action is logged, published and kept in
     * {@code listener.recoveries()}. Costs one pass over the gradient per iteration and two copies of the
     * parameters and updater state (see docs/recovery.md). MultiLayerNetwork and ComputationGraph trained with
     * {@code fit}; ParallelWrapper, Spark and SameDiff refuse it with a message.
     */
    public GradWatchBuilder recover() {
        return recover(RecoveryPolicy.defaults());
    }

    /** Like {@link #recover()}, with the thresholds and bounds of {@code policy}. */
    public GradWatchBuilder recover(RecoveryPolicy policy) {
        Objects.requireNonNull(policy, "recover(policy): policy must not be null; use recover() for the defaults");
        once("recover", recovery);
        this.recovery = policy;
        return this;
    }

    /** Call {@code consumer} with each action {@link #recover()} takes, on the training thread, right after it. */
    public GradWatchBuilder onRecovery(Consumer<io.gradwatch.report.RecoveryEvent> consumer) {
        recoveryConsumers.add(Objects.requireNonNull(consumer, "onRecovery: consumer must not be null"));
        return this;
    }

    /** Snapshots that may wait for analysis before the training thread waits (default 4). */
    GradWatchBuilder queueCapacity(int capacity) {
        this.queueCapacity = capacity;
        return this;
    }

    /** Builds the listener; add it with {@code net.addListeners(...)}, or {@code sd.addListeners(...)} for SameDiff. */
    public GradWatchListener build() {
        if (!recoveryConsumers.isEmpty() && recovery == null) {
            throw new IllegalStateException("onRecovery(...) needs recover(): call recover() too, or drop onRecovery");
        }
        GradWatchParts parts = assemble();
        return new GradWatchListener(parts.config(), parts.sinks(), parts.hyperparameters(), parts.diagnoser(),
                parts.halt(), recovery, recoveryConsumers);
    }

    /**
     * What {@link #build()} assembles, without starting a listener: for engines that compute the reports
     * elsewhere and publish them here (gradwatch-spark computes on executors, publishes on the driver).
     * Opens the sinks (UI server, TensorBoard run), so call it once.
     */
    public GradWatchParts parts() {
        if (recovery != null) {
            throw new IllegalStateException("recover() works with MultiLayerNetwork and ComputationGraph trained with "
                    + "fit (also under EarlyStoppingTrainer) in one JVM, not on Spark or other engines that publish "
                    + "reports computed elsewhere; drop recover() (haltOnNonFinite still works there)");
        }
        return assemble();
    }

    private GradWatchParts assemble() {
        if ((keepServing || !uiHost.equals(UiOptions.LOOPBACK)) && uiPort == null) {
            throw new IllegalStateException("uiHost/keepServing need ui(): call ui() too, or drop them");
        }
        if (uiStorageFile != null && uiPort == null) {
            throw new IllegalStateException("uiStorage(file) needs ui(): call ui() too, or drop uiStorage");
        }
        if (haltOnExploding != null && diagnosisOff) {
            throw new IllegalStateException("haltOnExploding(...) needs the diagnosis: drop noDiagnosis()");
        }
        GradWatchConfig config = new GradWatchConfig(every, histogramsEvery, layers, updates, activations,
                gradientScale, sessionId != null ? sessionId : newSessionId(), queueCapacity, maxWait, maxBufferBytes);
        List<ReportSink> all = new ArrayList<>();
        all.add(log ? Sinks.log(logIntervalMillis) : Sinks.verdictLog()); // verdicts are always logged
        consumers.forEach(c -> all.add(Sinks.consumer(c)));
        verdictConsumers.forEach(c -> all.add(Sinks.consumer(r -> {
            r.diagnosis().started().forEach(c);
            r.diagnosis().regraded().forEach(c);
            r.diagnosis().ended().forEach(c);
        })));
        all.addAll(sinks);
        // the riskiest sink first (a busy port), so that its failure leaves no run directory behind
        List<ReportSink> opened = new ArrayList<>();
        try {
            if (uiPort != null) {
                opened.add(uiProvider().create(new UiOptions(uiPort, uiStorageFile, uiHost, keepServing)));
            }
            if (tensorBoardDir != null) {
                opened.add(0, TensorBoardSink.create(tensorBoardDir, hparamsMetrics));
            }
            all.addAll(opened);
            return new GradWatchParts(config, all, hyperparameters, diagnoser,
                    new HaltPolicy(haltOnNonFinite, haltOnExploding));
        } catch (RuntimeException | Error e) {
            opened.forEach(GradWatchBuilder::closeQuietly);
            throw e;
        }
    }

    private static void closeQuietly(ReportSink sink) {
        try {
            sink.close();
        } catch (RuntimeException suppressed) {
            // the build error that brought us here is the one to report
        }
    }

    private static UiSinkProvider uiProvider() {
        return ServiceLoader.load(UiSinkProvider.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "ui() needs the gradwatch UI module on the classpath: add the dependency "
                        + "io.gradwatch:gradwatch-ui (same version as gradwatch-listener)"));
    }

    private static String newSessionId() {
        return "gradwatch-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
