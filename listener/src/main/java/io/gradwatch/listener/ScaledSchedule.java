package io.gradwatch.listener;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning-rate schedule times a factor: what a roll-back leaves in place of the user's schedule.
 * Serialisable by DL4J's configuration JSON, but gradwatch puts the user's own schedule back before it
 * saves a checkpoint, so that checkpoints load without gradwatch on the classpath.
 */
final class ScaledSchedule implements ISchedule {

    private final ISchedule base;
    private final double factor;

    ScaledSchedule(@JsonProperty("base") ISchedule base, @JsonProperty("factor") double factor) {
        this.base = base;
        this.factor = factor;
    }

    @JsonProperty("base")
    ISchedule base() {
        return base;
    }

    @JsonProperty("factor")
    double factor() {
        return factor;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return factor * base.valueAt(iteration, epoch);
    }

    @Override
    public ISchedule clone() {
        return new ScaledSchedule(base.clone(), factor);
    }
}
