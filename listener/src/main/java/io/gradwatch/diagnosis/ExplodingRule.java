package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.History.Key;
import io.gradwatch.diagnosis.History.Measure;
import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Exploding gradient, before NaN: once the window is full, a layer's weight gradient RMS is at least
 * {@link DiagnosisThresholds#explodingGrowthDecades()} decades above its smallest value earlier in the
 * window and has reached a large value (within {@link #LARGE_DECADES} decade of
 * {@link DiagnosisThresholds#explodingRms()}), or at least {@link DiagnosisThresholds#explodingRms()} in every
 * report of the short window.
 * The verdict holds while the values are non-finite (the NaN rule speaks then) and ends when both
 * measures are back inside their thresholds by the hysteresis margin. A layer whose gradient is all
 * zero is left to the all-zero rule.
 */
final class ExplodingRule implements Rule {

    /** Growth counts only up to a gradient RMS within this many decades of {@code explodingRms} (0.1 by default). */
    static final double LARGE_DECADES = 1;

    static final String HINT = "Common remedies: lower the learning rate, clip gradients "
            + "(GradientNormalization.ClipL2PerLayer or ClipElementWiseAbsoluteValue), smaller initial weights, "
            + "batch normalisation.";

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        History h = context.history();
        DiagnosisThresholds t = context.thresholds();
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p)) {
                continue;
            }
            Key key = new Key(Measure.LOG_GRADIENT_RMS, p.name());
            double now = Weights.log10(p.gradient().rms());
            h.put(key, now);
            if (!context.windowFull()) {
                continue;
            }
            if (p.gradient().rms() == 0) {
                out.add(Finding.clear(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex()));
                continue;
            }
            double[] window = h.last(key, t.windowReports());
            int min = History.argMin(window);
            // growth is measured against an earlier report only: never "0 decades in 0 iterations"
            double growth = min >= 0 && min < window.length - 1 ? now - window[min] : 0;
            double smallestRecent = Double.POSITIVE_INFINITY;
            for (double v : h.last(key, t.shortWindowReports())) {
                smallestRecent = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : Math.min(smallestRecent, v);
            }
            double large = Math.log10(t.explodingRms());
            double margin = t.hysteresisDecades();
            // "exploding" means large: growth from a near-zero minimum to a small value is not exploding
            boolean largeNow = now >= large - LARGE_DECADES;
            boolean byGrowth = growth >= t.explodingGrowthDecades() && largeNow;
            boolean byLevel = smallestRecent >= large;
            boolean growthHolds = growth >= t.explodingGrowthDecades() - margin && largeNow;
            boolean holds = growthHolds || now >= large - margin;
            double measured = Double.isNaN(now) ? Double.NaN : growth;
            long since = min >= 0 ? h.iteration(window.length - 1 - min) : report.iteration();
            out.add(Finding.judge(context, Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(),
                    measured, byGrowth || byLevel, holds, past -> {
                        String what = p.name() + ": gradient RMS " + Format.sci(Math.pow(10, now));
                        if (past ? byGrowth : growthHolds) {
                            what += " is " + Format.dec(growth) + " decades above its smallest value in the window ("
                                    + Format.sci(Math.pow(10, window[min])) + " at iteration " + since + ", "
                                    + (report.iteration() - since) + " iterations earlier); "
                                    + Thresholds.words(past, t.explodingGrowthDecades(), "decades",
                                    t.explodingGrowthDecades() - margin);
                        } else if (past) {
                            what += " has been at least " + Format.sci(t.explodingRms()) + " in each of the last "
                                    + t.shortWindowReports() + " reports; past the threshold " + Format.sci(t.explodingRms());
                        } else {
                            what += " is back below " + Format.sci(t.explodingRms()) + " but not yet below "
                                    + Format.sci(t.explodingRms() / Math.pow(10, margin)) + ", where this verdict ends";
                        }
                        return what + "; total gradient norm " + Format.sci(report.gradientTotalNorm())
                                + ": exploding gradient. " + HINT;
                    }));
        }
    }
}
