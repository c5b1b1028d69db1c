package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.LogHistogram;

import java.io.Serializable;
import java.util.Objects;

/**
 * Health of one layer's output in this step's forward pass.
 *
 * @param layer             layer name
 * @param layerIndex        position of the layer in the network
 * @param activation        the layer's activation function as DL4J names it (e.g. {@code relu}, {@code sigmoid})
 * @param stats             statistics over every output value of the minibatch
 * @param deadFraction      fraction of units that were exactly 0 for every example of the minibatch;
 *                          NaN when the activation is not ReLU-like (dead units are not defined there)
 * @param saturatedFraction fraction of outputs within {@link #SATURATION_MARGIN} of an asymptote of a
 *                          sigmoid-like (0, 1) or tanh-like (-1, 1) activation; NaN for other activations
 * @param histogram         null when no histogram was taken at this step
 */
public record ActivationReport(String layer, int layerIndex, String activation, ArrayStats stats,
                               double deadFraction, double saturatedFraction, LogHistogram histogram) implements Serializable {

    /**
     * Distance from an asymptote that counts as saturated. For a sigmoid, y &lt; 0.01 or y &gt; 0.99
     * means |pre-activation| &gt; 4.6, where the derivative y(1-y) is below 4% of its maximum: the
     * unit passes almost no gradient back.
     */
    public static final double SATURATION_MARGIN = 0.01;

    public ActivationReport {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(stats, "stats");
    }
}
