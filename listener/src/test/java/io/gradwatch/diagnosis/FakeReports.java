package io.gradwatch.diagnosis;

import io.gradwatch.report.ActivationReport;
import io.gradwatch.report.Diagnosis;
import io.gradwatch.report.GradientScale;
import io.gradwatch.report.Overhead;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.stats.ArrayStats;

import java.util.ArrayList;
import java.util.List;

/** Synthetic step reports, built field by field, for rule tests without a network. */
final class FakeReports {

    static final int BATCH = 32;
    static final double WEIGHT_RMS = 0.1;

    private final long iteration;
    private final List<ParameterReport> parameters = new ArrayList<>();
    private final List<ActivationReport> activations = new ArrayList<>();
    private double loss;
    private double totalNorm = 1.0;

    /** By default the loss falls steadily (a run that learns), so that only the rule under test speaks. */
    private FakeReports(long iteration) {
        this.iteration = iteration;
        this.loss = 2.0 * Math.exp(-iteration / 500.0);
    }

    static FakeReports at(long iteration) {
        return new FakeReports(iteration);
    }

    /** Statistics of 100 finite values with this RMS. */
    static ArrayStats stats(double rms) {
        return new ArrayStats(100, rms * 10, rms, rms, rms * 3, -rms * 3, rms * 3, 0, rms, 0, 0, 0);
    }

    /** Statistics of 100 values of which {@code nan} are NaN and {@code inf} infinite. */
    static ArrayStats nonFinite(long nan, long inf) {
        return new ArrayStats(100, Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, -1,
                Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, nan, inf, 0);
    }

    /** Layer {@code index} ("layer" + index) with weights W: gradient RMS and update:weight ratio. */
    FakeReports weight(int index, double gradientRms, double ratio) {
        return parameter(index, "W", stats(gradientRms), stats(ratio * WEIGHT_RMS), stats(WEIGHT_RMS), ratio);
    }

    FakeReports parameter(int index, String key, ArrayStats gradient, ArrayStats update, ArrayStats weights,
                          double ratio) {
        parameters.add(new ParameterReport("layer" + index, key, index, gradient, update, weights, ratio,
                null, null, null));
        return this;
    }

    /** Weights without update statistics (updates switched off). */
    FakeReports gradientOnly(int index, double gradientRms) {
        parameters.add(new ParameterReport("layer" + index, "W", index, stats(gradientRms), null, null, Double.NaN,
                null, null, null));
        return this;
    }

    FakeReports activation(int index, String activation, double dead, double saturated) {
        return activation(index, activation, dead, saturated, new ArrayStats(BATCH * 64L, 1, 0.5, 0.5, 1, 0, 1,
                0.5, 0.1, 0, 0, 0));
    }

    FakeReports activation(int index, String activation, double dead, double saturated, ArrayStats stats) {
        activations.add(new ActivationReport("layer" + index, index, activation, stats, dead, saturated, null));
        return this;
    }

    FakeReports loss(double value) {
        this.loss = value;
        return this;
    }

    FakeReports totalNorm(double value) {
        this.totalNorm = value;
        return this;
    }

    StepReport build() {
        return new StepReport("s", "0", iteration, 0, 1000 + iteration, loss, BATCH, GradientScale.MEAN_LOSS,
                totalNorm, parameters, activations, false, new Overhead(0, 0, Double.NaN, 0, 0), Diagnosis.none());
    }

    /** A four-layer net: layer0..layer2 hidden, layer3 the output; gradient RMS per layer, all ratios 1e-3. */
    static StepReport net(long iteration, double... gradientRms) {
        FakeReports r = at(iteration);
        for (int i = 0; i < gradientRms.length; i++) {
            r.weight(i, gradientRms[i], 1e-3);
        }
        return r.build();
    }
}
