package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.GradientScale;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One SameDiff training thread's in-flight iteration. SameDiff's TrainingSession computes each
 * gradient variable (reported at op execution), then runs the updater in place on that array, calls
 * preUpdate with it, and subtracts it from the parameter. So the copies are taken:
 * <ul>
 *   <li>gradients: at opExecution of the op producing "{@code <variable>-grad}", before L1/L2 and the updater;</li>
 *   <li>updates: at preUpdate, the array about to be subtracted from the parameter;</li>
 *   <li>weights: at iterationDone, after every parameter's step (as for DL4J models);</li>
 *   <li>layer outputs: at opExecution of the ops named by {@link SameDiffLayout#activationSlot()};</li>
 *   <li>the loss: see {@link SameDiffLoss}.</li>
 * </ul>
 * Every copy is made at once (SameDiff may free or reuse the arrays afterwards). Confined to its thread.
 */
final class SameDiffCapture implements Capture {

    private static final Logger LOG = LoggerFactory.getLogger("io.gradwatch");

    private final GradWatchConfig config;
    private final WorkerSession session;
    private final InFlight inFlight;

    private SameDiffLayout layout;
    private boolean warnedMissing;
    private long iteration = -1;
    private final BitSet arrived = new BitSet();
    private final Map<String, INDArray> lossInputs = new HashMap<>();
    private int batchSize;

    SameDiffCapture(GradWatchConfig config, ReportPipeline pipeline, WorkerSession session) {
        this.config = config;
        this.session = session;
        this.inFlight = new InFlight(pipeline);
    }

    void iterationStart(SameDiff sd, At at, MultiDataSet batch, String workerId) {
        long t0 = System.nanoTime();
        discard();
        if (!config.samples(at.iteration())) {
            return;
        }
        if (layout == null || !layout.describes(sd)) {
            layout = SameDiffLayout.of(sd, config);
        }
        session.observe(layout.layout(), at.iteration(), config, inFlight);
        iteration = at.iteration();
        batchSize = batch == null || batch.numFeatureArrays() == 0 ? 0 : (int) batch.getFeatures(0).size(0);
        int length = layout.layout().totalLength();
        inFlight.gradient(inFlight.pool().take(length, config.maxWait().toNanos()));
        if (inFlight.gradient() == null) {
            // no room under the memory bound (maxBufferBytes) within maxWait: this iteration goes unmeasured
            iteration = -1;
            return;
        }
        // the update is optional: without room in the pool this report has no update statistics
        inFlight.update(config.updates() ? inFlight.pool().tryTake(length) : null);
        inFlight.activations(layout.layout().activations().size(), false);
        arrived.clear();
        session.startOnce((named, hyperparameters) -> SameDiffSessionInfo.describe(sd, layout, named, workerId,
                System.currentTimeMillis(), batchSize, hyperparameters));
        inFlight.spentSince(t0);
    }

    void opExecution(At at, List<String> outputNames, INDArray[] outputs) {
        if (iteration < 0 || at.iteration() != iteration || outputs == null) {
            return;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < outputs.length && i < outputNames.size(); i++) {
            String name = outputNames.get(i);
            ModelLayout.Segment seg = layout.byGradient().get(name);
            if (seg != null) {
                copy(outputs[i], inFlight.gradient(), seg);
                arrived.set(seg.offset());
                continue;
            }
            if (layout.loss().needs(name) && outputs[i] != null) {
                lossInputs.put(name, outputs[i].dup());
            }
            Integer slot = layout.activationSlot().get(name);
            if (slot != null && outputs[i] != null && outputs[i].length() > 0) {
                float[] copy = inFlight.pool().tryTake(Math.toIntExact(outputs[i].length()));
                if (copy == null) {
                    continue;
                }
                ArrayCopy.copy(outputs[i], copy, 0);
                inFlight.activation(slot, copy, false);
            }
        }
        inFlight.spentSince(t0);
    }

    void preUpdate(At at, String variable, INDArray applied) {
        if (iteration < 0 || at.iteration() != iteration || inFlight.update() == null) {
            return;
        }
        long t0 = System.nanoTime();
        ModelLayout.Segment seg = layout.byVariable().get(variable);
        if (seg != null && seg.monitored()) {
            copy(applied, inFlight.update(), seg);
        }
        inFlight.spentSince(t0);
    }

    void iterationDone(SameDiff sd, At at, MultiDataSet batch, Loss loss, String workerId) {
        if (iteration < 0 || at.iteration() != iteration) {
            discard();
            return;
        }
        long t0 = System.nanoTime();
        if (arrived.cardinality() != layout.layout().segments().size()) {
            warnMissing();
            discard();
            return;
        }
        double lossValue = layout.loss().evaluate(sd, batch, lossInputs, loss);
        float[] weights = inFlight.update() == null ? null : copyWeights(sd);
        lossInputs.clear();
        inFlight.submit(new InFlight.Measured(layout.layout(), workerId, iteration, at.epoch(), lossValue, batchSize,
                config.histogramsAt(iteration), gradientScale(), weights, null, null), t0);
        iteration = -1;
    }

    /** The weights after every parameter's step, if the pool has room for them. */
    private float[] copyWeights(SameDiff sd) {
        float[] weights = inFlight.pool().tryTake(layout.layout().totalLength());
        List<ModelLayout.Segment> segments = layout.layout().segments();
        for (int i = 0; weights != null && i < segments.size(); i++) {
            if (segments.get(i).monitored()) {
                copy(sd.getVariable(layout.variables().get(i)).getArr(), weights, segments.get(i));
            }
        }
        return weights;
    }

    /**
     * SameDiff's gradient is that of the loss as the graph defines it: for a mean-reduced loss it is
     * already the gradient of the mean loss; for a summed loss it is the raw minibatch sum.
     */
    private float gradientScale() {
        boolean mean = layout.lossIsMean();
        if (config.gradientScale() == GradientScale.MEAN_LOSS) {
            return mean || batchSize <= 0 ? 1f : 1f / batchSize;
        }
        return mean && batchSize > 0 ? batchSize : 1f;
    }

    @Override
    public InFlight inFlight() {
        return inFlight;
    }

    private static void copy(INDArray src, float[] dst, ModelLayout.Segment seg) {
        if (src == null || src.length() != seg.length()) {
            throw new IllegalStateException("gradwatch expected " + seg.length() + " values for SameDiff parameter "
                    + seg.layer() + "/" + seg.parameter() + ", got " + (src == null ? "none" : src.length()));
        }
        ArrayCopy.copy(src, dst, seg.offset());
    }

    private void warnMissing() {
        if (!warnedMissing) {
            warnedMissing = true;
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < layout.variables().size(); i++) {
                if (!arrived.get(layout.layout().segments().get(i).offset())) {
                    missing.add(layout.variables().get(i));
                }
            }
            LOG.warn("gradwatch: SameDiff computed no gradient for {} in iteration {}; such iterations are not "
                    + "reported. Make sure every VARIABLE takes part in the loss, or convert it to a constant", missing,
                    iteration);
        }
    }

    @Override
    public void discard() {
        inFlight.discard();
        lossInputs.clear();
        iteration = -1;
    }
}
