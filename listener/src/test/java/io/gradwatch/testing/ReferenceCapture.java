package io.gradwatch.testing;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent witness for tests: copies, through DL4J's own per-variable API and the slow
 * {@code toFloatVector()}, what gradwatch copies through the flattened arrays. Keys are DL4J's
 * gradient keys ("0_W" in a MultiLayerNetwork, "hidden_W" in a ComputationGraph).
 */
public final class ReferenceCapture extends BaseTrainingListener {

    /** One iteration as DL4J's own APIs show it. */
    public static final class Step {
        public int iteration;
        public int batchSize;
        public final Map<String, float[]> gradients = new LinkedHashMap<>();
        public final Map<String, float[]> updates = new LinkedHashMap<>();
        public final Map<String, float[]> params = new LinkedHashMap<>();
        /** MultiLayerNetwork: index in the activation list; ComputationGraph: vertex name. */
        public final Map<String, float[]> activations = new HashMap<>();
        public final Map<String, long[]> activationShapes = new HashMap<>();
    }

    public final List<Step> steps = new ArrayList<>();
    private Step current;

    /** All values in row-major order, through ND4J's slow, obviously correct path. */
    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        current = new Step();
        for (int i = 0; i < activations.size(); i++) {
            current.activations.put(String.valueOf(i), flat(activations.get(i)));
            current.activationShapes.put(String.valueOf(i), activations.get(i).shape());
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        current = new Step();
        activations.forEach((k, v) -> {
            current.activations.put(k, flat(v));
            current.activationShapes.put(k, v.shape());
        });
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (current == null) {
            current = new Step();
        }
        current.batchSize = model.batchSize();
        Gradient g = model.gradient();
        g.gradientForVariable().forEach((k, v) -> current.gradients.put(k, flat(v)));
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (current == null) {
            return;
        }
        current.iteration = iteration;
        model.gradient().gradientForVariable().forEach((k, v) -> current.updates.put(k, flat(v)));
        model.paramTable().forEach((k, v) -> current.params.put(k, flat(v)));
        steps.add(current);
        current = null;
    }
}
