package io.gradwatch.diagnosis;

import io.gradwatch.report.ParameterReport;
import io.gradwatch.report.StepReport;
import io.gradwatch.report.Verdict.Problem;

import java.util.List;

/**
 * Exploding gradient, before NaN: a layer's weight gradient RMS is at least
 * {@link DiagnosisThresholds#explodingGrowthDecades()} decades above its smallest value in the
 * window (needs three reports, so one step is never enough), or at least
 * {@link DiagnosisThresholds#explodingRms()} in every report of the short window. The verdict holds
 * while the values are non-finite (the NaN rule speaks then) and ends when both measures are back
 * inside their thresholds by the hysteresis margin.
 */
final class ExplodingRule implements Rule {

    static final String HINT = "Common remedies: lower the learning rate, clip gradients "
            + "(GradientNormalization.ClipL2PerLayer or ClipElementWiseAbsoluteValue), smaller initial weights, "
            + "batch normalisation.";

    private static final int MIN_REPORTS = 3;

    @Override
    public void assess(StepReport report, Context context, List<Finding> out) {
        History h = context.history();
        DiagnosisThresholds t = context.thresholds();
        h.put("exploding.totalNorm", report.gradientTotalNorm());
        for (ParameterReport p : report.parameters()) {
            if (!Weights.isWeight(p)) {
                continue;
            }
            if (p.gradient().rms() == 0) { // nothing flows: not exploding (the dead-units rule may speak)
                out.add(Finding.clear(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex()));
                continue;
            }
            String key = "exploding.log:" + p.name();
            double now = Weights.log10(p.gradient().rms());
            h.put(key, now);
            double[] window = h.last(key, t.windowReports());
            boolean active = context.active(Finding.id(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter())) != null;
            if (Double.isNaN(now) || window.length < MIN_REPORTS) {
                if (active) {
                    out.add(Finding.hold(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), Double.NaN, null));
                }
                continue;
            }
            int min = History.argMin(window);
            double growth = now - window[min];
            double[] recent = h.last(key, t.shortWindowReports());
            double smallestRecent = Double.POSITIVE_INFINITY;
            for (double v : recent) {
                smallestRecent = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : Math.min(smallestRecent, v);
            }
            double large = Math.log10(t.explodingRms());
            double margin = t.hysteresisDecades();
            boolean enter = growth >= t.explodingGrowthDecades() || smallestRecent >= large;
            boolean holds = growth >= t.explodingGrowthDecades() - margin || now >= large - margin;
            if (enter || (active && holds)) {
                long since = h.iteration(window.length - 1 - min);
                String message = p.name() + ": gradient RMS " + Format.sci(Math.pow(10, now)) + " is "
                        + Format.dec(growth) + " decades above its smallest value in the last "
                        + (report.iteration() - since) + " iterations (" + Format.sci(Math.pow(10, window[min]))
                        + " at iteration " + since + "); total gradient norm " + Format.sci(report.gradientTotalNorm())
                        + ": exploding gradient. " + HINT;
                out.add(enter
                        ? Finding.enter(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), growth, message)
                        : Finding.hold(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex(), growth, message));
            } else {
                out.add(Finding.clear(Problem.EXPLODING_GRADIENT, p.layer(), p.parameter(), p.layerIndex()));
            }
        }
    }
}
