package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Describes a SameDiff graph for the sinks: its layers and the hyperparameters of its TrainingConfig. */
final class SameDiffSessionInfo {

    private SameDiffSessionInfo() {
    }

    static SessionInfo describe(SameDiff sd, SameDiffLayout layout, GradWatchConfig config, String workerId,
                                long startMillis, int batchSize, Map<String, Object> userHyperparameters) {
        Map<String, Object> hp = new LinkedHashMap<>();
        List<LayerInfo> layers = withOutputLoss(sd, layout.layout().layers());
        Set<String> activations = new LinkedHashSet<>();
        layers.forEach(l -> activations.add(l.activation()));
        hp.put("activation", String.join(",", activations));
        TrainingConfig tc = sd.getTrainingConfig();
        IUpdater updater = tc == null ? null : tc.getUpdater();
        hp.put("updater", updater == null ? "none" : updater.getClass().getSimpleName());
        if (updater != null && updater.hasLearningRate()) {
            hp.put("learning_rate", updater.getLearningRate(0, 0));
        }
        hp.put("regularization", tc == null ? "none" : describe(tc.getRegularization()));
        hp.put("layers", layers.size());
        hp.put("batch_size", batchSize);
        hp.put("parameters", (long) layout.layout().totalLength());
        hp.putAll(userHyperparameters);
        return new SessionInfo(config.sessionId(), workerId, startMillis, "SameDiff", layers, config.gradientScale(),
                hp, tc == null ? null : tc.toJson());
    }

    /**
     * The layers with the loss on the last one, for the diagnosis' chance level: a single softmax cross-entropy
     * loss averaged over the examples (reduction mode 2 or 3), with the classes from its label placeholder's
     * last dimension. Other losses are left unknown.
     */
    private static List<LayerInfo> withOutputLoss(SameDiff sd, List<LayerInfo> layers) {
        if (layers.isEmpty() || sd.getLossVariables().size() != 1 || sd.getTrainingConfig() == null
                || sd.getTrainingConfig().getDataSetLabelMapping() == null
                || sd.getTrainingConfig().getDataSetLabelMapping().size() != 1) {
            return layers;
        }
        String producer = sd.getVariables().get(sd.getLossVariables().get(0)).getOutputOfOp();
        var op = producer == null ? null : sd.getOps().get(producer);
        if (op == null || !(op.getOp() instanceof org.nd4j.linalg.api.ops.DynamicCustomOp custom)
                || !custom.opName().contains("softmax_cross_entropy") || custom.iArgs().length == 0
                || custom.iArgs()[0] < 2 || custom.iArgs()[0] > 3) {
            return layers;
        }
        long[] shape = sd.getVariable(sd.getTrainingConfig().getDataSetLabelMapping().get(0)).getShape();
        if (shape == null || shape.length != 2 || shape[1] < 2) {
            return layers;
        }
        List<LayerInfo> out = new java.util.ArrayList<>(layers);
        LayerInfo last = out.get(out.size() - 1);
        out.set(out.size() - 1, new LayerInfo(last.name(), last.index(), last.type(), last.activation(),
                last.parameters(), new LayerInfo.OutputLoss(custom.opName(), shape[1])));
        return out;
    }

    private static String describe(List<Regularization> list) {
        if (list == null || list.isEmpty()) {
            return "none";
        }
        Set<String> out = new LinkedHashSet<>();
        for (Regularization r : list) {
            if (r instanceof L2Regularization l2) {
                out.add("l2=" + l2.getL2().valueAt(0, 0));
            } else if (r instanceof L1Regularization l1) {
                out.add("l1=" + l1.getL1().valueAt(0, 0));
            } else if (r instanceof WeightDecay wd) {
                out.add("weight_decay=" + wd.getCoeff().valueAt(0, 0));
            } else {
                out.add(r.getClass().getSimpleName());
            }
        }
        return String.join(",", out);
    }
}
