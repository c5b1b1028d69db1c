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
        List<LayerInfo> layers = layout.layout().layers();
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
