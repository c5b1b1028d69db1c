package io.gradwatch.listener;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Scales every learning rate of a model (per layer and parameter, fixed rates and schedules alike) by one
 * factor, relative to the rates the user configured, and can put those back. DL4J's updaters read their
 * configuration object at every update, so changing it in place takes effect at the next iteration; the
 * same factor everywhere keeps the updater's grouping of layers with equal configurations valid.
 */
final class LearningRates {

    private record Configured(IUpdater updater, double rate, ISchedule schedule) {
    }

    private List<Configured> configured;

    /** Sets every learning rate to {@code factor} times the configured one. */
    void scale(Model model, double factor) {
        if (configured == null) {
            configured = configured(model);
        }
        for (Configured c : configured) {
            if (c.schedule() != null) {
                c.updater().setLrAndSchedule(Double.NaN, new ScaledSchedule(c.schedule(), factor));
            } else {
                c.updater().setLrAndSchedule(c.rate() * factor, null);
            }
        }
    }

    /** Puts the configured learning rates back (before a checkpoint is saved: it must load without gradwatch). */
    void restoreConfigured() {
        if (configured != null) {
            configured.forEach(c -> c.updater().setLrAndSchedule(c.rate(), c.schedule()));
        }
    }

    private static List<Configured> configured(Model model) {
        Set<IUpdater> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Configured> out = new ArrayList<>();
        for (Layer layer : layers(model)) {
            for (String param : layer.paramTable().keySet()) {
                IUpdater u = layer.conf().getLayer().getUpdaterByParam(param);
                if (u != null && u.hasLearningRate() && seen.add(u)) {
                    ISchedule schedule = schedule(u);
                    out.add(new Configured(u, schedule == null ? u.getLearningRate(0, 0) : Double.NaN, schedule));
                }
            }
        }
        return out;
    }

    private static Layer[] layers(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getLayers();
        }
        return ((ComputationGraph) model).getLayers();
    }

    /** ND4J's updater configurations keep their schedule behind a getter the IUpdater interface lacks. */
    private static ISchedule schedule(IUpdater u) {
        try {
            Object s = u.getClass().getMethod("getLearningRateSchedule").invoke(u);
            return s instanceof ISchedule schedule ? schedule : null;
        } catch (ReflectiveOperationException | RuntimeException noSchedule) {
            return null;
        }
    }
}
