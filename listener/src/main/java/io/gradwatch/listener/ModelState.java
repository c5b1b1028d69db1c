package io.gradwatch.listener;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A copy of everything an update changes: the parameters (batch-norm statistics included) and the
 * updater's state (momentum, Adam's moments), taken before the update of {@code iteration}. Two native
 * copies (ND4J {@code dup}), outside any workspace.
 *
 * @param iteration    the iteration whose update had not been applied yet when the copy was taken
 * @param loss         the loss DL4J computed for that iteration's batch with these parameters
 * @param params       the parameters
 * @param updaterState the updater's state, or null for an updater without state (plain SGD)
 */
record ModelState(long iteration, double loss, INDArray params, INDArray updaterState) {

    static ModelState of(Model model, long iteration, double loss) {
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray state = updaterState(model);
            return new ModelState(iteration, loss, model.params().dup(), state == null ? null : state.dup());
        }
    }

    /** Writes this state back into {@code model}'s own arrays (in place: DL4J keeps using the same views). */
    void restoreInto(Model model) {
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            model.params().assign(params);
            INDArray state = updaterState(model);
            if (state != null && updaterState != null) {
                state.assign(updaterState);
            }
        }
    }

    /** The bytes this copy holds (native memory). */
    long bytes() {
        return bytesOf(params) + (updaterState == null ? 0 : bytesOf(updaterState));
    }

    /** Frees the native copies now rather than when the garbage collector finds them. */
    void release() {
        close(params);
        close(updaterState);
    }

    /**
     * The updater's state view, created if training has not created it yet (DL4J creates it the same way,
     * with its initial values, when the first update needs it).
     */
    static INDArray updaterState(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getUpdater(true).getStateViewArray();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.getUpdater(true).getStateViewArray();
        }
        throw new IllegalArgumentException("gradwatch recovers MultiLayerNetwork and ComputationGraph, not "
                + model.getClass().getName());
    }

    private static long bytesOf(INDArray a) {
        return a.length() * a.dataType().width();
    }

    private static void close(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }
}
