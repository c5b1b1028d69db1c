package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.GradientScale;
import io.gradwatch.stats.Statistics;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * One training thread's in-flight iteration: the copies taken so far, until iterationDone turns
 * them into a {@link Snapshot}. Confined to its thread (held in a ThreadLocal).
 */
final class IterationCapture implements Capture {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private GradWatchConfig config;
    private final ReportPipeline pipeline;
    private final Map<String, Object> userHyperparameters;

    /** Smallest automatic buffer bound: below it, copying everything costs less than any pass on the training thread. */
    static final long MIN_AUTO_BUFFER_BYTES = 64L << 20;

    private ModelLayout layout;
    private boolean warnedMemory;
    private boolean started;
    private long lastIteration = -1;
    private boolean stopped;
    private long iteration = -1;
    private float[][] activations;
    private boolean[] activationsByUnit;
    private float[] gradient;
    private double loss;
    private int batchSize;
    private long nanosThisIteration;
    private long nanosSinceLastSnapshot;
    private long lastSnapshotNanos;

    IterationCapture(GradWatchConfig config, ReportPipeline pipeline, Map<String, Object> userHyperparameters) {
        this.config = config;
        this.pipeline = pipeline;
        this.userHyperparameters = userHyperparameters;
    }

    void forward(Model model, List<INDArray> list, Map<String, INDArray> map) {
        long t0 = System.nanoTime();
        long it = BaseOptimizer.getIterationCount(model);
        if (!config.samples(it) || !config.activations()) {
            return;
        }
        begin(model, it);
        List<ModelLayout.ActivationSlot> slots = layout.activations();
        activations = new float[slots.size()][];
        activationsByUnit = new boolean[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            ModelLayout.ActivationSlot slot = slots.get(i);
            INDArray a = list != null
                    ? (slot.forwardIndex() < list.size() ? list.get(slot.forwardIndex()) : null)
                    : map.get(slot.layer());
            if (a != null && a.length() > 0) {
                // the gradient comes first: activations take only what leaves room for it
                float[] copy = pipeline.pool().tryTake(Math.toIntExact(a.length()), layout.totalLength());
                if (copy == null) {
                    skippedForMemory(slot.layer() + "/activations", a.length());
                    continue;
                }
                activationsByUnit[i] = ArrayCopy.copyInStoredOrder(a, copy);
                activations[i] = copy;
            }
        }
        nanosThisIteration += System.nanoTime() - t0;
    }

    void gradient(Model model, String workerId) {
        long t0 = System.nanoTime();
        long it = BaseOptimizer.getIterationCount(model);
        if (!config.samples(it)) {
            return;
        }
        begin(model, it);
        INDArray flat = flattenedGradients(model);
        gradient = pipeline.pool().take(layout.totalLength(), config.maxWait().toNanos());
        if (gradient == null) {
            skippedForMemory("the gradient", layout.totalLength());
            discard();
            return;
        }
        ArrayCopy.copy(flat, gradient, 0);
        loss = model.score();
        batchSize = model.batchSize();
        if (!started) {
            started = true;
            pipeline.start(SessionInfoFactory.describe(model, layout, config, workerId, System.currentTimeMillis(),
                    batchSize, userHyperparameters));
        }
        nanosThisIteration += System.nanoTime() - t0;
    }

    void done(Model model, int iterationDone, int epoch, String workerId) {
        long t0 = System.nanoTime();
        if (gradient == null || iteration != iterationDone) {
            discard();
            return;
        }
        float[] update = null;
        float[] weights = null;
        Statistics.Analysis[] updateStats = null;
        Statistics.Analysis[] weightStats = null;
        boolean histograms = config.histogramsAt(iterationDone);
        if (config.updates()) {
            // copy while the pool has room (cheapest for training); otherwise one pass over ND4J's buffers here
            update = pipeline.pool().tryTake(layout.totalLength());
            if (update != null) {
                ArrayCopy.copy(flattenedGradients(model), update, 0);
            }
            weights = pipeline.pool().tryTake(layout.totalLength());
            if (weights != null) {
                ArrayCopy.copy(model.params(), weights, 0);
            }
            if (update == null && weights == null) {
                InlineStatistics.Both both = InlineStatistics.analyseBoth(flattenedGradients(model), model.params(),
                        layout, histograms, pipeline.inlineHelper(), config.maxWait());
                updateStats = both.update();
                weightStats = both.weights();
            } else if (update == null) {
                updateStats = InlineStatistics.analyse(flattenedGradients(model), layout, histograms);
            } else if (weights == null) {
                weightStats = InlineStatistics.analyse(model.params(), layout, histograms);
            }
        }
        long now = System.nanoTime();
        nanosThisIteration += now - t0;
        nanosSinceLastSnapshot += nanosThisIteration;
        long wall = lastSnapshotNanos == 0 ? 0 : now - lastSnapshotNanos;
        float scale = config.gradientScale() == GradientScale.MEAN_LOSS && batchSize > 0 ? 1f / batchSize : 1f;
        Snapshot snapshot = new Snapshot(layout, workerId, iterationDone, epoch,
                pipeline.uniqueTimestamp(System.currentTimeMillis()), loss, batchSize,
                histograms, gradient, scale, update, weights, activations, activationsByUnit, nanosThisIteration,
                nanosSinceLastSnapshot, wall, pipeline.backpressureNanos(), updateStats, weightStats);
        gradient = null;
        activations = null;
        activationsByUnit = null;
        iteration = -1;
        nanosThisIteration = 0;
        nanosSinceLastSnapshot = 0;
        lastSnapshotNanos = now;
        pipeline.submit(snapshot);
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void stop() {
        stopped = true;
        discard();
    }

    /** Starts capturing iteration {@code it}, dropping leftovers of an iteration that never completed. */
    private void begin(Model model, long it) {
        if (iteration != it) {
            discard();
            iteration = it;
        }
        ModelLayout next = layout;
        boolean otherNetwork = false;
        if (layout == null || !layout.describes(model)) {
            // another model object: the same network again (Spark deserialises a copy per split) or another one
            next = ModelLayout.of(model, config);
            otherNetwork = layout != null && !next.segments().equals(layout.segments());
        }
        if (started && (otherNetwork || it < lastIteration)) {
            newSession(otherNetwork, it);
        }
        lastIteration = it;
        if (next != layout) {
            boolean first = layout == null;
            layout = next;
            pipeline.pool().bound(bufferBound(layout.totalLength()));
            String warning = layout.nothingMonitoredWarning(config);
            if (warning != null && (first || otherNetwork)) {
                LOG.warn(warning);
            }
        }
    }

    private void discard() {
        if (gradient != null) {
            pipeline.pool().release(gradient);
        }
        if (activations != null) {
            for (float[] a : activations) {
                pipeline.pool().release(a);
            }
        }
        gradient = null;
        activations = null;
        activationsByUnit = null;
        nanosSinceLastSnapshot += nanosThisIteration;
        nanosThisIteration = 0;
        iteration = -1;
    }

    /**
     * This listener now sees another network, or its network training again from an earlier iteration: its
     * reports start a session (and TensorBoard run) of their own, so that no series has duplicate or
     * backward steps.
     */
    private void newSession(boolean otherNetwork, long it) {
        String id = pipeline.nextSessionId();
        LOG.warn("gradwatch: {}; its reports go to a new session {} (TensorBoard: a run of its own inside the "
                        + "run directory). Build one listener per training run to name each yourself.",
                otherNetwork ? "this listener is now attached to another network"
                        : "training restarted at iteration " + it + " after iteration " + lastIteration, id);
        config = config.withSessionId(id);
        started = false;
        lastSnapshotNanos = 0;
    }

    /** The pool's bound: the configured one, or 1.5 x the model's float32 parameter bytes (at least 64 MiB). */
    private long bufferBound(int parameters) {
        return config.maxBufferBytes() > 0 ? config.maxBufferBytes()
                : Math.max(MIN_AUTO_BUFFER_BYTES, 4L * parameters * 3 / 2);
    }

    private void skippedForMemory(String what, long values) {
        if (!warnedMemory) {
            warnedMemory = true;
            LOG.warn("gradwatch: {} ({} values) was not captured: gradwatch's buffers are at their bound of {} bytes "
                    + "(maxBufferBytes); such skips are only logged once", what, values, pipeline.pool().maxBytes());
        }
    }

    private static INDArray flattenedGradients(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getFlattenedGradients();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getFlattenedGradients();
        }
        throw new IllegalArgumentException("gradwatch monitors MultiLayerNetwork and ComputationGraph, not "
                + model.getClass().getName());
    }
}
