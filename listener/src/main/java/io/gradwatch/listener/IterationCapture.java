package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.GradientScale;
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

    /** Smallest automatic buffer bound: below it, copying everything costs less than any pass on the training thread. */
    static final long MIN_AUTO_BUFFER_BYTES = 64L << 20;

    private final GradWatchConfig config;
    private final ReportPipeline pipeline;
    private final WorkerSession session;
    private final InFlight inFlight;

    private ModelLayout layout;
    private boolean warnedMemory;
    private long iteration = -1;
    private double loss;
    private int batchSize;

    IterationCapture(GradWatchConfig config, ReportPipeline pipeline, WorkerSession session) {
        this.config = config;
        this.pipeline = pipeline;
        this.session = session;
        this.inFlight = new InFlight(pipeline);
    }

    void forward(Model model, List<INDArray> list, Map<String, INDArray> map) {
        long t0 = System.nanoTime();
        long it = BaseOptimizer.getIterationCount(model);
        if (!config.samples(it) || !config.activations()) {
            return;
        }
        begin(model, it);
        List<ModelLayout.ActivationSlot> slots = layout.activations();
        inFlight.activations(slots.size(), true);
        for (int i = 0; i < slots.size(); i++) {
            ModelLayout.ActivationSlot slot = slots.get(i);
            INDArray a = list != null
                    ? (slot.forwardIndex() < list.size() ? list.get(slot.forwardIndex()) : null)
                    : map.get(slot.layer());
            if (a != null && a.length() > 0) {
                // the gradient comes first: activations take only what leaves room for it
                float[] copy = inFlight.pool().tryTake(Math.toIntExact(a.length()), layout.totalLength());
                if (copy == null) {
                    skippedForMemory(slot.layer() + "/activations", a.length());
                    continue;
                }
                inFlight.activation(i, copy, ArrayCopy.copyInStoredOrder(a, copy));
            }
        }
        inFlight.spentSince(t0);
    }

    void gradient(Model model, String workerId) {
        long t0 = System.nanoTime();
        long it = BaseOptimizer.getIterationCount(model);
        if (!config.samples(it)) {
            return;
        }
        begin(model, it);
        INDArray flat = flattenedGradients(model);
        float[] gradient = inFlight.pool().take(layout.totalLength(), config.maxWait().toNanos());
        if (gradient == null) {
            skippedForMemory("the gradient", layout.totalLength());
            discard();
            return;
        }
        ArrayCopy.copy(flat, gradient, 0);
        inFlight.gradient(gradient);
        loss = model.score();
        batchSize = model.batchSize();
        session.startOnce((named, hyperparameters) -> SessionInfoFactory.describe(model, layout, named, workerId,
                System.currentTimeMillis(), batchSize, hyperparameters));
        inFlight.spentSince(t0);
    }

    void done(Model model, int iterationDone, int epoch, String workerId) {
        long t0 = System.nanoTime();
        if (inFlight.gradient() == null || iteration != iterationDone) {
            discard();
            return;
        }
        boolean histograms = config.histogramsAt(iterationDone);
        AfterUpdate after = config.updates()
                ? AfterUpdate.read(flattenedGradients(model), model.params(), layout, histograms, inFlight.pool(),
                        pipeline.inlineHelper(), config.maxWait())
                : new AfterUpdate(null, null, null, null);
        inFlight.update(after.update());
        float scale = config.gradientScale() == GradientScale.MEAN_LOSS && batchSize > 0 ? 1f / batchSize : 1f;
        inFlight.submit(new InFlight.Measured(layout, workerId, iterationDone, epoch, loss, batchSize, histograms,
                scale, after.weights(), after.updateAnalyses(), after.weightAnalyses()), t0);
        iteration = -1;
    }

    @Override
    public InFlight inFlight() {
        return inFlight;
    }

    /** Starts capturing iteration {@code it}, dropping leftovers of an iteration that never completed. */
    private void begin(Model model, long it) {
        if (iteration != it) {
            discard();
            iteration = it;
        }
        ModelLayout next = layout;
        if (layout == null || !layout.describes(model)) {
            // another model object: the same network again (Spark deserialises a copy per split) or another one
            next = ModelLayout.of(model, config);
        }
        session.observe(next, it, config, inFlight);
        if (next != layout) {
            layout = next;
            inFlight.pool().bound(bufferBound(layout.totalLength()));
        }
    }

    @Override
    public void discard() {
        inFlight.discard();
        iteration = -1;
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
                    + "(maxBufferBytes); such skips are only logged once", what, values, inFlight.pool().maxBytes());
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
