package io.gradwatch.report;

import io.gradwatch.stats.ArrayStats;
import io.gradwatch.stats.LogHistogram;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything measured for one parameter array of one layer at one step.
 *
 * @param layer              layer name as DL4J reports it (e.g. {@code layer0} when unnamed)
 * @param parameter          DL4J's parameter key ({@code W}, {@code b}, {@code gamma}, {@code RW}, ...)
 * @param layerIndex         position of the layer in the network (0 = nearest the input)
 * @param gradient           gradient statistics, before the updater (scaled as {@link StepReport#gradientScale()} says)
 * @param update             statistics of what the updater subtracted; null when updates were not captured
 * @param weights            parameter statistics after the update; null when updates were not captured
 * @param updateRatio        RMS(update) / RMS(weights); NaN when either is unavailable or the weights are all zero
 * @param gradientHistogram  null when no histogram was taken at this step
 * @param updateHistogram    null when no histogram was taken at this step
 * @param weightHistogram    null when no histogram was taken at this step
 */
public record ParameterReport(String layer, String parameter, int layerIndex, ArrayStats gradient,
                              ArrayStats update, ArrayStats weights, double updateRatio,
                              LogHistogram gradientHistogram, LogHistogram updateHistogram,
                              LogHistogram weightHistogram) implements Serializable {

    public ParameterReport {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(gradient, "gradient");
    }

    /** This parameter's id. */
    public ParameterId id() {
        return new ParameterId(layer, parameter);
    }

    /** "layer/param" ({@link ParameterId#path()}), the name that {@code layers(regex)} is matched against. */
    public String name() {
        return id().path();
    }
}
