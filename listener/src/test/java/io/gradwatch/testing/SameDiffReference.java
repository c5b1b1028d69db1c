package io.gradwatch.testing;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SameDiff's own arrays for one training step, taken through SameDiff's public API only, before and
 * after {@code sd.fit(batch)}: gradients from {@code calculateGradients}, layer outputs from
 * {@code output}, the applied update as SameDiff hands it to listeners, the weights after the step.
 */
public final class SameDiffReference {

    public final Map<String, float[]> gradients = new HashMap<>();
    public final Map<String, float[]> outputs = new HashMap<>();
    public final Map<String, float[]> updates = new HashMap<>();
    public final Map<String, float[]> weightsAfter = new HashMap<>();

    /** Records, then trains {@code sd} on {@code batch} once with {@code listener} attached beside the recorder. */
    public static SameDiffReference step(SameDiff sd, DataSet batch, List<String> params, List<String> outputNames,
                                         org.nd4j.autodiff.listeners.Listener listener) {
        SameDiffReference ref = new SameDiffReference();
        Map<String, INDArray> ph = Map.of(sd.getTrainingConfig().getDataSetFeatureMapping().get(0), batch.getFeatures(),
                sd.getTrainingConfig().getDataSetLabelMapping().get(0), batch.getLabels());
        sd.calculateGradients(ph, params).forEach((k, v) -> ref.gradients.put(k, floats(v)));
        if (!outputNames.isEmpty()) {
            sd.output(ph, outputNames).forEach((k, v) -> ref.outputs.put(k, floats(v)));
        }
        BaseListener updates = new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return operation == Operation.TRAINING;
            }

            @Override
            public void preUpdate(SameDiff s, At at, Variable v, INDArray update) {
                ref.updates.put(v.getName(), floats(update));
            }
        };
        sd.setListeners(updates, listener);
        sd.fit(batch);
        for (String p : params) {
            ref.weightsAfter.put(p, floats(sd.getVariable(p).getArr()));
        }
        return ref;
    }

    public static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
