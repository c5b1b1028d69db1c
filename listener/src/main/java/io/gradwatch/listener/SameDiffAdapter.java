package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.function.Consumer;

/**
 * The SameDiff side of {@link GradWatchListener}: SameDiff's listener callbacks, routed to one
 * {@link SameDiffCapture} per training thread, so that nothing gradwatch throws reaches SameDiff.
 */
final class SameDiffAdapter {


    private final ThreadLocal<SameDiffCapture> captures;

    SameDiffAdapter(GradWatchConfig config, ReportPipeline pipeline, WorkerSession session) {
        this.captures = ThreadLocal.withInitial(() -> new SameDiffCapture(config, pipeline, session));
    }

    /** Only training is monitored (not inference, evaluation or validation). */
    static boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    void iterationStart(SameDiff sd, At at, MultiDataSet batch, String workerId) {
        guarded(c -> c.iterationStart(sd, at, batch, workerId), workerId);
    }

    void opExecution(At at, SameDiffOp op, INDArray[] outputs, String workerId) {
        guarded(c -> c.opExecution(at, op.getOutputsOfOp(), outputs), workerId);
    }

    void preUpdate(At at, Variable v, INDArray update, String workerId) {
        guarded(c -> c.preUpdate(at, v.getName(), update), workerId);
    }

    void iterationDone(SameDiff sd, At at, MultiDataSet batch, Loss loss, String workerId) {
        guarded(c -> c.iterationDone(sd, at, batch, loss, workerId), workerId);
    }

    private void guarded(Consumer<SameDiffCapture> callback, String workerId) {
        Capture.guarded(captures.get(), callback, workerId, "the graph (sd.summary())");
    }
}
