package io.gradwatch.listener;

import io.gradwatch.GradWatchConfig;
import io.gradwatch.report.LayerInfo;
import io.gradwatch.report.SessionInfo;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Describes a network for the sinks: its layers and the hyperparameters read from its configuration. */
final class SessionInfoFactory {

    private SessionInfoFactory() {
    }

    static SessionInfo describe(Model model, ModelLayout layout, GradWatchConfig config, String workerId,
                                long startMillis, int batchSize, Map<String, Object> userHyperparameters) {
        Map<String, Object> hp = new LinkedHashMap<>(fromConfiguration(model));
        hp.put("batch_size", batchSize);
        hp.put("parameters", model.numParams());
        hp.putAll(userHyperparameters);
        String json = model instanceof MultiLayerNetwork net ? net.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model).getConfiguration().toJson();
        return new SessionInfo(config.sessionId(), workerId, startMillis, model.getClass().getSimpleName(),
                layout.layers(), config.gradientScale(), hp, json);
    }

    /**
     * Activation, weight init, updater, learning rate and regularisation of the layers with
     * parameters; where layers differ, the distinct values are joined with "," in network order.
     * Activations are the ones layers really apply: batch normalisation ignores its configured one,
     * activation layers (no parameters) apply theirs, and "identity" is named only when no layer
     * applies anything else. An updater without a learning rate (AdaDelta) adds none.
     */
    static Map<String, Object> fromConfiguration(Model model) {
        Set<String> activations = new LinkedHashSet<>();
        Set<String> inits = new LinkedHashSet<>();
        Set<String> updaters = new LinkedHashSet<>();
        Set<String> rates = new LinkedHashSet<>();
        Set<String> regularisation = new LinkedHashSet<>();
        Layer[] layers = model instanceof MultiLayerNetwork n ? n.getLayers() : ((ComputationGraph) model).getLayers();
        for (Layer layer : layers) {
            if (layer.conf().getLayer() instanceof ActivationLayer a) {
                activations.add(String.valueOf(a.getActivationFn()));
            }
            if (!(layer.conf().getLayer() instanceof BaseLayer conf) || layer.numParams() == 0) {
                continue;
            }
            if (!(conf instanceof BatchNormalization)) {
                activations.add(String.valueOf(conf.getActivationFn()));
            }
            inits.add(conf.getWeightInitFn() == null ? "none" : conf.getWeightInitFn().getClass().getSimpleName()
                    .replace("WeightInit", ""));
            IUpdater updater = conf.getIUpdater();
            if (updater != null) {
                updaters.add(updater.getClass().getSimpleName());
                if (updater.hasLearningRate()) {
                    rates.add(Double.toString(updater.getLearningRate(0, 0)));
                }
            }
            for (Regularization r : conf.getRegularization()) {
                regularisation.add(describe(r));
            }
        }
        if (activations.size() > 1) {
            activations.remove("identity");
        }
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("activation", String.join(",", activations));
        hp.put("weight_init", String.join(",", inits));
        hp.put("updater", String.join(",", updaters));
        if (rates.size() == 1) {
            hp.put("learning_rate", Double.parseDouble(rates.iterator().next()));
        } else if (rates.size() > 1) {
            hp.put("learning_rate", String.join(",", rates));
        }
        hp.put("regularization", regularisation.isEmpty() ? "none" : String.join(",", regularisation));
        hp.put("layers", layers.length);
        return hp;
    }

    private static String describe(Regularization r) {
        if (r instanceof L2Regularization l2) {
            return "l2=" + l2.getL2().valueAt(0, 0);
        }
        if (r instanceof WeightDecay wd) {
            return "weight_decay=" + wd.getCoeff().valueAt(0, 0);
        }
        return r.getClass().getSimpleName();
    }
}
