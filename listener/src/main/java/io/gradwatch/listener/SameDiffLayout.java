package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.LayerInfo.ParameterInfo;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.impl.loss.BaseLoss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SameDiff graph laid out for gradwatch: its trainable variables concatenated, layer by layer in
 * the order of {@link SameDiffGraph}, into one flattened array, so that the analysis thread slices
 * SameDiff snapshots exactly like DL4J ones.
 *
 * @param variables      the SameDiff variable of each segment of {@code layout}, in segment order
 * @param byGradient     gradient variable name (e.g. "w0-grad") -> its parameter's segment
 * @param byVariable     trainable variable name -> its segment
 * @param activationSlot variable name of a watched layer output -> index into {@link ModelLayout#activations()}
 * @param lossIsMean     whether every loss variable is a mean over the minibatch (see {@link #lossIsMean(SameDiff)})
 * @param loss           how the iteration's loss is obtained
 */
record SameDiffLayout(SameDiff sd, int trainableCount, ModelLayout layout, List<String> variables,
                      Map<String, ModelLayout.Segment> byGradient,
                      Map<String, ModelLayout.Segment> byVariable, Map<String, Integer> activationSlot,
                      boolean lossIsMean, SameDiffLoss loss) {

    static SameDiffLayout of(SameDiff sd, GradWatchConfig config) {
        List<SameDiffGraph.Layer> layers = SameDiffGraph.layers(sd);
        List<ModelLayout.Segment> segments = new ArrayList<>();
        List<ModelLayout.ActivationSlot> slots = new ArrayList<>();
        List<LayerInfo> infos = new ArrayList<>();
        Map<String, ModelLayout.Segment> byGradient = new HashMap<>();
        Map<String, ModelLayout.Segment> byVariable = new HashMap<>();
        Map<String, Integer> activationSlot = new HashMap<>();
        int offset = 0;
        int count = 0;
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            SameDiffGraph.Layer layer = layers.get(i);
            List<ParameterInfo> params = new ArrayList<>();
            List<String> keys = keys(sd, layer.variables());
            List<String> mapping = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                String name = layer.variables().get(k);
                String key = keys.get(k);
                SDVariable v = sd.getVariable(name);
                long[] shape = v.getArr().shape();
                int length = Math.toIntExact(v.getArr().length());
                ModelLayout.Segment seg = new ModelLayout.Segment(layer.name(), i, key, offset, length,
                        config.monitors(layer.name() + "/" + key), false);
                segments.add(seg);
                variables.add(name);
                byVariable.put(name, seg);
                byGradient.put(v.getGradient().name(), seg);
                params.add(new ParameterInfo(key, length, Arrays.stream(shape).boxed().toList()));
                mapping.add(key + "=" + name);
                offset = Math.addExact(offset, length);
                count++;
            }
            String activation = layer.activationOp() == null ? "none" : layer.activationOp();
            infos.add(new LayerInfo(layer.name(), i, firstOpName(sd, layer) + " " + mapping, activation, params));
            if (layer.output() != null && config.activations() && config.monitors(layer.name() + "/activations")) {
                ActivationKind kind = layer.activationOp() == null ? ActivationKind.OTHER
                        : SameDiffActivations.kindOf(layer.activationOp());
                activationSlot.put(layer.output(), slots.size());
                slots.add(new ModelLayout.ActivationSlot(layer.name(), i, activation, kind, -1));
            }
        }
        ModelLayout layout = ModelLayout.of(segments, slots, infos, offset);
        return new SameDiffLayout(sd, count, layout, List.copyOf(variables), Map.copyOf(byGradient),
                Map.copyOf(byVariable),
                Map.copyOf(activationSlot), lossIsMean(sd), SameDiffLoss.of(sd));
    }

    /**
     * Parameter keys in DL4J's style, so that the diagnosis, the UI's defaults and every tag treat a
     * SameDiff layer like a DL4J one: the variable that starts the layer is {@code W} when it is a
     * matrix or kernel, the first other vector-like variable is {@code b}, and every other variable
     * (or one whose key would repeat) keeps its SameDiff name. The layer's type lists the mapping.
     */
    static List<String> keys(SameDiff sd, List<String> variables) {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < variables.size(); k++) {
            String name = variables.get(k);
            boolean vector = SameDiffGraph.vectorLike(sd, name);
            String key = k == 0 && !vector ? "W" : k > 0 && vector && !keys.contains("b") ? "b" : name;
            keys.add(keys.contains(key) || variables.subList(k + 1, variables.size()).contains(key) ? name : key);
        }
        return keys;
    }

    /** Whether this layout still describes {@code graph} (same instance, same trainable variables). */
    boolean describes(SameDiff graph) {
        return graph == sd && SameDiffGraph.trainable(graph).size() == trainableCount;
    }

    /**
     * Whether SameDiff's loss is a mean over the minibatch: true unless a loss variable is the output of
     * one of SameDiff's loss ops with reduction SUM or NONE (a loss built from other ops is taken as a mean).
     */
    static boolean lossIsMean(SameDiff sd) {
        for (String loss : sd.getLossVariables()) {
            String producer = sd.getVariables().get(loss).getOutputOfOp();
            SameDiffOp op = producer == null ? null : sd.getOps().get(producer);
            if (op != null && op.getOp() instanceof BaseLoss l
                    && (l.getLossReduce() == LossReduce.SUM || l.getLossReduce() == LossReduce.NONE)) {
                return false;
            }
        }
        return true;
    }

    private static String firstOpName(SameDiff sd, SameDiffGraph.Layer layer) {
        List<String> consumers = sd.getVariables().get(layer.variables().get(0)).getInputsForOp();
        return consumers == null || consumers.isEmpty() ? "SameDiff"
                : sd.getOps().get(consumers.get(0)).getOp().opName();
    }
}
